import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TaskTryEntity } from '../entities/task-try.entity';

/** Slots in use where a task instance waits for room: its pool, its tenant and its DAG (queued and running). */
export interface WaitingRoom {
  poolInUse: number;
  poolTotal: number | null;
  tenantInFlight: number;
  tenantLimit: number | null;
  dagInFlight: number;
}

function toTry(row: Record<string, any>): TaskTryEntity {
  return Object.assign(new TaskTryEntity(), {
    id: row['id'],
    tenantId: row['tenant_id'],
    taskInstanceId: row['task_instance_id'],
    tryNumber: row['try_number'],
    hostname: row['hostname'],
    state: row['state'],
    exitReason: row['exit_reason'],
    startDate: row['start_date'],
    endDate: row['end_date'],
  });
}

/** The tries of task instances as the console shows them: when, where, how each ended, and what a waiting one waits for. */
@Injectable()
export class TaskTryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(tenantId: string, taskInstanceId: string): Promise<TaskTryEntity[]> {
    const rows = await this.db.query(
      `SELECT * FROM task_try WHERE tenant_id = $1 AND task_instance_id = $2 ORDER BY try_number`,
      [tenantId, taskInstanceId],
    );
    return rows.map(toTry);
  }

  /** The exit reason of each failed instance's last try in a run, by task instance id. */
  async lastErrors(tenantId: string, dagRunId: string): Promise<Map<string, string>> {
    const rows: { id: string; exit_reason: string }[] = await this.db.query(
      `SELECT ti.id, t.exit_reason FROM task_instance ti
         JOIN task_try t ON t.tenant_id = ti.tenant_id AND t.task_instance_id = ti.id AND t.try_number = ti.try_number
        WHERE ti.tenant_id = $1 AND ti.dag_run_id = $2 AND ti.state IN ('failed', 'up_for_retry') AND t.exit_reason IS NOT NULL`,
      [tenantId, dagRunId],
    );
    return new Map(rows.map((r) => [r.id, r.exit_reason]));
  }

  async waitingRoom(tenantId: string, pool: string, dagId: string): Promise<WaitingRoom> {
    const [row] = await this.db.query(
      `SELECT
         (SELECT COALESCE(sum(pool_slots), 0)::int FROM task_instance WHERE tenant_id = $1 AND pool = $2 AND state IN ('queued', 'running')) AS pool_in_use,
         (SELECT slots FROM pool WHERE tenant_id = $1 AND name = $2) AS pool_total,
         (SELECT count(*)::int FROM task_instance WHERE tenant_id = $1 AND state IN ('queued', 'running')) AS tenant_in_flight,
         (SELECT max_running_tasks FROM tenant WHERE id = $1) AS tenant_limit,
         (SELECT count(*)::int FROM task_instance ti JOIN dag_run r ON r.id = ti.dag_run_id AND r.tenant_id = ti.tenant_id
            WHERE ti.tenant_id = $1 AND r.dag_id = $3 AND ti.state IN ('queued', 'running')) AS dag_in_flight`,
      [tenantId, pool, dagId],
    );
    return {
      poolInUse: row.pool_in_use,
      poolTotal: row.pool_total,
      tenantInFlight: row.tenant_in_flight,
      tenantLimit: row.tenant_limit,
      dagInFlight: row.dag_in_flight,
    };
  }
}
