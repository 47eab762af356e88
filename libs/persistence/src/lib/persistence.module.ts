import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { dataSourceOptions } from './data-source';
import { AccountRepository } from './repositories/account.repository';
import { AssetRepository } from './repositories/asset.repository';
import { WebhookRepository } from './repositories/webhook.repository';
import { ActionLinkRepository } from './repositories/action-link.repository';
import { ApprovalRepository } from './repositories/approval.repository';
import { AuditLogRepository } from './repositories/audit-log.repository';
import { OneTimeTokenRepository } from './repositories/one-time-token.repository';
import { SessionRepository } from './repositories/session.repository';
import { BackfillRepository } from './repositories/backfill.repository';
import { BundleRepository } from './repositories/bundle.repository';
import { DagRunRepository } from './repositories/dag-run.repository';
import { DagRepository } from './repositories/dag.repository';
import { DagViewRepository } from './repositories/dag-view.repository';
import { DispatchRepository } from './repositories/dispatch.repository';
import { PoolRepository } from './repositories/pool.repository';
import { TaskInstanceRepository } from './repositories/task-instance.repository';
import { TaskLogRepository } from './repositories/task-log.repository';
import { XComRepository } from './repositories/xcom.repository';
import { TaskTryRepository } from './repositories/task-try.repository';
import { ApiTokenRepository } from './repositories/api-token.repository';
import { ConnectionRepository } from './repositories/connection.repository';
import { TeamRepository } from './repositories/team.repository';
import { VariableRepository } from './repositories/variable.repository';
import { NotificationChannelRepository } from './repositories/notification-channel.repository';
import { NotificationDeliveryRepository } from './repositories/notification-delivery.repository';
import { IncidentRepository } from './repositories/incident.repository';
import { SlaMissRepository } from './repositories/sla-miss.repository';
import { ScheduledRunRepository } from './repositories/scheduled-run.repository';
import { RetentionRepository } from './repositories/retention.repository';
import { TenantRepository } from './repositories/tenant.repository';
import { WorkerRepository } from './repositories/worker.repository';

const REPOSITORIES = [
  AccountRepository,
  ActionLinkRepository,
  ApprovalRepository,
  SessionRepository,
  OneTimeTokenRepository,
  AuditLogRepository,
  BundleRepository,
  DagRepository,
  DagViewRepository,
  DagRunRepository,
  ScheduledRunRepository,
  RetentionRepository,
  TaskInstanceRepository,
  DispatchRepository,
  PoolRepository,
  TaskLogRepository,
  XComRepository,
  NotificationChannelRepository,
  NotificationDeliveryRepository,
  SlaMissRepository,
  IncidentRepository,
  TeamRepository,
  ApiTokenRepository,
  VariableRepository,
  ConnectionRepository,
  BackfillRepository,
  WorkerRepository,
  TaskTryRepository,
  TenantRepository,
  AssetRepository,
  WebhookRepository,
];

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [UPDRAFT_CONFIG],
      useFactory: (config: UpdraftConfig) => ({
        ...dataSourceOptions(config.databaseUrl),
        retryAttempts: 20,
        retryDelay: 1_000,
      }),
    }),
  ],
  providers: REPOSITORIES,
  exports: REPOSITORIES,
})
export class PersistenceModule {}
