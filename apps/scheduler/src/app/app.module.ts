import { Module } from '@nestjs/common';
import { ConfigModule } from '@updraft/config';
import { NotificationsModule } from '@updraft/notifications';
import { PersistenceModule } from '@updraft/persistence';
import { QueuesModule } from '@updraft/queues';
import { Dispatcher } from './dispatch/dispatcher.service';
import { RunCreator } from './run-creation/run-creator.service';
import { RunEvaluator } from './run-evaluation/run-evaluator.service';
import { TaskExpander } from './run-evaluation/task-expander.service';
import { SchedulerProcessor } from './scheduler.processor';
import { SlaChecker } from './sla/sla-checker.service';
import { SlaProcessor } from './sla/sla.processor';
import { SweepService } from './sweep/sweep.service';

@Module({
  imports: [ConfigModule, PersistenceModule, QueuesModule.register(), NotificationsModule],
  providers: [Dispatcher, RunCreator, RunEvaluator, TaskExpander, SweepService, SchedulerProcessor, SlaChecker, SlaProcessor],
})
export class AppModule {}
