import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data-aware and event-driven scheduling: a tenant's assets, their events (from a task's success,
 * by hand, or from a webhook), the events each consuming DAG has not consumed yet (one queue row
 * per DAG and event, deleted by the run that consumes it), the events each run consumed, and the
 * webhooks with their delivery log.
 */
export class AssetsAndWebhooks1734100000000 implements MigrationInterface {
  name = 'AssetsAndWebhooks1734100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE dag_run DROP CONSTRAINT dag_run_run_type_check;
      ALTER TABLE dag_run ADD CONSTRAINT dag_run_run_type_check
        CHECK (run_type IN ('manual', 'scheduled', 'backfill', 'asset_triggered'));

      CREATE TABLE asset (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        uri text NOT NULL,
        name text NOT NULL,
        group_name text NOT NULL DEFAULT 'asset',
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, uri)
      );

      CREATE TABLE asset_event (
        id bigserial PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        asset_id uuid NOT NULL REFERENCES asset(id) ON DELETE CASCADE,
        source_kind text NOT NULL CHECK (source_kind IN ('task', 'api', 'webhook')),
        source_dag_id text,
        source_run_id text,
        source_task_id text,
        source_map_index int,
        created_by text,
        extra jsonb NOT NULL DEFAULT '{}',
        dedup_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, dedup_key)
      );
      CREATE INDEX asset_event_asset_idx ON asset_event (tenant_id, asset_id, id DESC);

      CREATE TABLE asset_event_queue (
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        dag_id text NOT NULL,
        asset_event_id bigint NOT NULL REFERENCES asset_event(id) ON DELETE CASCADE,
        asset_uri text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, dag_id, asset_event_id),
        FOREIGN KEY (tenant_id, dag_id) REFERENCES dag(tenant_id, dag_id) ON DELETE CASCADE
      );

      CREATE TABLE dag_run_asset_event (
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        dag_run_id uuid NOT NULL REFERENCES dag_run(id) ON DELETE CASCADE,
        asset_event_id bigint NOT NULL REFERENCES asset_event(id) ON DELETE CASCADE,
        PRIMARY KEY (dag_run_id, asset_event_id)
      );
      CREATE INDEX dag_run_asset_event_event_idx ON dag_run_asset_event (asset_event_id);

      CREATE TABLE webhook (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        name text NOT NULL,
        asset_uri text,
        dag_id text,
        conf_mapping jsonb NOT NULL DEFAULT '{}',
        secret text NOT NULL,
        secret_rotated_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, name),
        CHECK ((asset_uri IS NULL) <> (dag_id IS NULL))
      );

      CREATE TABLE webhook_delivery (
        id bigserial PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        webhook_id uuid REFERENCES webhook(id) ON DELETE CASCADE,
        hook_name text NOT NULL,
        delivery_id text,
        outcome text NOT NULL,
        status_code int NOT NULL,
        message text,
        body_bytes int NOT NULL DEFAULT 0,
        asset_event_id bigint REFERENCES asset_event(id) ON DELETE SET NULL,
        dag_run_id uuid REFERENCES dag_run(id) ON DELETE SET NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX webhook_delivery_accepted_idx ON webhook_delivery (webhook_id, delivery_id)
        WHERE outcome = 'accepted';
      CREATE INDEX webhook_delivery_listing_idx ON webhook_delivery (tenant_id, webhook_id, id DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE webhook_delivery, webhook, dag_run_asset_event, asset_event_queue, asset_event, asset;
      DELETE FROM dag_run WHERE run_type = 'asset_triggered';
      ALTER TABLE dag_run DROP CONSTRAINT dag_run_run_type_check;
      ALTER TABLE dag_run ADD CONSTRAINT dag_run_run_type_check CHECK (run_type IN ('manual', 'scheduled', 'backfill'));
    `);
  }
}
