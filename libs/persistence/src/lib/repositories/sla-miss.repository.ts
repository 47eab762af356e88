import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RunState, RunType, TaskState } from '@updraft/domain';
import { DataSource } from 'typeorm';
import { SlaMissEntity } from '../entities/sla-miss.entity';
import { Page, PageRequest } from './page';

/** A recorded miss with what its alert needs to say. */
export interface SlaMissForAlert {
  miss: SlaMissEntity;
  tenantSlug: string;
  runId: string;
  runType: RunType;
  runState: RunState;
  taskState: TaskState | null;
  /** The DAG's `slaChannels` / `deadlineChannels` (absent when the DAG names none). */
  slaChannels: string[] | null;
  deadlineChannels: string[] | null;
}

export interface SlaMissFilters {
  dagId?: string;
  dagRunId?: string;
  taskId?: string;
  kind?: 'sla' | 'deadline';
  /** Detected at or after. */
  from?: Date;
  /** Detected before. */
  to?: Date;
}

function toMiss(row: Record<string, any>): SlaMissEntity {
  return Object.assign(new SlaMissEntity(), {
    id: row['id'],
    tenantId: row['tenant_id'],
    dagId: row['dag_id'],
    dagRunId: row['dag_run_id'],
    taskId: row['task_id'],
    expectedAt: row['expected_at'],
    detectedAt: row['detected_at'],
    finishedAt: row['finished_at'],
    notifiedAt: row['notified_at'],
  });
}

/** The SLA rules: sql/functions/updraft_record_due_sla_misses.sql. */
const RECORD_DUE_MISSES = `SELECT * FROM updraft_record_due_sla_misses($1, $2)`;

@Injectable()
export class SlaMissRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Records the misses that are due; returns the ones this call inserted. */
  async recordDue(lookbackMs: number, limit: number): Promise<SlaMissEntity[]> {
    const rows: Record<string, any>[] = await this.db.query(RECORD_DUE_MISSES, [lookbackMs, limit]);
    return rows.map(toMiss);
  }

  /**
   * Hands misses not yet notified to `notify` and marks them notified when it returns, in one
   * transaction whose row locks (SKIP LOCKED) keep two schedulers from alerting the same miss.
   */
  async notifyPending(limit: number, notify: (misses: SlaMissForAlert[]) => Promise<void>): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows: Record<string, any>[] = await tx.query(
        `SELECT m.*, t.slug AS tenant_slug, r.run_id, r.run_type, r.state AS run_state,
                v.serialized->'slaChannels' AS sla_channels, v.serialized->'deadlineChannels' AS deadline_channels,
                (SELECT ti.state FROM task_instance ti WHERE ti.dag_run_id = m.dag_run_id AND ti.task_id = m.task_id ORDER BY ti.map_index LIMIT 1) AS task_state
           FROM sla_miss m
           JOIN tenant t ON t.id = m.tenant_id
           JOIN dag_run r ON r.id = m.dag_run_id
           JOIN dag_version v ON v.id = r.dag_version_id
          WHERE m.notified_at IS NULL
          ORDER BY m.detected_at
          LIMIT $1
            FOR UPDATE OF m SKIP LOCKED`,
        [limit],
      );
      if (rows.length === 0) return 0;
      await notify(
        rows.map((row) => ({
          miss: toMiss(row),
          tenantSlug: row['tenant_slug'],
          runId: row['run_id'],
          runType: row['run_type'],
          runState: row['run_state'],
          taskState: row['task_state'] ?? null,
          slaChannels: row['sla_channels'] ?? null,
          deadlineChannels: row['deadline_channels'] ?? null,
        })),
      );
      await tx.query(`UPDATE sla_miss SET notified_at = now() WHERE id = ANY($1)`, [rows.map((row) => row['id'])]);
      return rows.length;
    });
  }

  async list(
    tenantId: string,
    page: PageRequest,
    filters: SlaMissFilters = {},
  ): Promise<Page<SlaMissEntity & { runId: string }>> {
    const conditions = ['m.tenant_id = $1'];
    const params: unknown[] = [tenantId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (filters.dagId) add('m.dag_id = ?', filters.dagId);
    if (filters.dagRunId) add('r.run_id = ?', filters.dagRunId);
    if (filters.taskId) add('m.task_id = ?', filters.taskId);
    if (filters.from) add('m.detected_at >= ?', filters.from);
    if (filters.to) add('m.detected_at < ?', filters.to);
    if (filters.kind) conditions.push(filters.kind === 'deadline' ? 'm.task_id IS NULL' : 'm.task_id IS NOT NULL');
    const where = conditions.join(' AND ');
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM sla_miss m JOIN dag_run r ON r.id = m.dag_run_id WHERE ${where}`,
      params,
    );
    const rows: Record<string, any>[] = await this.db.query(
      `SELECT m.*, r.run_id FROM sla_miss m JOIN dag_run r ON r.id = m.dag_run_id WHERE ${where}
        ORDER BY m.detected_at DESC, m.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, page.offset],
    );
    return {
      items: rows.map((row) => Object.assign(toMiss(row), { runId: row['run_id'] as string })),
      total,
      limit: page.limit,
      offset: page.offset,
    };
  }
}
