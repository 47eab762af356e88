export * from './lib/bundle-manifest';
