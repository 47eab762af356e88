export * from './lib/dispatcher.service';
export * from './lib/orchestration.module';
export * from './lib/run-evaluator.service';
export * from './lib/task-expander.service';
