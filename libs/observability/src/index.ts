export * from './lib/logging';
export * from './lib/metrics';
export * from './lib/ops-server';
export * from './lib/readiness';
export * from './lib/job-metrics';
export * from './lib/tracing';
