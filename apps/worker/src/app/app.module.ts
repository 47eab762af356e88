import { EgressModule } from '@updraft/egress';
import { Module } from '@nestjs/common';
import { ConfigModule } from '@updraft/config';
import { MailModule } from '@updraft/mail';
import { AccountMailProcessor, NotificationProcessor, NotificationsModule } from '@updraft/notifications';
import { OrchestrationModule } from '@updraft/orchestration';
import { PersistenceModule } from '@updraft/persistence';
import { QueuesModule } from '@updraft/queues';
import { SecretsModule } from '@updraft/secrets';
import { AssetOutlets } from './assets/asset-outlets.service';
import { BundleCache } from './bundle-cache/bundle-cache.service';
import { BundleParser } from './bundle-parsing/bundle-parser.service';
import { OperatorRegistry, OPERATOR_EXECUTORS } from './operators/operator-registry';
import { WarmSandboxes } from './operators/warm-sandboxes.service';
import { PlatformCalls } from './operators/platform-calls.service';
import { HeartbeatService } from './task-execution/heartbeat.service';
import { TaskRunner } from './task-execution/task-runner.service';
import { TryBatches } from './task-execution/try-batches.service';
import { WorkerPresence } from './task-execution/worker-presence.service';
import { TemplateRenderer } from './templating/template-renderer.service';
import { BUILT_SANDBOX_RUNNER_PATH, SANDBOX_RUNNER } from './sandbox-runner-path';
import { WorkerProcessor } from './worker.processor';

@Module({
  imports: [
    ConfigModule,
    PersistenceModule,
    QueuesModule.register(),
    SecretsModule,
    MailModule,
    NotificationsModule,
    EgressModule,
    OrchestrationModule,
  ],
  providers: [
    { provide: SANDBOX_RUNNER, useValue: BUILT_SANDBOX_RUNNER_PATH },
    BundleCache,
    BundleParser,
    HeartbeatService,
    WarmSandboxes,
    PlatformCalls,
    AssetOutlets,
    ...OPERATOR_EXECUTORS,
    OperatorRegistry,
    TemplateRenderer,
    TryBatches,
    TaskRunner,
    WorkerPresence,
    WorkerProcessor,
    NotificationProcessor,
    AccountMailProcessor,
  ],
})
export class AppModule {}
