import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { AuthModule } from '@updraft/auth';
import { ConfigModule } from '@updraft/config';
import { PersistenceModule } from '@updraft/persistence';
import { QueuesModule } from '@updraft/queues';
import { ApiExceptionFilter } from '../services/http/api-exception.filter';
import { JsonBodyInterceptor } from '../services/http/json-body.interceptor';
import { RateLimitsModule } from '../services/rate-limits/rate-limits.module';
import { AccessModule } from './access.module';
import { AccountSessionsController } from './accounts/account-sessions.controller';
import { AccountsController } from './accounts/accounts.controller';
import { AccountsModule } from './accounts/accounts.module';
import { AuditLogController } from './audit/audit-log.controller';
import { BackfillsController } from './backfills/backfills.controller';
import { BackfillsService } from './backfills/backfills.service';
import { BundlesController } from './bundles/bundles.controller';
import { BundlesService } from './bundles/bundles.service';
import { DagRunsController } from './dag-runs/dag-runs.controller';
import { DagRunsService } from './dag-runs/dag-runs.service';
import { TenantRunsController } from './dag-runs/tenant-runs.controller';
import { DagViewsService } from './dags/dag-views.service';
import { DagsController } from './dags/dags.controller';
import { DevMailboxController } from './dev-mailbox/dev-mailbox.controller';
import { HealthController } from './health/health.controller';
import { InvitationsController } from './invitations/invitations.controller';
import { NotificationChannelsModule } from './notification-channels/notification-channels.module';
import { OperationsModule } from './operations/operations.module';
import { PoolsController } from './pools/pools.controller';
import { TaskInstancesController } from './task-instances/task-instances.controller';
import { TaskDependenciesService } from './task-instances/task-dependencies.service';
import { TenantSettingsController } from './tenant-settings/tenant-settings.controller';

@Module({
  imports: [
    ConfigModule,
    PersistenceModule,
    QueuesModule.register(),
    AuthModule,
    AccessModule,
    AccountsModule,
    NotificationChannelsModule,
    RateLimitsModule,
    OperationsModule,
  ],
  controllers: [
    HealthController,
    AccountsController,
    AccountSessionsController,
    InvitationsController,
    DevMailboxController,
    AuditLogController,
    BundlesController,
    DagsController,
    DagRunsController,
    TenantRunsController,
    BackfillsController,
    PoolsController,
    TaskInstancesController,
    TenantSettingsController,
  ],
  providers: [
    BundlesService,
    DagRunsService,
    BackfillsService,
    TaskDependenciesService,
    DagViewsService,
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
    { provide: APP_INTERCEPTOR, useClass: JsonBodyInterceptor },
  ],
})
export class AppModule {}
