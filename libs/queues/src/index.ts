export * from './lib/queues';
export * from './lib/queues.module';
