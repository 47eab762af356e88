import { Module } from '@nestjs/common';
import { Dispatcher } from './dispatcher.service';
import { RunEvaluator } from './run-evaluator.service';
import { TaskExpander } from './task-expander.service';

/**
 * Deciding what runs next and queueing it: the scheduler's evaluations and, after each try, the
 * worker's hand-off. Uses the app's (global) configuration, persistence and queue modules.
 */
@Module({
  providers: [Dispatcher, RunEvaluator, TaskExpander],
  exports: [Dispatcher, RunEvaluator, TaskExpander],
})
export class OrchestrationModule {}
