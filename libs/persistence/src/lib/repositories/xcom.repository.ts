import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export const RETURN_VALUE_KEY = 'return_value';

@Injectable()
export class XComRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async set(tenantId: string, dagRunId: string, taskId: string, mapIndex: number, key: string, valueJson: string): Promise<void> {
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

  async list(tenantId: string, dagRunId: string, taskId: string): Promise<{ key: string; mapIndex: number; value: unknown }[]> {
    const rows = await this.db.query(
      `SELECT key, map_index, value FROM xcom WHERE tenant_id = $1 AND dag_run_id = $2 AND task_id = $3 ORDER BY map_index, key`,
      [tenantId, dagRunId, taskId],
    );
    return rows.map((r: { key: string; map_index: number; value: unknown }) => ({ key: r.key, mapIndex: r.map_index, value: r.value }));
  }
}
