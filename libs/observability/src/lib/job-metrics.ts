import type { Job, Queue } from 'bull';
import type { DataSource } from 'typeorm';
import type { UpdraftMetrics } from './metrics';

const seconds = (from: Date | string | null, to: Date | string | null): number | null =>
  from && to ? Math.max(0, (new Date(to).getTime() - new Date(from).getTime()) / 1000) : null;

/**
 * Counts from the edges of the engine, without reaching into it: Bull's events for the jobs this
 * process ran, and PostgreSQL for what those jobs decided. Each job completes in one process only,
 * so summing a metric over replicas counts each event once.
 */
export class JobMetrics {
  constructor(
    private readonly metrics: UpdraftMetrics,
    private readonly db: DataSource,
  ) {}

  /** Worker: each ended try (state, duration, time queued) and each notification delivery attempt. */
  watchWorker(tasks: Queue, notifications: Queue): void {
    const tryEnded = (job: Job<{ tenantId: string; taskInstanceId: string }>) =>
      void this.recordTry(job.data.tenantId, job.data.taskInstanceId).catch(() => undefined);
    tasks.on('completed', tryEnded);
    tasks.on('failed', tryEnded);
    notifications.on('completed', (job: Job) => {
      if (job.name === 'deliver-notification') this.metrics.notificationDeliveries.inc({ result: 'delivered' });
    });
    notifications.on('failed', (job: Job) => {
      if (job.name !== 'deliver-notification') return;
      const last = job.attemptsMade >= (job.opts.attempts ?? 1);
      this.metrics.notificationDeliveries.inc({ result: last ? 'gave_up' : 'failed' });
    });
  }

  /**
   * Scheduler: each job's duration by name, and on each sweep tick (one replica takes each tick)
   * the scheduled runs started and SLA misses detected in the tick's window.
   */
  watchScheduler(queue: Queue, sweepIntervalMs: number): void {
    const ended = (outcome: 'ok' | 'error') => (job: Job) => {
      const duration = seconds(
        job.processedOn ? new Date(job.processedOn) : null,
        job.finishedOn ? new Date(job.finishedOn) : null,
      );
      if (duration === null) return;
      this.metrics.schedulerJobDuration.observe({ job: job.name, outcome }, duration);
      if (job.name !== 'sweep') return;
      this.metrics.schedulerLoopDuration.observe(duration);
      const end = Math.floor((job.processedOn ?? Date.now()) / sweepIntervalMs) * sweepIntervalMs;
      void this.recordWindow(new Date(end - sweepIntervalMs), new Date(end)).catch(() => undefined);
    };
    queue.on('completed', ended('ok'));
    queue.on('failed', ended('error'));
  }

  async recordTry(tenantId: string, taskInstanceId: string): Promise<void> {
    const rows: { state: string | null; start_date: Date; end_date: Date | null; queued_at: Date | null }[] =
      await this.db.query(
        `SELECT t.state, t.start_date, t.end_date, ti.queued_at
           FROM task_try t JOIN task_instance ti ON ti.id = t.task_instance_id AND ti.tenant_id = t.tenant_id
          WHERE t.tenant_id = $1 AND t.task_instance_id = $2
          ORDER BY t.try_number DESC LIMIT 1`,
        [tenantId, taskInstanceId],
      );
    const last = rows[0];
    // A try handed back (draining) or still running has no state yet: it is counted where it ends.
    if (!last?.state || !last.end_date) return;
    this.metrics.tiFinish.inc({ state: last.state });
    const duration = seconds(last.start_date, last.end_date);
    if (duration !== null) this.metrics.taskDuration.observe({ state: last.state }, duration);
    const queued = seconds(last.queued_at, last.start_date);
    if (queued !== null && new Date(last.queued_at as Date) <= new Date(last.start_date))
      this.metrics.taskQueuedDuration.observe(queued);
  }

  async recordWindow(from: Date, to: Date): Promise<void> {
    const runs: { delay: number }[] = await this.db.query(
      `SELECT extract(epoch FROM start_date - data_interval_end)::float8 AS delay FROM dag_run
        WHERE run_type = 'scheduled' AND start_date >= $1 AND start_date < $2`,
      [from, to],
    );
    for (const run of runs) this.metrics.dagRunScheduleDelay.observe(Math.max(0, Number(run.delay)));
    const [misses] = await this.db.query(
      `SELECT count(*)::int AS count FROM sla_miss WHERE detected_at >= $1 AND detected_at < $2`,
      [from, to],
    );
    if (misses?.count) this.metrics.slaMissed.inc(Number(misses.count));
  }
}
