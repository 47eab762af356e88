import { Module } from '@nestjs/common';
import { ConfigModule } from '@updraft/config';
import { PersistenceModule } from '@updraft/persistence';
import { QueuesModule } from '@updraft/queues';
import { RunCreator } from './run-creation/run-creator.service';
import { RunEvaluator } from './run-evaluation/run-evaluator.service';
import { SchedulerProcessor } from './scheduler.processor';
import { SweepService } from './sweep/sweep.service';

@Module({
  imports: [ConfigModule, PersistenceModule, QueuesModule.register()],
  providers: [RunCreator, RunEvaluator, SweepService, SchedulerProcessor],
})
export class AppModule {}
