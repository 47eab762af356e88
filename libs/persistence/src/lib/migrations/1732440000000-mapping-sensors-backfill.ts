import { MigrationInterface, QueryRunner } from 'typeorm';

/** Sensors keep their first check across reschedules; backfills group the runs they created. */
export class MappingSensorsBackfill1732440000000 implements MigrationInterface {
  name = 'MappingSensorsBackfill1732440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE task_instance ADD COLUMN first_poke_at timestamptz;

      CREATE TABLE backfill (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        dag_id text NOT NULL,
        from_date timestamptz NOT NULL,
        to_date timestamptz NOT NULL,
        reprocess boolean NOT NULL DEFAULT false,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, dag_id) REFERENCES dag(tenant_id, dag_id) ON DELETE CASCADE
      );
      CREATE INDEX backfill_dag_idx ON backfill (tenant_id, dag_id, created_at DESC);

      ALTER TABLE dag_run ADD COLUMN backfill_id uuid REFERENCES backfill(id) ON DELETE SET NULL;
      CREATE INDEX dag_run_backfill_idx ON dag_run (backfill_id) WHERE backfill_id IS NOT NULL;
      CREATE INDEX dag_run_queued_idx ON dag_run (tenant_id, dag_id, logical_date) WHERE state = 'queued';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX dag_run_queued_idx;
      ALTER TABLE dag_run DROP COLUMN backfill_id;
      DROP TABLE backfill;
      ALTER TABLE task_instance DROP COLUMN first_poke_at;
    `);
  }
}
