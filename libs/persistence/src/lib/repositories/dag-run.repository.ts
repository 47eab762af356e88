import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEFAULT_POOL, makeRunId, RunState, RunType } from '@updraft/domain';
import { newRunTraceContext } from '@updraft/observability';
import type { SerializedDag } from '@updraft/sdk';
import { DataSource, EntityManager } from 'typeorm';
import { DagRunEntity } from '../entities/dag-run.entity';
import type { TaskInstanceEntity } from '../entities/task-instance.entity';
import { taskInstanceFromJson } from './task-instance.repository';
import { EFFECTIVE_TEAM } from './dag.repository';
import { Page, PageRequest } from './page';
import { SharedLoads } from './shared-loads';

export interface NewDagRun {
  dagId: string;
  dagVersionId: string;
  serialized: SerializedDag;
  runType: RunType;
  logicalDate: Date;
  dataIntervalStart: Date;
  dataIntervalEnd: Date;
  conf: Record<string, unknown>;
}

/** The run's trace context as a jsonb parameter. */
export function traceContextJson(tenantId: string, dagId: string, conf: Record<string, unknown>): string | null {
  const carrier = newRunTraceContext({ tenantId, dagId, conf });
  return carrier ? JSON.stringify(carrier) : null;
}

/** A manual run of the DAG's current version: its logical date and data interval are the moment it is made. */
export function manualRun(
  dag: { dagId: string; dagVersionId: string; serialized: SerializedDag },
  conf: Record<string, unknown>,
  at = new Date(),
): NewDagRun {
  return {
    dagId: dag.dagId,
    dagVersionId: dag.dagVersionId,
    serialized: dag.serialized,
    runType: 'manual',
    logicalDate: at,
    dataIntervalStart: at,
    dataIntervalEnd: at,
    conf,
  };
}

/** A run with what the scheduler needs to evaluate it. */
export interface RunForEvaluation {
  run: DagRunEntity;
  serialized: SerializedDag;
  bundleVersionId: string;
  entryFile: string;
}

const VERSION_CACHE_SIZE = 200;
const RUN_CACHE_SIZE = 1_000;

export class DuplicateRunError extends Error {
  constructor(readonly runId: string) {
    super(`a run with id or logical date of '${runId}' already exists`);
  }
}

function toRun(row: Record<string, any>): DagRunEntity {
  return Object.assign(new DagRunEntity(), {
    id: row['id'],
    tenantId: row['tenant_id'],
    dagId: row['dag_id'],
    dagVersionId: row['dag_version_id'],
    runId: row['run_id'],
    runType: row['run_type'],
    state: row['state'],
    logicalDate: row['logical_date'],
    dataIntervalStart: row['data_interval_start'],
    dataIntervalEnd: row['data_interval_end'],
    conf: row['conf'],
    queuedAt: row['queued_at'],
    startDate: row['start_date'],
    endDate: row['end_date'],
    backfillId: row['backfill_id'],
    maxActiveTasks: row['max_active_tasks'],
    traceContext: row['trace_context'] ?? null,
  });
}

/**
 * Inserts a run pinned to a DAG version, with one task instance per task, inside the caller's
 * transaction (a run that consumes something, such as asset events, is made with what it consumes).
 */
export async function insertDagRun(tx: EntityManager, tenantId: string, input: NewDagRun): Promise<DagRunEntity> {
  const runId = makeRunId(input.runType, input.logicalDate);
  try {
    const [row] = await tx.query(
      `INSERT INTO dag_run (tenant_id, dag_id, dag_version_id, run_id, run_type, state, logical_date, data_interval_start, data_interval_end, conf, max_active_tasks, trace_context)
           VALUES ($1, $2, $3, $4, $5, 'queued', $6, $7, $8, $9, $10, $11) RETURNING *`,
      [
        tenantId,
        input.dagId,
        input.dagVersionId,
        runId,
        input.runType,
        input.logicalDate,
        input.dataIntervalStart,
        input.dataIntervalEnd,
        JSON.stringify(input.conf),
        input.serialized.maxActiveTasks,
        traceContextJson(tenantId, input.dagId, input.conf),
      ],
    );
    const tasks = input.serialized.tasks;
    await tx.query(
      `INSERT INTO task_instance (tenant_id, dag_run_id, task_id, operator, state, max_tries, priority_weight, pool, pool_slots)
           SELECT $1, $2, t.task_id, t.operator, 'none', t.max_tries, t.priority_weight, t.pool, t.pool_slots
             FROM unnest($3::text[], $4::text[], $5::int[], $6::int[], $7::text[], $8::int[]) AS t(task_id, operator, max_tries, priority_weight, pool, pool_slots)`,
      [
        tenantId,
        row.id,
        tasks.map((t) => t.taskId),
        tasks.map((t) => t.operator),
        tasks.map((t) => t.retries + 1),
        tasks.map((t) => t.priorityWeight),
        tasks.map((t) => t.pool ?? DEFAULT_POOL),
        tasks.map((t) => t.poolSlots ?? 1),
      ],
    );
    return toRun(row);
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new DuplicateRunError(runId);
    throw error;
  }
}

