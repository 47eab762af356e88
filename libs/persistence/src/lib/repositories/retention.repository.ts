import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RETENTION_DEFAULTS, RetentionDays, RetentionTable } from '@updraft/domain';
import { DataSource } from 'typeorm';

/** What one tenant's cleaning removed (or, in a dry run, would remove) from one table. */
export interface RetentionResult {
  tenantId: string;
  slug: string;
  table: RetentionTable;
  keptDays: number;
  olderThan: Date;
  rows: number;
}

const FINISHED_RUN = `state IN ('success', 'failed')`;

/**
 * The rows past retention, per table: `$1` the tenant, `$2` the cut-off. Only finished runs are
 * ever removed (a queued or running run, its logs and XComs are never touched), and each DAG keeps
 * its latest scheduled run, from which the run creator computes the next interval.
 */
const CANDIDATES: Record<RetentionTable, { key: string; from: string }> = {
  xcom: {
    key: 'ctid',
    from: `xcom x WHERE x.tenant_id = $1 AND x.created_at < $2
      AND EXISTS (SELECT 1 FROM dag_run r WHERE r.id = x.dag_run_id AND r.${FINISHED_RUN})`,
  },
  task_log: {
    key: 'id',
    from: `task_log l WHERE l.tenant_id = $1 AND l.timestamp < $2
      AND EXISTS (SELECT 1 FROM task_instance ti JOIN dag_run r ON r.id = ti.dag_run_id
                   WHERE ti.id = l.task_instance_id AND r.${FINISHED_RUN})`,
  },
  dag_run: {
    key: 'id',
    from: `dag_run r WHERE r.tenant_id = $1 AND r.${FINISHED_RUN} AND r.end_date < $2
      AND r.id IS DISTINCT FROM (
        SELECT k.id FROM dag_run k WHERE k.tenant_id = r.tenant_id AND k.dag_id = r.dag_id AND k.run_type = 'scheduled'
         ORDER BY k.data_interval_end DESC LIMIT 1)`,
  },
  audit_log: { key: 'id', from: `audit_log a WHERE a.tenant_id = $1 AND a.at < $2` },
};

/** In this order: what belongs to runs first, so that a run's own removal cascades over less. */
const TABLES: { table: RetentionTable; days: keyof RetentionDays }[] = [
  { table: 'xcom', days: 'xcom' },
  { table: 'task_log', days: 'logs' },
  { table: 'dag_run', days: 'runs' },
  { table: 'audit_log', days: 'auditLog' },
];

/**
 * Removes what tenants keep no longer, in small batches: each batch is its own short transaction
 * that deletes at most `batchSize` rows it could lock at once (`FOR UPDATE SKIP LOCKED`), so the
 * cleaner never waits on a row the engine holds and never holds more than a batch's row locks;
 * no table lock is taken (DELETE's ROW EXCLUSIVE does not conflict with the engine's writes).
 */
@Injectable()
export class RetentionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Every tenant's retention (its own settings over the platform defaults); one tenant's when a slug is given. */
  async settings(
    slug?: string,
  ): Promise<{ tenantId: string; slug: string; days: RetentionDays; own: Record<keyof RetentionDays, boolean> }[]> {
    const rows: Record<string, any>[] = await this.db.query(
      `SELECT t.id, t.slug, r.runs_days, r.logs_days, r.xcom_days, r.audit_log_days
         FROM tenant t LEFT JOIN tenant_retention r ON r.tenant_id = t.id
        WHERE $1::text IS NULL OR t.slug = $1 ORDER BY t.slug`,
      [slug ?? null],
    );
    return rows.map((row) => ({
      tenantId: row['id'],
      slug: row['slug'],
      days: {
        runs: row['runs_days'] ?? RETENTION_DEFAULTS.runs,
        logs: row['logs_days'] ?? RETENTION_DEFAULTS.logs,
        xcom: row['xcom_days'] ?? RETENTION_DEFAULTS.xcom,
        auditLog: row['audit_log_days'] ?? RETENTION_DEFAULTS.auditLog,
      },
      own: {
        runs: row['runs_days'] !== null,
        logs: row['logs_days'] !== null,
        xcom: row['xcom_days'] !== null,
        auditLog: row['audit_log_days'] !== null,
      },
    }));
  }

  /** Sets a tenant's retention; a null field goes back to the platform default. */
  async set(tenantId: string, days: { [K in keyof RetentionDays]?: number | null }): Promise<void> {
    await this.db.query(
      `INSERT INTO tenant_retention (tenant_id, runs_days, logs_days, xcom_days, audit_log_days)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id) DO UPDATE SET runs_days = $2, logs_days = $3, xcom_days = $4, audit_log_days = $5, updated_at = now()`,
      [tenantId, days.runs ?? null, days.logs ?? null, days.xcom ?? null, days.auditLog ?? null],
    );
  }

  /** Cleans (or with `dryRun` counts) what every tenant, or the one named, keeps no longer. */
  async clean(options: { dryRun: boolean; batchSize: number; now?: Date; slug?: string }): Promise<RetentionResult[]> {
    const now = options.now ?? new Date();
    const results: RetentionResult[] = [];
    for (const tenant of await this.settings(options.slug)) {
      for (const { table, days } of TABLES) {
        const keptDays = tenant.days[days];
        const olderThan = new Date(now.getTime() - keptDays * 86_400_000);
        const rows = options.dryRun
          ? await this.count(table, tenant.tenantId, olderThan)
          : await this.removeInBatches(table, tenant.tenantId, olderThan, options.batchSize);
        results.push({ tenantId: tenant.tenantId, slug: tenant.slug, table, keptDays, olderThan, rows });
      }
    }
    return results;
  }

  private async count(table: RetentionTable, tenantId: string, olderThan: Date): Promise<number> {
    const [{ count }] = await this.db.query(`SELECT count(*)::int AS count FROM ${CANDIDATES[table].from}`, [
      tenantId,
      olderThan,
    ]);
    return count;
  }

  private async removeInBatches(
    table: RetentionTable,
    tenantId: string,
    olderThan: Date,
    batchSize: number,
  ): Promise<number> {
    const { key, from } = CANDIDATES[table];
    let removed = 0;
    for (;;) {
      const deleted = await this.db.transaction(async (tx) => {
        if (table === 'audit_log') await tx.query(`SET LOCAL updraft.audit_retention = 'on'`);
        const [, count] = await tx.query(
          `DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM ${from} LIMIT $3 FOR UPDATE SKIP LOCKED)`,
          [tenantId, olderThan, batchSize],
        );
        return count as number;
      });
      removed += deleted;
      if (deleted < batchSize) return removed;
    }
  }
}
