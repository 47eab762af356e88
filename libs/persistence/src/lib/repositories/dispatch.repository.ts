import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { QueryResult } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import type { TaskInstanceEntity } from '../entities/task-instance.entity';
import { queryNamed } from './named-query';
import {
  END_TRIES_PARAMETERS,
  endTriesValues,
  TaskInstanceRef,
  taskInstanceFromJson,
  TryEnd,
} from './task-instance.repository';

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

/**
 * Moves ready task instances (`scheduled`) to `queued` while the platform, their tenant, pool and
 * DAG have room, in the order `updraft_select_for_dispatch` gives (fair share across tenants, then
 * priorityWeight; see sql/functions/updraft_select_for_dispatch.sql). Cross-tenant by nature, like the sweep:
 * every row it touches is addressed by its tenant and id.
 */
@Injectable()
export class DispatchRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Marks `schedule` ready (`scheduled`, from `none` or a due retry or reschedule), then returns the
   * instances it queued, in dispatch order (the order to enqueue them in), of which the first
   * `claim.count` are already claimed for the worker `claim.hostname` (running, their try begun).
   * One round trip: BEGIN, the lock, the marking, `updraft_dispatch` (snapshot, choice, claims,
   * queueing) and COMMIT; the lock is held only while the server works.
   */
  async dispatch(
    limits: DispatchLimits,
    schedule: TaskInstanceRef[] = [],
    claim: ClaimFor | null = null,
  ): Promise<Dispatched> {
    const runner = this.db.createQueryRunner() as PostgresQueryRunner;
    try {
      const client = await runner.connect();
      const claimFor =
        claim && claim.count > 0 ? `${whole(claim.count)}, ${client.escapeLiteral(claim.hostname)}` : '0, NULL';
      // Several statements go in one round trip only without bound parameters: every value below is a checked integer, UUID or an escaped literal.
      const results = await this.simple(
        runner,
        `BEGIN; SELECT pg_advisory_xact_lock(${DISPATCH_LOCK});
         UPDATE task_instance ti SET state = 'scheduled', scheduled_at = now(), next_try_at = NULL
           FROM unnest(${uuidArray(schedule.map((r) => r.tenantId))}, ${uuidArray(schedule.map((r) => r.taskInstanceId))}) AS c(tenant_id, id)
          WHERE ti.tenant_id = c.tenant_id AND ti.id = c.id AND ti.state IN ('none', 'up_for_retry', 'up_for_reschedule', 'awaiting_input');
         SELECT * FROM updraft_dispatch(${whole(limits.slots)}, ${whole(limits.defaultPoolSlots)}, ${whole(limits.tenantMaxRunningTasks)}, ${claimFor});
         COMMIT`,
      );
      return dispatchedFrom(results[3].rows);
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /**
   * Ends tries and hands off after them in one round trip (`updraft_end_tries`): their ends, then,
   * under the dispatch lock, `ready` scheduled (each only if every end it `requires` applied), then
   * the dispatch as `dispatch` does it. Per try, `applied` is false when it was no longer running.
   */
  async endTriesAndDispatch(
    tries: TryEnd[],
    ready: ReadyFromEnds[],
    limits: DispatchLimits,
    claim: ClaimFor | null,
  ): Promise<EndedAndDispatched> {
    const claimFor = claim && claim.count > 0 ? [whole(claim.count), claim.hostname] : [0, null];
    const rows = await queryNamed<{ kind: 'ended' | 'scheduled' | 'dispatched'; id: string | null } & DispatchedRow>(
      this.db,
      'updraft_end_tries_and_dispatch',
      `SELECT * FROM updraft_end_tries(${END_TRIES_PARAMETERS}, $19, $20, $21, $22, $23, $24, $25)`,
      [
        ...endTriesValues(tries),
        JSON.stringify(
          ready.map((r) => ({
            tenant_id: r.tenantId,
            dag_run_id: r.dagRunId,
            task_id: r.taskId,
            requires: r.requires,
          })),
        ),
        DISPATCH_LOCK,
        whole(limits.slots),
        whole(limits.defaultPoolSlots),
        whole(limits.tenantMaxRunningTasks),
        ...claimFor,
      ],
    );
    const ended = new Set(rows.flatMap((r) => (r.kind === 'ended' ? [r.id] : [])));
    return {
      applied: tries.map((t) => ended.has(t.taskInstanceId)),
      scheduledRuns: new Set(rows.flatMap((r) => (r.kind === 'scheduled' && r.id ? [r.id] : []))),
      dispatched: dispatchedFrom(rows.filter((r) => r.kind === 'dispatched')),
    };
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

function dispatchedFrom(rows: DispatchedRow[]): Dispatched {
  const ordered = [...rows].sort((a, b) => a.ord - b.ord);
  return {
    queued: ordered.map((r) => ({
      tenantId: r.instance['tenant_id'] as string,
      taskInstanceId: r.instance['id'] as string,
    })),
    claimed: ordered.filter((r) => r.claimed).map((r) => taskInstanceFromJson(r.instance)),
  };
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

/** A task found ready from tries' ends alone: scheduled only if each end in `requires` (task instance ids) applied. */
export interface ReadyFromEnds {
  tenantId: string;
  dagRunId: string;
  /** An unmapped task (its one instance). */
  taskId: string;
  requires: string[];
}

export interface EndedAndDispatched {
  /** Per try: false when it was no longer running (cleared, reaped or marked meanwhile). */
  applied: boolean[];
  /** The runs in which a `ready` instance was scheduled. */
  scheduledRuns: Set<string>;
  dispatched: Dispatched;
}

interface DispatchedRow {
  ord: number;
  claimed: boolean;
  /** A claimed instance's whole row; only the id and tenant_id of one queued for Bull. */
  instance: Record<string, unknown>;
}
