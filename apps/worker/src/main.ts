import { getQueueToken } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@updraft/config';
import {
  installLogger,
  JobMetrics,
  platformNotReady,
  openOpsPort,
  startTracing,
  UpdraftMetrics,
} from '@updraft/observability';
import { QUEUES } from '@updraft/queues';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { AppModule } from './app/app.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = installLogger(config, 'worker');
  const tracing = startTracing(config.tracing, 'worker');
  const app = await NestFactory.createApplicationContext(AppModule, { logger });
  const db = app.get(DataSource);
  const queue = (name: string) => app.get<Queue>(getQueueToken(name));
  const metrics = new UpdraftMetrics('worker');
  metrics.watchQueues(Object.values(QUEUES).map(queue));
  new JobMetrics(metrics, db).watchWorker(queue(QUEUES.tasks), queue(QUEUES.notifications));
  let draining = false;
  const ops = await openOpsPort('Worker', config.workerMetricsPort, metrics, async () =>
    draining
      ? 'draining: taking no new task, finishing the running ones'
      : platformNotReady(db, queue(QUEUES.tasks).client),
  );
  // Not enableShutdownHooks(): that re-raises the signal after closing; a drained worker exits 0.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      draining = true;
      Logger.log(`${signal}: draining`, 'Worker');
      app.close().then(
        async () => {
          ops?.close();
          await tracing?.shutdown().catch(() => undefined);
          process.exit(0);
        },
        (error) => {
          Logger.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`, 'Worker');
          process.exit(1);
        },
      );
    });
  }
  Logger.log('Updraft worker started', 'Worker');
}

bootstrap().catch((error) => {
  Logger.error(error instanceof Error ? error.message : String(error), 'Worker');
  process.exit(1);
});
