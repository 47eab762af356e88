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
import { dbClean } from './app/retention/db-clean';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = installLogger(config, 'scheduler');
  const tracing = startTracing(config.tracing, 'scheduler');
  const app = await NestFactory.createApplicationContext(AppModule, { logger });
  const db = app.get(DataSource);
  const queue = (name: string) => app.get<Queue>(getQueueToken(name));
  const metrics = new UpdraftMetrics('scheduler');
  metrics.watchQueues(Object.values(QUEUES).map(queue));
  metrics.watchDatabase(db, config.dispatchSlots, config.defaultPoolSlots);
  new JobMetrics(metrics, db).watchScheduler(queue(QUEUES.scheduler), config.schedulerSweepIntervalMs);
  const ops = await openOpsPort('Scheduler', config.schedulerMetricsPort, metrics, () =>
    platformNotReady(db, queue(QUEUES.scheduler).client),
  );
  app.enableShutdownHooks();
  process.once('beforeExit', () => {
    ops?.close();
    void tracing?.shutdown().catch(() => undefined);
  });
  Logger.log('Updraft scheduler started', 'Scheduler');
}

const command = process.argv[2] === 'db-clean' ? () => dbClean(process.argv.slice(3)) : bootstrap;

command().catch((error) => {
  Logger.error(error instanceof Error ? error.message : String(error), 'Scheduler');
  process.exit(1);
});
