import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { dagKey, DEFAULT_POOL, DispatchCandidate, poolKey, selectForDispatch } from '@updraft/domain';
import type { QueryResult } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import type { TaskInstanceEntity } from '../entities/task-instance.entity';
import { claimStatement, TaskInstanceRef, toTaskInstance } from './task-instance.repository';

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

  /**
   * Marks `schedule` ready (`scheduled`, from `none` or a due retry or reschedule), then returns the
   * instances it queued, in dispatch order (the order to enqueue them in), of which the first
   * `claim.count` are already claimed for the worker `claim.hostname` (running, their try begun).
   * Two round trips: BEGIN, the lock, the marking and the snapshot together; then queueing (and
   * claiming) what was chosen and COMMIT.
   */
  async dispatch(limits: DispatchLimits, schedule: TaskInstanceRef[] = [], claim: ClaimFor | null = null): Promise<Dispatched> {
    const runner = this.db.createQueryRunner() as PostgresQueryRunner;
    try {
      // Several statements go in one round trip only without bound parameters: every value below is a checked integer or UUID.
      const opened = await this.simple(runner,
        `BEGIN; SELECT pg_advisory_xact_lock(${DISPATCH_LOCK});
         UPDATE task_instance ti SET state = 'scheduled', scheduled_at = now(), next_try_at = NULL
           FROM unnest(${uuidArray(schedule.map((r) => r.tenantId))}, ${uuidArray(schedule.map((r) => r.taskInstanceId))}) AS c(tenant_id, id)
          WHERE ti.tenant_id = c.tenant_id AND ti.id = c.id AND ti.state IN ('none', 'up_for_retry', 'up_for_reschedule');
         SELECT * FROM updraft_dispatch_snapshot(${whole(limits.slots)}, ${whole(limits.defaultPoolSlots)})`);
      // Read after the lock: what the previous dispatch queued is counted.
      const chosen = this.choose(opened[3].rows[0], limits);
      if (chosen.length === 0) {
        await this.simple(runner, 'COMMIT');
        return { queued: [], claimed: [] };
      }
      // What this worker claims goes from scheduled to running in one row update; the rest is queued for Bull.
      const toClaim = claim ? chosen.slice(0, claim.count) : [];
      const toQueue = chosen.slice(toClaim.length);
      const claiming = toClaim.length > 0 && claim
        ? claimStatement(uuidArray(toClaim.map((c) => c.tenantId)), uuidArray(toClaim.map((c) => c.id)), (await runner.connect()).escapeLiteral(claim.hostname), 'scheduled')
        : 'SELECT NULL::uuid AS id WHERE false';
      const [claimed, moved] = await this.simple(runner,
        `${claiming};
         UPDATE task_instance ti SET state = 'queued', queued_at = now()
           FROM unnest(${uuidArray(toQueue.map((c) => c.tenantId))}, ${uuidArray(toQueue.map((c) => c.id))}) AS c(tenant_id, id)
          WHERE ti.tenant_id = c.tenant_id AND ti.id = c.id AND ti.state = 'scheduled' RETURNING ti.id;
         COMMIT`);
      const taken = new Set([...claimed.rows, ...moved.rows].map((r: { id: string }) => r.id));
      return {
        queued: chosen.filter((c) => taken.has(c.id)).map((c) => ({ tenantId: c.tenantId, taskInstanceId: c.id })),
        claimed: claimed.rows.map(toTaskInstance),
      };
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private choose(snapshot: SnapshotRow, limits: DispatchLimits): DispatchCandidate[] {
    const { free_slots: free, usage_rows: usage, candidate_rows: rows } = snapshot;
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
    return selectForDispatch(candidates, { freeSlots: free, tenantActive, tenantLimit, poolFree, dagActive });
  }

  /** A simple-protocol query (no bound parameters, several statements allowed): one result per statement. Logged like any query. */
  private async simple(runner: PostgresQueryRunner, text: string): Promise<QueryResult[]> {
    const client = await runner.connect();
    this.db.logger.logQuery(text, [], runner);
    const result = await client.query(text);
    return Array.isArray(result) ? result : [result];
  }
}

function whole(n: number): string {
  if (!Number.isInteger(n)) throw new Error(`not a whole number: ${n}`);
  return String(n);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidArray(ids: string[]): string {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`not a UUID: ${id}`);
  return `'{${ids.join(',')}}'::uuid[]`;
}

/** Claim the first `count` instances a dispatch queues for this worker, in the same round trip. */
export interface ClaimFor {
  hostname: string;
  count: number;
}

export interface Dispatched {
  /** In dispatch order, claimed ones included. */
  queued: TaskInstanceRef[];
  /** Those of `queued` already running for the claiming worker. */
  claimed: TaskInstanceEntity[];
}

interface SnapshotRow {
  free_slots: number;
  usage_rows: UsageRow[];
  candidate_rows: CandidateRow[];
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

