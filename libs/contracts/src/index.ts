export * from './lib/bundle-manifest';
export * from './lib/queue-contracts';
