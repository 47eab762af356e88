export * from './lib/bundles.module';

