import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1732400000000 implements MigrationInterface {
  name = 'InitialSchema1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE membership (
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id)
      );
      CREATE INDEX membership_user_idx ON membership (user_id);

      CREATE TABLE bundle_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        name text NOT NULL,
        version int NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'parsing', 'active', 'failed', 'superseded')),
        archive bytea NOT NULL,
        archive_format text NOT NULL,
        archive_sha256 text NOT NULL,
        errors jsonb NOT NULL DEFAULT '[]',
        dag_ids jsonb NOT NULL DEFAULT '[]',
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        parsed_at timestamptz,
        UNIQUE (tenant_id, name, version)
      );

      CREATE TABLE dag_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        dag_id text NOT NULL,
        bundle_version_id uuid NOT NULL REFERENCES bundle_version(id) ON DELETE CASCADE,
        serialized jsonb NOT NULL,
        hash text NOT NULL,
        entry_file text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (bundle_version_id, dag_id)
      );
      CREATE INDEX dag_version_dag_idx ON dag_version (tenant_id, dag_id);

      CREATE TABLE dag (
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        dag_id text NOT NULL,
        bundle_name text NOT NULL,
        current_version_id uuid NOT NULL REFERENCES dag_version(id),
        is_active boolean NOT NULL DEFAULT true,
        is_paused boolean NOT NULL DEFAULT false,
        next_dagrun_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, dag_id)
      );

      CREATE TABLE dag_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        dag_id text NOT NULL,
        dag_version_id uuid NOT NULL REFERENCES dag_version(id),
        run_id text NOT NULL,
        run_type text NOT NULL CHECK (run_type IN ('manual', 'scheduled', 'backfill')),
        state text NOT NULL CHECK (state IN ('queued', 'running', 'success', 'failed')),
        logical_date timestamptz NOT NULL,
        data_interval_start timestamptz NOT NULL,
        data_interval_end timestamptz NOT NULL,
        conf jsonb NOT NULL DEFAULT '{}',
        queued_at timestamptz NOT NULL DEFAULT now(),
        start_date timestamptz,
        end_date timestamptz,
        FOREIGN KEY (tenant_id, dag_id) REFERENCES dag(tenant_id, dag_id) ON DELETE CASCADE,
        UNIQUE (tenant_id, dag_id, run_id),
        UNIQUE (tenant_id, dag_id, logical_date)
      );
      CREATE INDEX dag_run_listing_idx ON dag_run (tenant_id, dag_id, logical_date DESC);
      CREATE INDEX dag_run_unfinished_idx ON dag_run (state) WHERE state IN ('queued', 'running');

      CREATE TABLE task_instance (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        dag_run_id uuid NOT NULL REFERENCES dag_run(id) ON DELETE CASCADE,
        task_id text NOT NULL,
        map_index int NOT NULL DEFAULT -1,
        operator text NOT NULL,
        state text NOT NULL CHECK (state IN ('none', 'scheduled', 'queued', 'running', 'success', 'failed', 'skipped',
          'upstream_failed', 'up_for_retry', 'up_for_reschedule', 'removed')),
        try_number int NOT NULL DEFAULT 0,
        max_tries int NOT NULL DEFAULT 1,
        priority_weight int NOT NULL DEFAULT 1,
        queued_at timestamptz,
        start_date timestamptz,
        end_date timestamptz,
        hostname text,
        heartbeat_at timestamptz,
        next_try_at timestamptz,
        UNIQUE (dag_run_id, task_id, map_index)
      );
      CREATE INDEX task_instance_active_idx ON task_instance (state, next_try_at)
        WHERE state IN ('scheduled', 'queued', 'running', 'up_for_retry', 'up_for_reschedule');

      CREATE TABLE task_try (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        task_instance_id uuid NOT NULL REFERENCES task_instance(id) ON DELETE CASCADE,
        try_number int NOT NULL,
        hostname text,
        state text,
        exit_reason text,
        start_date timestamptz NOT NULL DEFAULT now(),
        end_date timestamptz,
        UNIQUE (task_instance_id, try_number)
      );

      CREATE TABLE task_log (
        id bigserial PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        task_instance_id uuid NOT NULL REFERENCES task_instance(id) ON DELETE CASCADE,
        try_number int NOT NULL,
        timestamp timestamptz NOT NULL,
        stream text NOT NULL,
        message text NOT NULL
      );
      CREATE INDEX task_log_try_idx ON task_log (task_instance_id, try_number, id);

      CREATE TABLE xcom (
        dag_run_id uuid NOT NULL REFERENCES dag_run(id) ON DELETE CASCADE,
        task_id text NOT NULL,
        map_index int NOT NULL DEFAULT -1,
        key text NOT NULL,
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        value jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (dag_run_id, task_id, map_index, key)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE xcom, task_log, task_try, task_instance, dag_run, dag, dag_version, bundle_version, membership, app_user, tenant`,
    );
  }
}
