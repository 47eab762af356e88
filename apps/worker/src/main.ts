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
import { SandboxCapabilities, sandboxCapabilities } from '@updraft/sandbox';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { AppModule } from './app/app.module';
import { WarmSandboxes } from './app/operators/warm-sandboxes.service';

/** Says once, at start, what of the sandbox this host does not allow: the worker runs without it. */
function warnIfDegraded(sandbox: SandboxCapabilities, networkIsolationWanted: boolean): void {
  const missing = [
    !sandbox.network &&
      (networkIsolationWanted
        ? 'no network isolation (unshare -n refused: the container needs CAP_SYS_ADMIN); tenant code reaches what the worker reaches'
        : 'no network isolation (SANDBOX_NETWORK_ISOLATION=false)'),
    !sandbox.processes &&
      "no process isolation (unshare -p refused: CAP_SYS_ADMIN); a task's processes may outlive its try",
    !sandbox.memory && 'no memory limit for tasks (prlimit refused)',
    !sandbox.unprivilegedUser && "tenant shell commands run as the worker's own user (the worker is not root)",
  ].filter(Boolean);
  if (missing.length > 0) Logger.warn(`sandbox degraded: ${missing.join('; ')} (docs/security.md)`, 'Worker');
  else Logger.log('sandbox: network, process and memory isolation, tasks as nobody', 'Worker');
}

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
  const sandbox = sandboxCapabilities();
  sandbox.network &&= config.sandboxNetworkIsolation;
  metrics.watchSandboxes(app.get(WarmSandboxes), { ...sandbox });
  warnIfDegraded(sandbox, config.sandboxNetworkIsolation);
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
