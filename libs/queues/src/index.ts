export * from './lib/queues.module';

