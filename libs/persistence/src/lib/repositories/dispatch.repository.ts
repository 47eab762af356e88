import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { dagKey, DEFAULT_POOL, DispatchCandidate, poolKey, selectForDispatch } from '@updraft/domain';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import type { TaskInstanceRef } from './task-instance.repository';

export interface DispatchLimits {
  /** Task instances the whole platform may have queued or running at once. */
  slots: number;
  /** A tenant's limit when it has no override of its own. */
  tenantMaxRunningTasks: number;
  /** Slots of a tenant's default_pool until it changes them. */
  defaultPoolSlots: number;
}

/** One advisory lock key shared by every scheduler: dispatches are serial, so two never count the same free slot. */
const DISPATCH_LOCK = 727_001;

interface UsageRow {
  kind: 'tenant' | 'pool' | 'dag';
  tenant_id: string;
  name: string | null;
  used: number;
  total: number | null;
}

/**
 * Moves ready task instances (`scheduled`) to `queued` while the platform, their tenant, pool and
 * DAG have room, in the order `selectForDispatch` gives. Cross-tenant by nature, like the sweep:
 * every row it touches is addressed by its tenant and id.
 */
@Injectable()
export class DispatchRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Returns the instances it queued, in dispatch order (the order to enqueue them in). */
  async dispatch(limits: DispatchLimits): Promise<TaskInstanceRef[]> {
    const runner = this.db.createQueryRunner();
    try {
      // Opening the transaction and taking the lock cost one round trip together (no parameters: the simple protocol allows two statements).
      await runner.query(`BEGIN; SELECT pg_advisory_xact_lock(${DISPATCH_LOCK})`);
      const queued = await this.dispatchLocked(runner.manager, limits);
      await runner.query('COMMIT');
      return queued;
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async dispatchLocked(tx: EntityManager, limits: DispatchLimits): Promise<TaskInstanceRef[]> {
    // Read after the lock: what the previous dispatch queued is counted.
    const [{ free, usage, candidates: rows }] = await queryPrepared<{ free: number; usage: UsageRow[]; candidates: CandidateRow[] }>(
      tx, 'updraft_dispatch_snapshot', SNAPSHOT_SQL, [limits.slots, limits.defaultPoolSlots],
    );
    if (free <= 0 || rows.length === 0) return [];
    const used = (kind: UsageRow['kind'], key: (u: UsageRow) => string) => new Map(usage.filter((u) => u.kind === kind).map((u) => [key(u), u.used]));
    const tenantActive = used('tenant', (u) => u.tenant_id);
    const poolUsed = used('pool', (u) => poolKey(u.tenant_id, u.name as string));
    const dagActive = used('dag', (u) => dagKey(u.tenant_id, u.name as string));
    const tenantLimit = new Map<string, number>();
    const poolFree = new Map<string, number>();
    const candidates: DispatchCandidate[] = rows.map((r) => {
      tenantLimit.set(r.tenant_id, r.max_running_tasks ?? limits.tenantMaxRunningTasks);
      const key = poolKey(r.tenant_id, r.pool);
      poolFree.set(key, (r.pool_total ?? (r.pool === DEFAULT_POOL ? limits.defaultPoolSlots : 0)) - (poolUsed.get(key) ?? 0));
      return {
        id: r.id, tenantId: r.tenant_id, dagId: r.dag_id, pool: r.pool, poolSlots: r.pool_slots, maxActiveTasks: r.max_active_tasks,
        priorityWeight: r.priority_weight, readyAt: new Date(r.scheduled_at ?? 0).getTime(),
      };
    });
    const chosen = selectForDispatch(candidates, { freeSlots: free, tenantActive, tenantLimit, poolFree, dagActive });
    if (chosen.length === 0) return [];
    const [moved] = await tx.query(
      `UPDATE task_instance ti SET state = 'queued', queued_at = now()
         FROM unnest($1::uuid[], $2::uuid[]) AS c(tenant_id, id)
        WHERE ti.tenant_id = c.tenant_id AND ti.id = c.id AND ti.state = 'scheduled' RETURNING ti.id`,
      [chosen.map((c) => c.tenantId), chosen.map((c) => c.id)],
    );
    const queued = new Set(moved.map((r: { id: string }) => r.id));
    return chosen.filter((c) => queued.has(c.id)).map((c) => ({ tenantId: c.tenantId, taskInstanceId: c.id }));
  }
}

/**
 * Runs a statement as a named prepared statement, so PostgreSQL plans it once per connection:
 * planning the snapshot costs several times more than running it, on every task that ends.
 * Logged like any query, so the query-count budgets see it.
 */
async function queryPrepared<T>(tx: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const runner = tx.queryRunner as PostgresQueryRunner;
  const client = await runner.connect();
  tx.connection.logger.logQuery(text, values, runner);
  return (await client.query({ name, text, values })).rows;
}

interface CandidateRow {
  id: string;
  tenant_id: string;
  pool: string;
  pool_slots: number;
  priority_weight: number;
  scheduled_at: string | null;
  dag_id: string;
  max_active_tasks: number;
  max_running_tasks: number | null;
  pool_total: number | null;
}

/**
 * One statement: the free platform slots; what is queued or running per tenant, per pool (with
 * its slots) and per DAG (with its limit); and each tenant's best ready instances, as many as
 * there are free slots, leaving out pools and DAGs already full so they cannot crowd out the rest.
 * Tenants are found by a skip scan of the dispatch index: one probe per tenant, however long its backlog.
 */
const SNAPSHOT_SQL = `
  WITH RECURSIVE active AS (
    SELECT ti.tenant_id, ti.pool, ti.pool_slots, r.dag_id, r.max_active_tasks
      FROM task_instance ti JOIN dag_run r ON r.id = ti.dag_run_id
     WHERE ti.state IN ('queued', 'running')
  ), usage AS (
    SELECT 'tenant' AS kind, tenant_id, NULL::text AS name, count(*)::int AS used, NULL::int AS total FROM active GROUP BY tenant_id
    UNION ALL
    SELECT 'pool', a.tenant_id, a.pool, sum(a.pool_slots)::int, max(p.slots)
      FROM active a LEFT JOIN pool p ON p.tenant_id = a.tenant_id AND p.name = a.pool GROUP BY a.tenant_id, a.pool
    UNION ALL
    SELECT 'dag', tenant_id, dag_id, count(*)::int, max(max_active_tasks) FROM active GROUP BY tenant_id, dag_id
  ), full_keys AS (
    SELECT tenant_id::text || '/' || kind || '/' || name AS key FROM usage
     WHERE kind <> 'tenant' AND used >= COALESCE(total, CASE WHEN kind = 'pool' AND name = '${DEFAULT_POOL}' THEN $2 ELSE 0 END)
  ), free AS (
    SELECT GREATEST($1 - (SELECT count(*) FROM active), 0)::int AS n
  ), tenants AS (
    (SELECT tenant_id FROM task_instance WHERE state = 'scheduled' ORDER BY tenant_id LIMIT 1)
    UNION ALL
    SELECT (SELECT ti.tenant_id FROM task_instance ti WHERE ti.state = 'scheduled' AND ti.tenant_id > t.tenant_id ORDER BY ti.tenant_id LIMIT 1)
      FROM tenants t WHERE t.tenant_id IS NOT NULL
  ), candidates AS (
    SELECT c.*, tn.max_running_tasks, p.slots AS pool_total
      FROM tenants s
      JOIN tenant tn ON tn.id = s.tenant_id
      CROSS JOIN LATERAL (
        SELECT ti.id, ti.tenant_id, ti.pool, ti.pool_slots, ti.priority_weight, ti.scheduled_at, r.dag_id, r.max_active_tasks
          FROM task_instance ti JOIN dag_run r ON r.id = ti.dag_run_id
         WHERE ti.tenant_id = s.tenant_id AND ti.state = 'scheduled'
           AND ti.tenant_id::text || '/pool/' || ti.pool NOT IN (SELECT key FROM full_keys)
           AND ti.tenant_id::text || '/dag/' || r.dag_id NOT IN (SELECT key FROM full_keys)
         ORDER BY ti.priority_weight DESC, ti.scheduled_at, ti.id
         LIMIT (SELECT n FROM free)
      ) c
      LEFT JOIN pool p ON p.tenant_id = c.tenant_id AND p.name = c.pool
  )
  SELECT (SELECT n FROM free) AS free,
         (SELECT COALESCE(json_agg(usage), '[]') FROM usage) AS usage,
         (SELECT COALESCE(json_agg(candidates), '[]') FROM candidates) AS candidates`;
