import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { storableText, type TaskState } from '@updraft/domain';
import { DataSource } from 'typeorm';
import { TaskInstanceEntity } from '../entities/task-instance.entity';
import { queryNamed } from './named-query';
import { Page, PageRequest } from './page';
import { LogLine, logRowValues } from './task-log.repository';
import { RETURN_VALUE_KEY } from './xcom.repository';

export interface TaskInstanceRef {
  tenantId: string;
  taskInstanceId: string;
}

/** How one try ended, for `finishMany`. */
export interface TryEnd extends TaskInstanceRef {
  tryNumber: number;
  state: TaskState;
  exitReason: string | null;
  nextTryAt: Date | null;
  /** The try's log lines not stored yet, stored with the outcome. */
  lines?: LogLine[];
  /** The try's return value (JSON), stored as its `return_value` XCom with the outcome. */
  returnValue?: { dagRunId: string; taskId: string; mapIndex: number; valueJson: string };
}

/** The first 18 arguments of `updraft_end_tries` (see sql/functions/updraft_end_tries.sql): the tries, their last log lines and their return values. */
export const END_TRIES_PARAMETERS = Array.from({ length: 18 }, (_, i) => `$${i + 1}`).join(', ');

export function endTriesValues(tries: TryEnd[]): unknown[] {
  return [
    tries.map((t) => t.tenantId),
    tries.map((t) => t.taskInstanceId),
    tries.map((t) => t.tryNumber),
    tries.map((t) => t.state),
    tries.map((t) => t.exitReason && storableText(t.exitReason)),
    tries.map((t) => t.nextTryAt),
    ...logRowValues(tries.map((t) => ({ ...t, lines: t.lines ?? [] }))),
    ...returnValueRows(tries),
  ];
}

function returnValueRows(tries: TryEnd[]): [string[], string[], string[], number[], string[], string[]] {
  const values = tries.flatMap((t) => (t.returnValue ? [{ tenantId: t.tenantId, ...t.returnValue }] : []));
  return [
    values.map((v) => v.tenantId),
    values.map((v) => v.dagRunId),
    values.map((v) => v.taskId),
    values.map((v) => v.mapIndex),
    values.map(() => RETURN_VALUE_KEY),
    values.map((v) => v.valueJson),
  ];
}

const DATE_COLUMNS = [
  'queued_at',
  'start_date',
  'end_date',
  'heartbeat_at',
  'next_try_at',
  'scheduled_at',
  'first_poke_at',
];

/** A task instance from a row of `json_agg(task_instance)`: its timestamps arrive as strings. */
export function taskInstanceFromJson(row: Record<string, any>): TaskInstanceEntity {
  const dated = { ...row };
  for (const column of DATE_COLUMNS) if (typeof dated[column] === 'string') dated[column] = new Date(dated[column]);
  return toTaskInstance(dated);
}

export function toTaskInstance(row: Record<string, any>): TaskInstanceEntity {
  return Object.assign(new TaskInstanceEntity(), {
    id: row['id'],
    tenantId: row['tenant_id'],
    dagRunId: row['dag_run_id'],
    taskId: row['task_id'],
    mapIndex: row['map_index'],
    operator: row['operator'],
    state: row['state'],
    tryNumber: row['try_number'],
    maxTries: row['max_tries'],
    priorityWeight: row['priority_weight'],
    queuedAt: row['queued_at'],
    startDate: row['start_date'],
    endDate: row['end_date'],
    hostname: row['hostname'],
    heartbeatAt: row['heartbeat_at'],
    nextTryAt: row['next_try_at'],
    pool: row['pool'],
    poolSlots: row['pool_slots'],
    scheduledAt: row['scheduled_at'],
    firstPokeAt: row['first_poke_at'],
  });
}

const ENDED = ', end_date = COALESCE(end_date, now())';
const STAMPS: Partial<Record<TaskState, string>> = {
  scheduled: ', scheduled_at = now(), next_try_at = NULL',
  queued: ', queued_at = now(), next_try_at = NULL',
  skipped: ENDED,
  upstream_failed: ENDED,
  success: ENDED,
  failed: ENDED,
};

