import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-tenant retention (null: the platform default, RETENTION_DEFAULTS in domain), and the one
 * door through the audit log's append-only wall: a DELETE in a transaction that set
 * `updraft.audit_retention` (only the retention cleaner does) removes entries past retention.
 * Updates and truncation stay refused. The cleaner's batches find old rows by these indexes.
 */
export class TenantRetention1734410000000 implements MigrationInterface {
  name = 'TenantRetention1734410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenant_retention (
        tenant_id uuid PRIMARY KEY REFERENCES tenant(id) ON DELETE CASCADE,
        runs_days int CHECK (runs_days > 0),
        logs_days int CHECK (logs_days > 0),
        xcom_days int CHECK (xcom_days > 0),
        audit_log_days int CHECK (audit_log_days > 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('updraft.audit_retention', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;

      CREATE INDEX dag_run_ended_idx ON dag_run (tenant_id, end_date) WHERE state IN ('success', 'failed');
      CREATE INDEX task_log_age_idx ON task_log (tenant_id, timestamp);
      CREATE INDEX xcom_age_idx ON xcom (tenant_id, created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX xcom_age_idx; DROP INDEX task_log_age_idx; DROP INDEX dag_run_ended_idx;
      CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      DROP TABLE tenant_retention;
    `);
  }
}
