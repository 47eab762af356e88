import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { AuthModule } from '@updraft/auth';
import { ConfigModule } from '@updraft/config';
import { PersistenceModule } from '@updraft/persistence';
import { QueuesModule } from '@updraft/queues';
import { SecretsModule } from '@updraft/secrets';
import { ApiExceptionFilter } from '../services/http/api-exception.filter';
import { JsonBodyInterceptor } from '../services/http/json-body.interceptor';
import { AccountsModule } from './accounts/accounts.module';
import { AssetsModule } from './assets/assets.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { ActionLinksModule } from './action-links/action-links.module';
import { ApiTokensModule } from './api-tokens/api-tokens.module';
import { ApprovalsModule } from './approvals/approvals.module';
import { AuditModule } from './audit/audit.module';
import { BackfillsModule } from './backfills/backfills.module';
import { BundlesModule } from './bundles/bundles.module';
import { ConnectionsModule } from './connections/connections.module';
import { DagRunsModule } from './dag-runs/dag-runs.module';
import { DagsModule } from './dags/dags.module';
import { DevMailboxModule } from './dev-mailbox/dev-mailbox.module';
import { HealthModule } from './health/health.module';
import { IncidentsModule } from './incidents/incidents.module';
import { InvitationsModule } from './invitations/invitations.module';
import { MembersModule } from './members/members.module';
import { NotificationChannelsModule } from './notification-channels/notification-channels.module';
import { OperationsModule } from './operations/operations.module';
import { PoolsModule } from './pools/pools.module';
import { SlaMissesModule } from './sla-misses/sla-misses.module';
import { TaskInstancesModule } from './task-instances/task-instances.module';
import { TeamsModule } from './teams/teams.module';
import { TenantSettingsModule } from './tenant-settings/tenant-settings.module';
import { VariablesModule } from './variables/variables.module';

/**
 * Infrastructure, then one module per feature (each with its controller, service and DTOs). The features are
 * listed in the order their routes appear in the OpenAPI document.
 */
@Module({
  imports: [
    ConfigModule,
    PersistenceModule,
    QueuesModule.register(),
    AuthModule,
    SecretsModule,
    HealthModule,
    AccountsModule,
    InvitationsModule,
    DevMailboxModule,
    AuditModule,
    BundlesModule,
    DagsModule,
    DagRunsModule,
    BackfillsModule,
    PoolsModule,
    TaskInstancesModule,
    TenantSettingsModule,
    MembersModule,
    TeamsModule,
    ApiTokensModule,
    VariablesModule,
    ConnectionsModule,
    NotificationChannelsModule,
    AssetsModule,
    WebhooksModule,
    SlaMissesModule,
    IncidentsModule,
    ApprovalsModule,
    ActionLinksModule,
    OperationsModule,
  ],
  providers: [
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
    { provide: APP_INTERCEPTOR, useClass: JsonBodyInterceptor },
  ],
})
export class AppModule {}
