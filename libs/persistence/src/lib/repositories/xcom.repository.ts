import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { expandSourceTasks } from '@updraft/domain';
import type { SerializedTask } from '@updraft/sdk';
import { DataSource } from 'typeorm';

export const RETURN_VALUE_KEY = 'return_value';

@Injectable()
export class XComRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async set(
    tenantId: string,
    dagRunId: string,
    taskId: string,
    mapIndex: number,
    key: string,
    valueJson: string,
  ): Promise<void> {
    // Replaces any value under the same run, task, map index and key.
    await this.db.query(
      `INSERT INTO xcom (tenant_id, dag_run_id, task_id, map_index, key, value) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
       ON CONFLICT (dag_run_id, task_id, map_index, key) DO UPDATE SET value = EXCLUDED.value, created_at = now()`,
      [tenantId, dagRunId, taskId, mapIndex, key, valueJson],
    );
  }

  /** One task's XCom under a key in a run; undefined when it pushed none. */
  async get(tenantId: string, dagRunId: string, taskId: string, key: string, mapIndex = -1): Promise<unknown> {
    const rows = await this.db.query(
      `SELECT value FROM xcom WHERE tenant_id = $1 AND dag_run_id = $2 AND task_id = $3 AND map_index = $4 AND key = $5`,
      [tenantId, dagRunId, taskId, mapIndex, key],
    );
    return rows.length > 0 ? rows[0].value : undefined;
  }

  /**
   * What `ti.xcomPull(taskId, key)` sees: a mapped task's values as a list in map_index order
   * (null where an instance pushed none), any other task's one value; undefined when there is none.
   */
  async pull(tenantId: string, dagRunId: string, taskId: string, key = RETURN_VALUE_KEY): Promise<unknown> {
    const rows: { map_index: number; present: boolean; value: unknown }[] = await this.db.query(
      `SELECT ti.map_index, x.key IS NOT NULL AS present, x.value FROM task_instance ti
         LEFT JOIN xcom x ON x.tenant_id = ti.tenant_id AND x.dag_run_id = ti.dag_run_id AND x.task_id = ti.task_id AND x.map_index = ti.map_index AND x.key = $4
        WHERE ti.tenant_id = $1 AND ti.dag_run_id = $2 AND ti.task_id = $3
        ORDER BY ti.map_index`,
      [tenantId, dagRunId, taskId, key],
    );
    if (rows.length === 1 && rows[0].map_index < 0) return rows[0].present ? rows[0].value : undefined;
    if (rows.length === 0) return undefined;
    return rows.filter((r) => r.map_index >= 0).map((r) => (r.present ? r.value : null));
  }

  /** The return value of each upstream task a mapped task expands over (a mapped upstream's as its list of values). */
  async mappingInputs(tenantId: string, dagRunId: string, task: SerializedTask): Promise<Map<string, unknown>> {
    const inputs = new Map<string, unknown>();
    for (const taskId of expandSourceTasks(task)) inputs.set(taskId, await this.pull(tenantId, dagRunId, taskId));
    return inputs;
  }

  async list(
    tenantId: string,
    dagRunId: string,
    taskId: string,
  ): Promise<{ key: string; mapIndex: number; value: unknown }[]> {
    const rows = await this.db.query(
      `SELECT key, map_index, value FROM xcom WHERE tenant_id = $1 AND dag_run_id = $2 AND task_id = $3 ORDER BY map_index, key`,
      [tenantId, dagRunId, taskId],
    );
    return rows.map((r: { key: string; map_index: number; value: unknown }) => ({
      key: r.key,
      mapIndex: r.map_index,
      value: r.value,
    }));
  }
}
