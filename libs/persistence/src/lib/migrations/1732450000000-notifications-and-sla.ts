import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationsAndSla1732450000000 implements MigrationInterface {
  name = 'NotificationsAndSla1732450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_channel (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        name text NOT NULL,
        type text NOT NULL CHECK (type IN ('email', 'slack')),
        is_default boolean NOT NULL DEFAULT false,
        settings jsonb NOT NULL DEFAULT '{}',
        secrets text,
        failing_since timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, name)
      );

      CREATE TABLE notification_delivery (
        id bigserial PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        channel_id uuid NOT NULL REFERENCES notification_channel(id) ON DELETE CASCADE,
        notification_key text NOT NULL,
        kind text NOT NULL,
        subject text NOT NULL,
        status text NOT NULL CHECK (status IN ('sent', 'failed', 'abandoned')),
        attempt int NOT NULL,
        error text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX notification_delivery_listing_idx ON notification_delivery (tenant_id, created_at DESC, id DESC);
      CREATE INDEX notification_delivery_channel_idx ON notification_delivery (channel_id, created_at DESC);

      CREATE TABLE sla_miss (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        dag_id text NOT NULL,
        dag_run_id uuid NOT NULL REFERENCES dag_run(id) ON DELETE CASCADE,
        task_id text,
        expected_at timestamptz NOT NULL,
        detected_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        notified_at timestamptz,
        CONSTRAINT sla_miss_once UNIQUE NULLS NOT DISTINCT (dag_run_id, task_id)
      );
      CREATE INDEX sla_miss_listing_idx ON sla_miss (tenant_id, detected_at DESC);
      CREATE INDEX sla_miss_unnotified_idx ON sla_miss (detected_at) WHERE notified_at IS NULL;
      -- The SLA check also looks at runs that ended lately (a task that finished late while no scheduler ran).
      CREATE INDEX dag_run_recently_ended_idx ON dag_run (end_date) WHERE end_date IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP INDEX dag_run_recently_ended_idx; DROP TABLE sla_miss, notification_delivery, notification_channel`,
    );
  }
}
