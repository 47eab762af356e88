export * from './lib/sandbox.module';

