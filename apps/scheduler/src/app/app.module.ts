import { Module } from '@nestjs/common';
import { ConfigModule } from '@updraft/config';
import { NotificationsModule } from '@updraft/notifications';
import { OrchestrationModule } from '@updraft/orchestration';
import { PersistenceModule } from '@updraft/persistence';
import { QueuesModule } from '@updraft/queues';
import { AssetRunCreator } from './run-creation/asset-run-creator.service';
import { IncidentKeeper } from './incidents/incident-keeper.service';
import { RunCreator } from './run-creation/run-creator.service';
import { SchedulerProcessor } from './scheduler.processor';
import { SlaChecker } from './sla/sla-checker.service';
import { SlaProcessor } from './sla/sla.processor';
import { SweepService } from './sweep/sweep.service';
import { RetentionProcessor } from './retention/retention.processor';

@Module({
  imports: [ConfigModule, PersistenceModule, QueuesModule.register(), NotificationsModule, OrchestrationModule],
  providers: [
    RunCreator,
    AssetRunCreator,
    SweepService,
    SchedulerProcessor,
    SlaChecker,
    SlaProcessor,
    RetentionProcessor,
    IncidentKeeper,
  ],
})
export class AppModule {}
