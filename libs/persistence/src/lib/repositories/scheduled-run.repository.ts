import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataInterval, DEFAULT_POOL, makeRunId } from '@updraft/domain';
import type { SerializedDag } from '@updraft/sdk';
import { DataSource } from 'typeorm';
import { traceContextJson } from './dag-run.repository';

/** A scheduled DAG that may be due, locked for this scheduler, with what planning needs. */
export interface DueDag {
  tenantId: string;
  dagId: string;
  dagVersionId: string;
  serialized: SerializedDag;
  last: DataInterval | null;
  activeRuns: number;
}

/** What to do with one locked DAG: the intervals to create runs for and when to look at it next. */
export interface DuePlan {
  intervals: DataInterval[];
  nextCheckAt: Date | null;
}

export interface CreatedScheduledRun {
  tenantId: string;
  id: string;
}

/**
 * Creates scheduled runs for many DAGs at once: one transaction locks up to `limit` DAGs due at `now`
 * (`SKIP LOCKED`: another scheduler takes the next ones), and three set-based statements create
 * their runs, the runs' task instances and the DAGs' next check times. A run that exists already
 * (same logical date) is skipped by the unique constraint, so two schedulers never double one.
 */
@Injectable()
export class ScheduledRunRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async createDue(
    limit: number,
    now: Date,
    plan: (dag: DueDag) => DuePlan,
  ): Promise<{ dags: number; created: CreatedScheduledRun[] }> {
    return this.db.transaction(async (tx) => {
      const rows: Record<string, any>[] = await tx.query(
        `WITH due AS (
           SELECT d.tenant_id, d.dag_id, v.id AS dag_version_id, v.serialized
             FROM dag d JOIN dag_version v ON v.id = d.current_version_id
            WHERE d.is_active AND NOT d.is_paused AND v.serialized->>'schedule' IS NOT NULL
              AND (d.next_dagrun_at IS NULL OR d.next_dagrun_at <= $2)
            ORDER BY d.next_dagrun_at NULLS FIRST LIMIT $1
              FOR NO KEY UPDATE OF d SKIP LOCKED)
         SELECT due.*, l.data_interval_start, l.data_interval_end,
                (SELECT count(*)::int FROM dag_run a
                  WHERE a.tenant_id = due.tenant_id AND a.dag_id = due.dag_id AND a.state IN ('queued', 'running')) AS active_runs
           FROM due
           LEFT JOIN LATERAL (
             SELECT data_interval_start, data_interval_end FROM dag_run r
              WHERE r.tenant_id = due.tenant_id AND r.dag_id = due.dag_id AND r.run_type = 'scheduled'
              ORDER BY r.data_interval_end DESC LIMIT 1) l ON true`,
        [limit, now],
      );
      if (rows.length === 0) return { dags: 0, created: [] };

      const runs = {
        tenant: [] as string[],
        dag: [] as string[],
        version: [] as string[],
        runId: [] as string[],
        trace: [] as (string | null)[],
      };
      const starts: Date[] = [];
      const ends: Date[] = [];
      const maxActiveTasks: number[] = [];
      const next = { tenant: [] as string[], dag: [] as string[], at: [] as (Date | null)[] };
      const specOf = new Map<string, SerializedDag>();
      for (const row of rows) {
        const dag: DueDag = {
          tenantId: row['tenant_id'],
          dagId: row['dag_id'],
          dagVersionId: row['dag_version_id'],
          serialized: row['serialized'],
          last: row['data_interval_end'] ? { start: row['data_interval_start'], end: row['data_interval_end'] } : null,
          activeRuns: row['active_runs'],
        };
        const { intervals, nextCheckAt } = plan(dag);
        specOf.set(`${dag.tenantId}/${dag.dagId}`, dag.serialized);
        for (const interval of intervals) {
          runs.tenant.push(dag.tenantId);
          runs.dag.push(dag.dagId);
          runs.version.push(dag.dagVersionId);
          runs.runId.push(makeRunId('scheduled', interval.start));
          runs.trace.push(traceContextJson(dag.tenantId, dag.dagId, {}));
          starts.push(interval.start);
          ends.push(interval.end);
          maxActiveTasks.push(dag.serialized.maxActiveTasks);
        }
        next.tenant.push(dag.tenantId);
        next.dag.push(dag.dagId);
        next.at.push(nextCheckAt);
      }

      const created: Record<string, any>[] = starts.length
        ? await tx.query(
            `INSERT INTO dag_run (tenant_id, dag_id, dag_version_id, run_id, run_type, state, logical_date, data_interval_start, data_interval_end, conf, max_active_tasks, trace_context)
             SELECT t.tenant_id, t.dag_id, t.dag_version_id, t.run_id, 'scheduled', 'queued', t.start_at, t.start_at, t.end_at, '{}', t.max_active_tasks, t.trace_context
               FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::int[], $8::jsonb[])
                 AS t(tenant_id, dag_id, dag_version_id, run_id, start_at, end_at, max_active_tasks, trace_context)
             ON CONFLICT DO NOTHING
             RETURNING id, tenant_id, dag_id`,
            [runs.tenant, runs.dag, runs.version, runs.runId, starts, ends, maxActiveTasks, runs.trace],
          )
        : [];

      const tis = {
        tenant: [] as string[],
        run: [] as string[],
        task: [] as string[],
        operator: [] as string[],
        maxTries: [] as number[],
        weight: [] as number[],
        pool: [] as string[],
        slots: [] as number[],
      };
      for (const run of created) {
        for (const task of specOf.get(`${run['tenant_id']}/${run['dag_id']}`)?.tasks ?? []) {
          tis.tenant.push(run['tenant_id']);
          tis.run.push(run['id']);
          tis.task.push(task.taskId);
          tis.operator.push(task.operator);
          tis.maxTries.push(task.retries + 1);
          tis.weight.push(task.priorityWeight);
          tis.pool.push(task.pool ?? DEFAULT_POOL);
          tis.slots.push(task.poolSlots ?? 1);
        }
      }
      if (tis.run.length)
        await tx.query(
          `INSERT INTO task_instance (tenant_id, dag_run_id, task_id, operator, state, max_tries, priority_weight, pool, pool_slots)
           SELECT t.tenant_id, t.dag_run_id, t.task_id, t.operator, 'none', t.max_tries, t.priority_weight, t.pool, t.pool_slots
             FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::int[], $7::text[], $8::int[])
               AS t(tenant_id, dag_run_id, task_id, operator, max_tries, priority_weight, pool, pool_slots)`,
          [tis.tenant, tis.run, tis.task, tis.operator, tis.maxTries, tis.weight, tis.pool, tis.slots],
        );

      await tx.query(
        `UPDATE dag d SET next_dagrun_at = u.at
           FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS u(tenant_id, dag_id, at)
          WHERE d.tenant_id = u.tenant_id AND d.dag_id = u.dag_id`,
        [next.tenant, next.dag, next.at],
      );
      return {
        dags: rows.length,
        created: created.map((run) => ({ tenantId: run['tenant_id'], id: run['id'] })),
      };
    });
  }

  /** The earliest time any active, unpaused DAG is to be looked at again (null: none planned). */
  async nextCheckAt(): Promise<Date | null> {
    const [row] = await this.db.query(
      `SELECT min(next_dagrun_at) AS at FROM dag WHERE is_active AND NOT is_paused AND next_dagrun_at IS NOT NULL`,
    );
    return row?.at ?? null;
  }
}
