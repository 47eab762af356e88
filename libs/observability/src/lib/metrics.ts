import type { Queue } from 'bull';
import { Counter, Gauge, Histogram, collectDefaultMetrics, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { AppName } from './logging';

/** Seconds buckets for things from milliseconds to an hour (task durations, delays). */
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

/**
 * Every metric the apps export, named after Airflow's where a counterpart exists
 * (`scheduler.scheduler_loop_duration` → `airflow_scheduler_scheduler_loop_duration_seconds`), so
 * that dashboards carry over; Updraft's own are `updraft_…`. No metric has a tenant label: tenants
 * are unbounded, and a label per tenant would grow Prometheus without end.
 */
export class UpdraftMetrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'updraft_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly schedulerLoopDuration = new Histogram({
    name: 'airflow_scheduler_scheduler_loop_duration_seconds',
    help: 'One scheduler sweep (the safety-net loop over every active run)',
    buckets: SECONDS,
    registers: [this.registry],
  });

  readonly schedulerJobDuration = new Histogram({
    name: 'updraft_scheduler_job_duration_seconds',
    help: 'Scheduler jobs by name (evaluate-run, sweep, create-scheduled-runs, check-slas) and outcome',
    labelNames: ['job', 'outcome'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  readonly dagRunScheduleDelay = new Histogram({
    name: 'airflow_dagrun_schedule_delay_seconds',
    help: "Scheduled runs: from the end of the run's data interval to the run's start",
    buckets: SECONDS,
    registers: [this.registry],
  });

  readonly slaMissed = new Counter({
    name: 'airflow_sla_missed_total',
    help: 'SLA and deadline misses detected',
    registers: [this.registry],
  });

  readonly tiFinish = new Counter({
    name: 'airflow_ti_finish_total',
    help: 'Task tries ended, by state (success, failed, up_for_retry, …)',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });

  readonly taskQueuedDuration = new Histogram({
    name: 'airflow_task_queued_duration_seconds',
    help: 'From a task instance being queued to its try starting on a worker',
    buckets: SECONDS,
    registers: [this.registry],
  });

  readonly taskDuration = new Histogram({
    name: 'airflow_task_duration_seconds',
    help: 'Task tries from start to end, by the state they ended in',
    labelNames: ['state'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  readonly notificationDeliveries = new Counter({
    name: 'updraft_notification_deliveries_total',
    help: 'Notification delivery attempts (email, Slack) by result: delivered, failed (retried later), gave_up',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  constructor(app: AppName) {
    this.registry.setDefaultLabels({ app });
    collectDefaultMetrics({ register: this.registry, prefix: 'updraft_process_' });
  }

  /** Queue depth by state for each Bull queue, read from Redis at each scrape. */
  watchQueues(queues: Queue[]): void {
    new Gauge({
      name: 'updraft_queue_jobs',
      help: 'Bull jobs by queue and state (Redis; PostgreSQL is the truth: see updraft_task_instances)',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const queue of queues) {
          const counts = await queue.getJobCounts();
          for (const [state, count] of Object.entries(counts)) this.set({ queue: queue.name, state }, count);
        }
      },
    });
  }

  /**
   * Gauges read from PostgreSQL at each scrape: task instances waiting or running by state, open
   * pool slots (summed over tenants, by pool name) and the platform's open dispatch slots, which
   * is what KEDA scales workers on (deploy/).
   */
  watchDatabase(db: DataSource, dispatchSlots: number, defaultPoolSlots: number): void {
    const waiting = ['scheduled', 'queued', 'running', 'up_for_retry', 'up_for_reschedule'];
    // One read per scrape, shared by the three gauges (prom-client collects them concurrently).
    let pending: Promise<{ states: Map<string, number>; pools: { pool: string; open: string }[] }> | null = null;
    const read = () =>
      (pending ??= (async () => {
        const [states, pools] = await Promise.all([
          db.query(`SELECT state, count(*) AS count FROM task_instance WHERE state = ANY($1) GROUP BY state`, [
            waiting,
          ]) as Promise<{ state: string; count: string }[]>,
          // A tenant whose default_pool has no row has DEFAULT_POOL_SLOTS of it, as the dispatch counts.
          db.query(
            `SELECT p.name AS pool, sum(p.slots) - coalesce(sum(used.slots), 0) AS open
               FROM (SELECT tenant_id, name, slots FROM pool
                     UNION ALL
                     SELECT t.id, 'default_pool', $1 FROM tenant t
                      WHERE NOT EXISTS (SELECT 1 FROM pool d WHERE d.tenant_id = t.id AND d.name = 'default_pool')) p
               LEFT JOIN (SELECT tenant_id, pool, sum(pool_slots) AS slots FROM task_instance
                           WHERE state IN ('queued', 'running') GROUP BY tenant_id, pool) used
                 ON used.tenant_id = p.tenant_id AND used.pool = p.name
              GROUP BY p.name`,
            [defaultPoolSlots],
          ) as Promise<{ pool: string; open: string }[]>,
        ]);
        return { states: new Map(states.map((row) => [row.state, Number(row.count)])), pools };
      })().finally(() => setTimeout(() => (pending = null), 1_000).unref()));
    new Gauge({
      name: 'updraft_task_instances',
      help: 'Task instances by (unfinished) state, from PostgreSQL',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        const { states } = await read();
        for (const state of waiting) this.set({ state }, states.get(state) ?? 0);
      },
    });
    new Gauge({
      name: 'updraft_dispatch_open_slots',
      help: 'DISPATCH_SLOTS minus task instances queued or running',
      registers: [this.registry],
      async collect() {
        const { states } = await read();
        this.set(dispatchSlots - (states.get('queued') ?? 0) - (states.get('running') ?? 0));
      },
    });
    new Gauge({
      name: 'airflow_pool_open_slots',
      help: 'Pool slots not taken by queued or running task instances, summed over tenants, by pool name',
      labelNames: ['pool'] as const,
      registers: [this.registry],
      async collect() {
        const { pools } = await read();
        this.reset();
        for (const row of pools) this.set({ pool: row.pool }, Number(row.open));
      },
    });
  }

  /**
   * The worker's sandboxes: warm processes idle and busy, processes started (fewer than tries means
   * reuse), and which isolation features this host allows (0: the worker runs without it).
   */
  watchSandboxes(
    pool: { idleCount: number; busyCount: number; processesStarted: number },
    capabilities: Record<string, boolean>,
  ): void {
    new Gauge({
      name: 'updraft_sandbox_warm_processes',
      help: 'Warm sandbox processes of this worker, idle or busy',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'busy' }, pool.busyCount);
      },
    });
    let counted = 0;
    new Counter({
      name: 'updraft_sandbox_warm_processes_started_total',
      help: 'Warm sandbox processes started by this worker for function tasks (each serves many tries)',
      registers: [this.registry],
      collect() {
        this.inc(pool.processesStarted - counted);
        counted = pool.processesStarted;
      },
    });
    const isolation = new Gauge({
      name: 'updraft_sandbox_isolation',
      help: 'Sandbox features this host allows (1) or the worker runs without (0)',
      labelNames: ['feature'] as const,
      registers: [this.registry],
    });
    for (const [feature, allowed] of Object.entries(capabilities)) isolation.set({ feature }, allowed ? 1 : 0);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

interface RoutedRequest {
  method?: string;
  baseUrl?: string;
  route?: { path?: string };
}

/** Express middleware timing each request under its route template (`/api/v1/tenants/:tenant/dags`), never its raw URL. */
export function httpMetrics(
  metrics: UpdraftMetrics,
): (
  req: RoutedRequest,
  res: { statusCode: number; once(event: 'finish', f: () => void): void },
  next: () => void,
) => void {
  return (req, res, next) => {
    const end = metrics.httpRequestDuration.startTimer();
    res.once('finish', () => {
      const route = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched';
      end({ method: req.method ?? 'GET', route, status: String(res.statusCode) });
    });
    next();
  };
}
