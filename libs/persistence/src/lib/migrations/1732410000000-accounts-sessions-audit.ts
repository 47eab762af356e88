import { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountsSessionsAudit1732410000000 implements MigrationInterface {
  name = 'AccountsSessionsAudit1732410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user ADD COLUMN email_verified_at timestamptz;

      CREATE TABLE auth_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        ip text,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_reason text
      );
      CREATE INDEX auth_session_user_idx ON auth_session (user_id) WHERE revoked_at IS NULL;

      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES auth_session(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        rotated_at timestamptz
      );
      CREATE INDEX refresh_token_session_idx ON refresh_token (session_id);

      CREATE TABLE one_time_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        purpose text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'invitation')),
        token_hash text NOT NULL UNIQUE,
        email text NOT NULL,
        user_id uuid REFERENCES app_user(id) ON DELETE CASCADE,
        tenant_id uuid REFERENCES tenant(id) ON DELETE CASCADE,
        role text,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CHECK (purpose <> 'invitation' OR (tenant_id IS NOT NULL AND role IS NOT NULL))
      );
      CREATE INDEX one_time_token_tenant_idx ON one_time_token (tenant_id) WHERE tenant_id IS NOT NULL;

      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        tenant_id uuid REFERENCES tenant(id),
        actor_user_id uuid,
        actor_email text,
        action text NOT NULL,
        target jsonb NOT NULL DEFAULT '{}',
        outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'error')),
        status_code int NOT NULL,
        ip text,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX audit_log_tenant_idx ON audit_log (tenant_id, at DESC, id DESC);

      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_log, one_time_token, refresh_token, auth_session;
      DROP FUNCTION audit_log_append_only();
      ALTER TABLE app_user DROP COLUMN email_verified_at;
    `);
  }
}
