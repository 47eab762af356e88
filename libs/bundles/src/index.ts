export * from './lib/archive';
export * from './lib/bundle-error';
export * from './lib/compile';
export * from './lib/manifest';
export * from './lib/dag-source';