@Injectable()
export class DagRunRepository {
  private readonly versions = new SharedLoads<SerializedDag>(VERSION_CACHE_SIZE);
  private readonly executions = new SharedLoads<RunForEvaluation | null>(RUN_CACHE_SIZE);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Creates a run pinned to a DAG version, with one task instance per task, in one transaction. */
  async create(tenantId: string, input: NewDagRun): Promise<DagRunEntity> {
    return this.db.transaction((tx) => insertDagRun(tx, tenantId, input));
  }

  async list(
    tenantId: string,
    dagId: string,
    page: PageRequest,
    filter: { state?: RunState; runType?: RunType; logicalDateFrom?: Date; logicalDateTo?: Date } = {},
  ): Promise<Page<DagRunEntity>> {
    const where = `tenant_id = $1 AND dag_id = $2 AND ($3::text IS NULL OR state = $3) AND ($4::text IS NULL OR run_type = $4)
      AND ($5::timestamptz IS NULL OR logical_date >= $5) AND ($6::timestamptz IS NULL OR logical_date < $6)`;
    const args = [
      tenantId,
      dagId,
      filter.state ?? null,
      filter.runType ?? null,
      filter.logicalDateFrom ?? null,
      filter.logicalDateTo ?? null,
    ];
    const rows = await this.db.query(
      `SELECT * FROM dag_run WHERE ${where} ORDER BY logical_date DESC LIMIT $7 OFFSET $8`,
      [...args, page.limit, page.offset],
    );
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM dag_run WHERE ${where}`, args);
    return { items: rows.map(toRun), total, ...page };
  }

  /** Runs of every DAG of the tenant, newest first; `teams` limits them to those teams' DAGs (null: all). */
  async listAcrossDags(
    tenantId: string,
    page: PageRequest,
    filter: {
      state?: RunState;
      runType?: RunType;
      logicalDateFrom?: Date;
      logicalDateTo?: Date;
      teams?: readonly string[] | null;
    } = {},
  ): Promise<Page<DagRunEntity>> {
    const from = `FROM dag_run r JOIN dag d ON d.tenant_id = r.tenant_id AND d.dag_id = r.dag_id JOIN dag_version v ON v.id = d.current_version_id
      WHERE r.tenant_id = $1 AND ($2::text IS NULL OR r.state = $2) AND ($3::text IS NULL OR r.run_type = $3) AND ($4::text[] IS NULL OR ${EFFECTIVE_TEAM} = ANY($4))
        AND ($5::timestamptz IS NULL OR r.logical_date >= $5) AND ($6::timestamptz IS NULL OR r.logical_date < $6)`;
    const args = [
      tenantId,
      filter.state ?? null,
      filter.runType ?? null,
      filter.teams ?? null,
      filter.logicalDateFrom ?? null,
      filter.logicalDateTo ?? null,
    ];
    const rows = await this.db.query(`SELECT r.* ${from} ORDER BY r.logical_date DESC, r.dag_id LIMIT $7 OFFSET $8`, [
      ...args,
      page.limit,
      page.offset,
    ]);
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total ${from}`, args);
    return { items: rows.map(toRun), total, ...page };
  }

  async get(tenantId: string, dagId: string, runId: string): Promise<DagRunEntity | null> {
    const rows = await this.db.query(`SELECT * FROM dag_run WHERE tenant_id = $1 AND dag_id = $2 AND run_id = $3`, [
      tenantId,
      dagId,
      runId,
    ]);
    return rows.length > 0 ? toRun(rows[0]) : null;
  }

  async forEvaluation(tenantId: string, dagRunId: string): Promise<RunForEvaluation | null> {
    return (await this.withInstancesOf(tenantId, dagRunId, []))?.loaded ?? null;
  }

  /** The run for evaluation and, in the same statement, its instances of the given tasks. */
  async withInstancesOf(
    tenantId: string,
    dagRunId: string,
    taskIds: string[],
  ): Promise<{ loaded: RunForEvaluation; instances: TaskInstanceEntity[] } | null> {
    const instances =
      taskIds.length === 0
        ? `'[]'::json`
        : `(SELECT COALESCE(json_agg(ti), '[]') FROM task_instance ti WHERE ti.tenant_id = r.tenant_id AND ti.dag_run_id = r.id AND ti.task_id = ANY($3))`;
    const rows = await this.db.query(
      `SELECT r.*, v.bundle_version_id, v.entry_file, ${instances} AS instances FROM dag_run r JOIN dag_version v ON v.id = r.dag_version_id
        WHERE r.tenant_id = $1 AND r.id = $2`,
      taskIds.length === 0 ? [tenantId, dagRunId] : [tenantId, dagRunId, taskIds],
    );
    if (rows.length === 0) return null;
    const run = toRun(rows[0]);
    const loaded = {
      run,
      serialized: await this.serializedVersion(tenantId, run.dagVersionId),
      bundleVersionId: rows[0].bundle_version_id,
      entryFile: rows[0].entry_file,
    };
    return { loaded, instances: rows[0].instances.map(taskInstanceFromJson) };
  }

  /**
   * For executing a try: the same as `forEvaluation` but cached in this process. A run's id, dates,
   * conf and DAG version never change after it is created; only its state does, which a try does
   * not read (whether the try may go on is its task instance's state).
   */
  forExecution(tenantId: string, dagRunId: string): Promise<RunForEvaluation | null> {
    return this.executions.get(tenantId, dagRunId, () => this.forEvaluation(tenantId, dagRunId));
  }

  /** DAG versions are immutable: each process reads and parses one at most once (the hot path runs per task). */
  private serializedVersion(tenantId: string, dagVersionId: string): Promise<SerializedDag> {
    return this.versions.get(tenantId, dagVersionId, async () => {
      const [row] = await this.db.query(`SELECT serialized FROM dag_version WHERE tenant_id = $1 AND id = $2`, [
        tenantId,
        dagVersionId,
      ]);
      if (!row) throw new Error(`DAG version ${dagVersionId} of tenant ${tenantId} not found`);
      return row.serialized;
    });
  }

  /** Moves a run from one state to another only if it is still in `from`; true when this call won. */
  async transition(tenantId: string, dagRunId: string, from: RunState[], to: RunState): Promise<boolean> {
    const finished = to === 'success' || to === 'failed';
    const [, count] = await this.db.query(
      `UPDATE dag_run SET state = $3,
              start_date = COALESCE(start_date, now()),
              end_date = CASE WHEN $4 THEN now() ELSE NULL END
        WHERE tenant_id = $1 AND id = $2 AND state = ANY($5)`,
      [tenantId, dagRunId, to, finished, from],
    );
    return count > 0;
  }

  /** The data interval of the DAG's latest scheduled run. */
  async lastScheduledInterval(tenantId: string, dagId: string): Promise<{ start: Date; end: Date } | null> {
    const rows = await this.db.query(
      `SELECT data_interval_start, data_interval_end FROM dag_run WHERE tenant_id = $1 AND dag_id = $2 AND run_type = 'scheduled'
        ORDER BY data_interval_end DESC LIMIT 1`,
      [tenantId, dagId],
    );
    return rows.length > 0 ? { start: rows[0].data_interval_start, end: rows[0].data_interval_end } : null;
  }

  async activeRunCount(tenantId: string, dagId: string): Promise<number> {
    const [{ count }] = await this.db.query(
      `SELECT count(*)::int AS count FROM dag_run WHERE tenant_id = $1 AND dag_id = $2 AND state IN ('queued', 'running')`,
      [tenantId, dagId],
    );
    return count;
  }

  /**
   * Ends a run by hand: marking success makes its unfinished tasks success; marking failed (or
   * cancelling) fails what was running or queued and skips what had not started. Workers see the
   * change at their next heartbeat and kill those tries.
   */
  async mark(tenantId: string, dagRunId: string, to: 'success' | 'failed'): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (to === 'success') {
        await tx.query(
          `UPDATE task_instance SET state = 'success', end_date = now() WHERE tenant_id = $1 AND dag_run_id = $2
             AND state NOT IN ('success', 'failed', 'skipped', 'upstream_failed', 'removed')`,
          [tenantId, dagRunId],
        );
      } else {
        await tx.query(
          `UPDATE task_instance SET state = CASE WHEN state IN ('none', 'scheduled') THEN 'skipped' ELSE 'failed' END, end_date = now(), next_try_at = NULL
            WHERE tenant_id = $1 AND dag_run_id = $2 AND state NOT IN ('success', 'failed', 'skipped', 'upstream_failed', 'removed')`,
          [tenantId, dagRunId],
        );
      }
      await tx.query(
        `UPDATE dag_run SET state = $3, start_date = COALESCE(start_date, now()), end_date = now() WHERE tenant_id = $1 AND id = $2`,
        [tenantId, dagRunId, to],
      );
    });
  }

  /** Re-opens a run whose task instances were cleared. */
  async reopen(tenantId: string, dagRunId: string): Promise<void> {
    await this.db.query(
      `UPDATE dag_run SET state = 'queued', end_date = NULL WHERE tenant_id = $1 AND id = $2 AND state IN ('success', 'failed')`,
      [tenantId, dagRunId],
    );
  }

  /**
   * Starts a queued run if the DAG has fewer than `maxActiveRuns` running and no older run is
   * still queued (runs start oldest first); one DAG's runs are started one at a time.
   */
  async startIfAdmitted(tenantId: string, dagRunId: string, maxActiveRuns: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [run] = await tx.query(
        `SELECT dag_id, logical_date FROM dag_run WHERE tenant_id = $1 AND id = $2 AND state = 'queued'`,
        [tenantId, dagRunId],
      );
      if (!run) return false;
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('run-admission:' || $1 || ':' || $2))`, [
        tenantId,
        run.dag_id,
      ]);
      const [, count] = await tx.query(
        `UPDATE dag_run r SET state = 'running', start_date = COALESCE(r.start_date, now())
          WHERE r.tenant_id = $1 AND r.id = $2 AND r.state = 'queued'
            AND (SELECT count(*) FROM dag_run o WHERE o.tenant_id = $1 AND o.dag_id = $3 AND o.state = 'running') < $4
            AND NOT EXISTS (SELECT 1 FROM dag_run o WHERE o.tenant_id = $1 AND o.dag_id = $3 AND o.state = 'queued' AND o.logical_date < r.logical_date)`,
        [tenantId, dagRunId, run.dag_id, maxActiveRuns],
      );
      return count > 0;
    });
  }

  /** The oldest queued run of the DAG of a run that just ended: the next one to start. */
  async nextQueuedAfter(tenantId: string, dagRunId: string): Promise<string | null> {
    const rows = await this.db.query(
      `SELECT id FROM dag_run WHERE tenant_id = $1 AND state = 'queued' AND dag_id = (SELECT dag_id FROM dag_run WHERE tenant_id = $1 AND id = $2)
        ORDER BY logical_date LIMIT 1`,
      [tenantId, dagRunId],
    );
    return rows.length > 0 ? rows[0].id : null;
  }

  /** The runs of a DAG whose logical dates are among these. */
  async atLogicalDates(tenantId: string, dagId: string, logicalDates: Date[]): Promise<DagRunEntity[]> {
    const rows = await this.db.query(
      `SELECT * FROM dag_run WHERE tenant_id = $1 AND dag_id = $2 AND logical_date = ANY($3::timestamptz[])`,
      [tenantId, dagId, logicalDates],
    );
    return rows.map(toRun);
  }

  /** Unfinished runs, for the scheduler's safety sweep. */
  async unfinished(limit: number): Promise<{ tenantId: string; dagRunId: string }[]> {
    const rows = await this.db.query(
      `SELECT tenant_id, id FROM dag_run WHERE state IN ('queued', 'running') ORDER BY queued_at LIMIT $1`,
      [limit],
    );
    return rows.map((r: { tenant_id: string; id: string }) => ({ tenantId: r.tenant_id, dagRunId: r.id }));
  }
}
