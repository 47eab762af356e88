export * from './lib/states';
export * from './lib/trigger-rules';
export * from './lib/permissions';
export * from './lib/retries';
export * from './lib/schedule';
export * from './lib/params';
export * from './lib/relatives';
export * from './lib/branching';