/** Every state change here is conditional (`WHERE state = expected`): of two racers, one wins. */
@Injectable()
export class TaskInstanceRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async listForRun(tenantId: string, dagRunId: string, page: PageRequest): Promise<Page<TaskInstanceEntity>> {
    const rows = await this.db.query(
      `SELECT * FROM task_instance WHERE tenant_id = $1 AND dag_run_id = $2 ORDER BY task_id, map_index LIMIT $3 OFFSET $4`,
      [tenantId, dagRunId, page.limit, page.offset],
    );
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM task_instance WHERE tenant_id = $1 AND dag_run_id = $2`,
      [tenantId, dagRunId],
    );
    return { items: rows.map(toTaskInstance), total, ...page };
  }

  async allForRun(tenantId: string, dagRunId: string): Promise<TaskInstanceEntity[]> {
    const rows = await this.db.query(`SELECT * FROM task_instance WHERE tenant_id = $1 AND dag_run_id = $2`, [
      tenantId,
      dagRunId,
    ]);
    return rows.map(toTaskInstance);
  }

  /** The instances of these tasks in a run (what one evaluation step needs, not the whole run). */
  async ofTasks(tenantId: string, dagRunId: string, taskIds: string[]): Promise<TaskInstanceEntity[]> {
    const rows = await this.db.query(
      `SELECT * FROM task_instance WHERE tenant_id = $1 AND dag_run_id = $2 AND task_id = ANY($3)`,
      [tenantId, dagRunId, taskIds],
    );
    return rows.map(toTaskInstance);
  }

  /** Whether a worker has ended this try (its outcome recorded or refused because the task was cancelled). */
  async tryEnded(tenantId: string, taskInstanceId: string, tryNumber: number): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM task_try WHERE tenant_id = $1 AND task_instance_id = $2 AND try_number = $3 AND end_date IS NOT NULL`,
      [tenantId, taskInstanceId, tryNumber],
    );
    return rows.length > 0;
  }

  /** Whether any of a run's instances is unfinished, and if none is, how many failed: enough to end the run. */
  async progress(tenantId: string, dagRunId: string): Promise<{ unfinished: boolean; failed: number }> {
    // Two probes rather than one count: the first is answered by the unfinished-instances index alone.
    const [{ unfinished }] = await queryNamed<{ unfinished: boolean }>(
      this.db,
      'updraft_run_unfinished',
      `SELECT EXISTS (SELECT 1 FROM task_instance WHERE dag_run_id = $2 AND tenant_id = $1
          AND state NOT IN ('success', 'failed', 'skipped', 'upstream_failed', 'removed')) AS unfinished`,
      [tenantId, dagRunId],
    );
    if (unfinished) return { unfinished, failed: 0 };
    const [{ failed }] = await this.db.query(
      `SELECT count(*) FILTER (WHERE state IN ('failed', 'upstream_failed'))::int AS failed FROM task_instance WHERE tenant_id = $1 AND dag_run_id = $2`,
      [tenantId, dagRunId],
    );
    return { unfinished, failed };
  }

  async find(tenantId: string, dagRunId: string, taskId: string, mapIndex = -1): Promise<TaskInstanceEntity | null> {
    const rows = await this.db.query(
      `SELECT * FROM task_instance WHERE tenant_id = $1 AND dag_run_id = $2 AND task_id = $3 AND map_index = $4`,
      [tenantId, dagRunId, taskId, mapIndex],
    );
    return rows.length > 0 ? toTaskInstance(rows[0]) : null;
  }

  async get(tenantId: string, taskInstanceId: string): Promise<TaskInstanceEntity | null> {
    const rows = await this.db.query(`SELECT * FROM task_instance WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      taskInstanceId,
    ]);
    return rows.length > 0 ? toTaskInstance(rows[0]) : null;
  }

  /** Moves the given instances from any of `from` to `to`; returns the ids that moved. */
  async transition(tenantId: string, ids: string[], from: TaskState[], to: TaskState): Promise<string[]> {
    if (ids.length === 0) return [];
    const stamp = STAMPS[to] ?? '';
    // For UPDATE … RETURNING, TypeORM's postgres driver answers [rows, affectedCount].
    const [rows] = await this.db.query(
      `UPDATE task_instance SET state = $3 ${stamp} WHERE tenant_id = $1 AND id = ANY($2) AND state = ANY($4) RETURNING id`,
      [tenantId, ids, to, from],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  /** Takes a queued instance for this worker: the next try begins. Null when someone else has it. */
  async claim(ref: TaskInstanceRef, hostname: string): Promise<TaskInstanceEntity | null> {
    return (await this.claimMany([ref], hostname))[0];
  }

  /**
   * Takes queued instances for this worker in one statement (its try rows with them); answers in
   * the order of `refs`, null for each one that was not queued any more (someone else has it).
   */
  async claimMany(refs: TaskInstanceRef[], hostname: string): Promise<(TaskInstanceEntity | null)[]> {
    const rows = await this.db.query(`SELECT * FROM updraft_claim($1::uuid[], $2::uuid[], $3, 'queued')`, [
      refs.map((r) => r.tenantId),
      refs.map((r) => r.taskInstanceId),
      hostname,
    ]);
    const byId = new Map<string, TaskInstanceEntity>(
      rows.map((row: Record<string, unknown>) => [row['id'], toTaskInstance(row)]),
    );
    return refs.map((r) => byId.get(r.taskInstanceId) ?? null);
  }

  /** Marks these tries alive; returns the ids still running (the others were cancelled, marked or cleared). */
  async heartbeat(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const [rows] = await this.db.query(
      `UPDATE task_instance SET heartbeat_at = now() WHERE id = ANY($1) AND state = 'running' RETURNING id`,
      [ids],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  /** Sets a task instance's state by hand (mark success/failed); false when it already had it. */
  async mark(tenantId: string, taskInstanceId: string, to: 'success' | 'failed'): Promise<boolean> {
    const [, count] = await this.db.query(
      `UPDATE task_instance SET state = $3, end_date = now(), next_try_at = NULL WHERE tenant_id = $1 AND id = $2 AND state <> $3`,
      [tenantId, taskInstanceId, to],
    );
    return count > 0;
  }

  /**
   * Clears task instances so they run again: state back to none, with the task's retries granted
   * anew after the tries already made (the next try is try_number + 1, as in Airflow).
   */
  async clear(tenantId: string, dagRunId: string, retriesByTask: Map<string, number>): Promise<number> {
    if (retriesByTask.size === 0) return 0;
    const [, count] = await this.db.query(
      `UPDATE task_instance ti SET state = 'none', start_date = NULL, end_date = NULL, queued_at = NULL, next_try_at = NULL,
              hostname = NULL, first_poke_at = NULL, max_tries = ti.try_number + c.retries + 1
         FROM unnest($3::text[], $4::int[]) AS c(task_id, retries)
        WHERE ti.tenant_id = $1 AND ti.dag_run_id = $2 AND ti.task_id = c.task_id`,
      [tenantId, dagRunId, [...retriesByTask.keys()], [...retriesByTask.values()]],
    );
    return count;
  }

  /** Ends a running try; false when the try is no longer this worker's (cleared, reaped, or marked). */
  async finish(
    ref: TaskInstanceRef,
    tryNumber: number,
    to: TaskState,
    exitReason: string | null,
    nextTryAt: Date | null = null,
  ): Promise<boolean> {
    return (await this.finishMany([{ ...ref, tryNumber, state: to, exitReason, nextTryAt }]))[0];
  }

  /**
   * Ends running tries in one statement (instances, try rows and each try's last log lines, stored
   * with the outcome so whoever sees the try end has all its lines); per try, false when it was no
   * longer running. The lines are kept either way.
   */
  async finishMany(tries: TryEnd[]): Promise<boolean[]> {
    const rows = await queryNamed<{ id: string }>(
      this.db,
      'updraft_finish_tries',
      `SELECT id FROM updraft_end_tries(${END_TRIES_PARAMETERS}, '[]', NULL, NULL, NULL, NULL, NULL, NULL)`,
      endTriesValues(tries),
    );
    const ended = new Set(rows.map((r) => r.id));
    return tries.map((t) => ended.has(t.taskInstanceId));
  }

  /**
   * Gives a running try back to the queue without counting it (a worker drained at shutdown):
   * queued again with the try number it had before, so the next claim makes the same try anew.
   */
  async handBack(ref: TaskInstanceRef, tryNumber: number, reason: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [, count] = await tx.query(
        `UPDATE task_instance SET state = 'queued', try_number = try_number - 1, queued_at = now(), start_date = NULL, hostname = NULL
          WHERE tenant_id = $1 AND id = $2 AND try_number = $3 AND state = 'running'`,
        [ref.tenantId, ref.taskInstanceId, tryNumber],
      );
      if (count > 0) {
        await tx.query(
          `UPDATE task_try SET exit_reason = $4, end_date = now() WHERE tenant_id = $1 AND task_instance_id = $2 AND try_number = $3`,
          [ref.tenantId, ref.taskInstanceId, tryNumber, reason],
        );
      }
      return count > 0;
    });
  }

  /**
   * Ends a sensor's check in reschedule mode: the worker slot is freed until `nextPokeAt`, and the
   * try number is given back so the next check continues the same try (Airflow: reschedules do not
   * count as tries). The first check's time is kept for the sensor's timeout. An approval step waits
   * the same way in `awaiting_input`, until it is answered (which sets `next_try_at` to now) or its timeout.
   */
  async reschedule(
    ref: TaskInstanceRef,
    tryNumber: number,
    nextPokeAt: Date,
    reason: string,
    state: 'up_for_reschedule' | 'awaiting_input' = 'up_for_reschedule',
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [, count] = await tx.query(
        `UPDATE task_instance SET state = $5, try_number = try_number - 1, next_try_at = $4, end_date = NULL, hostname = NULL
          WHERE tenant_id = $1 AND id = $2 AND try_number = $3 AND state = 'running'`,
        [ref.tenantId, ref.taskInstanceId, tryNumber, nextPokeAt, state],
      );
      await tx.query(
        `UPDATE task_try SET state = $5, exit_reason = $4, end_date = now() WHERE tenant_id = $1 AND task_instance_id = $2 AND try_number = $3`,
        [ref.tenantId, ref.taskInstanceId, tryNumber, reason, state],
      );
      return count > 0;
    });
  }

  /**
   * Expands a mapped task's placeholder (map_index -1) into instances 0..count-1: the placeholder
   * becomes instance 0 and the others are copies of it. Returns the ids of all instances, or none
   * when another scheduler expanded it first.
   */
  async expandMapped(tenantId: string, placeholderId: string, count: number): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const [moved] = await tx.query(
        `UPDATE task_instance SET map_index = 0 WHERE tenant_id = $1 AND id = $2 AND map_index = -1 AND state IN ('none', 'scheduled') RETURNING id`,
        [tenantId, placeholderId],
      );
      if (moved.length === 0) return [];
      // Copies every column, whatever later migrations add, with a new id and map_index.
      const copies = await tx.query(
        `INSERT INTO task_instance
         SELECT (jsonb_populate_record(NULL::task_instance, to_jsonb(t) || jsonb_build_object('id', gen_random_uuid(), 'map_index', i))).*
           FROM task_instance t, generate_series(1, $3 - 1) AS i
          WHERE t.tenant_id = $1 AND t.id = $2
         RETURNING id`,
        [tenantId, placeholderId, count],
      );
      return [placeholderId, ...copies.map((r: { id: string }) => r.id)];
    });
  }

  /** The state of a task in another DAG's run of the given logical date (same tenant), for external task sensors; null when there is none. */
  async stateAt(tenantId: string, dagId: string, taskId: string, logicalDate: Date): Promise<TaskState | null> {
    const rows = await this.db.query(
      `SELECT ti.state FROM task_instance ti JOIN dag_run r ON r.id = ti.dag_run_id
        WHERE r.tenant_id = $1 AND r.dag_id = $2 AND r.logical_date = $4 AND ti.tenant_id = $1 AND ti.task_id = $3
        ORDER BY ti.map_index LIMIT 1`,
      [tenantId, dagId, taskId, logicalDate],
    );
    return rows.length > 0 ? rows[0].state : null;
  }

  /** Queued instances whose Bull job may be lost (e.g. Redis flushed), for re-enqueueing. */
  async staleQueued(olderThanMs: number, limit: number): Promise<TaskInstanceRef[]> {
    const rows = await this.db.query(
      `SELECT tenant_id, id FROM task_instance WHERE state = 'queued' AND queued_at < now() - ($1 || ' milliseconds')::interval ORDER BY priority_weight DESC, queued_at LIMIT $2`,
      [olderThanMs, limit],
    );
    return rows.map((r: { tenant_id: string; id: string }) => ({ tenantId: r.tenant_id, taskInstanceId: r.id }));
  }

  /** Running instances whose worker stopped heartbeating. */
  async zombies(
    olderThanMs: number,
    limit: number,
  ): Promise<(TaskInstanceRef & { tryNumber: number; maxTries: number; dagRunId: string })[]> {
    const rows = await this.db.query(
      `SELECT tenant_id, id, try_number, max_tries, dag_run_id FROM task_instance
        WHERE state = 'running' AND heartbeat_at < now() - ($1 || ' milliseconds')::interval LIMIT $2`,
      [olderThanMs, limit],
    );
    return rows.map((r: Record<string, any>) => ({
      tenantId: r['tenant_id'],
      taskInstanceId: r['id'],
      tryNumber: r['try_number'],
      maxTries: r['max_tries'],
      dagRunId: r['dag_run_id'],
    }));
  }
}
