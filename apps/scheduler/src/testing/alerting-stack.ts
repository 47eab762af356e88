import { INestApplicationContext, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConfigModule, loadConfig, UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { NotificationProcessor, NotificationsModule } from '@updraft/notifications';
import { PersistenceModule } from '@updraft/persistence';
import { QueuesModule } from '@updraft/queues';
import {
  createTestDatabase,
  DEFAULT_REDIS_URL,
  flushRedisPrefix,
  SlackStandIn,
  SmtpCapture,
  startSlackStandIn,
  startSmtpCapture,
  TestDatabase,
  uniqueRedisPrefix,
} from '@updraft/testing';
import { AppModule } from '../app/app.module';

/** What apps/worker hosts for notifications: the queue processor and the senders behind it. */
@Module({
  imports: [ConfigModule, PersistenceModule, QueuesModule.register(), NotificationsModule],
  providers: [NotificationProcessor],
})
class NotificationDeliveryModule {}

/** Two schedulers and a notification worker on a fresh database, telling a real SMTP server and the Slack stand-in. */
export interface AlertingStack {
  database: TestDatabase;
  smtp: SmtpCapture;
  slack: SlackStandIn;
  config: UpdraftConfig;
  schedulers: INestApplicationContext[];
  /** Delivers notifications; also the handle tests reach repositories through. */
  delivery: INestApplicationContext;
  close(): Promise<void>;
}

export async function startAlertingStack(checkIntervalMs: number): Promise<AlertingStack> {
  const redisPrefix = uniqueRedisPrefix();
  const [database, smtp, slack] = await Promise.all([createTestDatabase(), startSmtpCapture(), startSlackStandIn()]);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: DEFAULT_REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    SMTP_URL: smtp.url,
    SLACK_API_URL: slack.url,
    PUBLIC_URL: 'https://updraft.example.com',
    SLA_CHECK_INTERVAL_MS: String(checkIntervalMs),
    EGRESS_ALLOWED_HOSTS: '127.0.0.1',
    NOTIFICATION_ATTEMPTS: '3',
    NOTIFICATION_BACKOFF_MS: '100',
  });
  const boot = async (module: unknown) =>
    (
      await Test.createTestingModule({ imports: [module as never] })
        .overrideProvider(UPDRAFT_CONFIG)
        .useValue(config)
        .compile()
    ).init();
  const delivery = await boot(NotificationDeliveryModule);
  const schedulers = [await boot(AppModule), await boot(AppModule)];
  return {
    database,
    smtp,
    slack,
    config,
    schedulers,
    delivery,
    async close() {
      for (const app of [...schedulers, delivery]) await app.close();
      await Promise.all([smtp.close(), slack.close()]);
      await database.drop();
      await flushRedisPrefix(DEFAULT_REDIS_URL, redisPrefix);
    },
  };
}
