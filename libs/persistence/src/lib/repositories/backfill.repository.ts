import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RunState } from '@updraft/domain';
import { DataSource } from 'typeorm';
import { BackfillEntity } from '../entities/backfill.entity';
import { Page, PageRequest } from './page';

export interface BackfillSummary extends BackfillEntity {
  /** How many of its runs are in each state. */
  runs: Record<RunState, number>;
}

function toBackfill(row: Record<string, any>): BackfillSummary {
  return Object.assign(new BackfillEntity(), {
    id: row['id'],
    tenantId: row['tenant_id'],
    dagId: row['dag_id'],
    fromDate: row['from_date'],
    toDate: row['to_date'],
    reprocess: row['reprocess'],
    createdBy: row['created_by'],
    createdAt: row['created_at'],
    runs: { queued: 0, running: 0, success: 0, failed: 0, ...(row['runs'] ?? {}) },
  });
}

const WITH_RUN_COUNTS = `
  SELECT b.*, (SELECT jsonb_object_agg(state, n) FROM (SELECT state, count(*)::int AS n FROM dag_run r
                WHERE r.tenant_id = b.tenant_id AND r.backfill_id = b.id GROUP BY state) s) AS runs
    FROM backfill b`;

@Injectable()
export class BackfillRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(
    tenantId: string,
    input: { dagId: string; from: Date; to: Date; reprocess: boolean; createdBy: string | null },
  ): Promise<BackfillEntity> {
    const [row] = await this.db.query(
      `INSERT INTO backfill (tenant_id, dag_id, from_date, to_date, reprocess, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [tenantId, input.dagId, input.from, input.to, input.reprocess, input.createdBy],
    );
    return toBackfill(row);
  }

  /** Records that a run belongs to (was created or reprocessed by) a backfill. */
  async attachRuns(tenantId: string, backfillId: string, dagRunIds: string[]): Promise<void> {
    await this.db.query(`UPDATE dag_run SET backfill_id = $2 WHERE tenant_id = $1 AND id = ANY($3)`, [
      tenantId,
      backfillId,
      dagRunIds,
    ]);
  }

  async list(tenantId: string, dagId: string, page: PageRequest): Promise<Page<BackfillSummary>> {
    const rows = await this.db.query(
      `${WITH_RUN_COUNTS} WHERE b.tenant_id = $1 AND b.dag_id = $2 ORDER BY b.created_at DESC LIMIT $3 OFFSET $4`,
      [tenantId, dagId, page.limit, page.offset],
    );
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM backfill WHERE tenant_id = $1 AND dag_id = $2`,
      [tenantId, dagId],
    );
    return { items: rows.map(toBackfill), total, ...page };
  }

  async get(tenantId: string, dagId: string, backfillId: string): Promise<BackfillSummary | null> {
    const rows = await this.db.query(`${WITH_RUN_COUNTS} WHERE b.tenant_id = $1 AND b.dag_id = $2 AND b.id = $3`, [
      tenantId,
      dagId,
      backfillId,
    ]);
    return rows.length > 0 ? toBackfill(rows[0]) : null;
  }
}
