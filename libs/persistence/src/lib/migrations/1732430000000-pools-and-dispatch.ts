import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pools, per-DAG and per-tenant limits: ready task instances wait in `scheduled` until the
 * dispatcher queues them, so each instance records its pool and when it became ready, each run
 * its DAG version's maxActiveTasks, and a tenant may have its own limit of active tasks.
 */
export class PoolsAndDispatch1732430000000 implements MigrationInterface {
  name = 'PoolsAndDispatch1732430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pool (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        name text NOT NULL,
        slots int NOT NULL CHECK (slots >= 0),
        description text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, name)
      );

      ALTER TABLE tenant ADD COLUMN max_running_tasks int CHECK (max_running_tasks >= 0);
      ALTER TABLE dag_run ADD COLUMN max_active_tasks int NOT NULL DEFAULT 16;
      ALTER TABLE task_instance
        ADD COLUMN pool text NOT NULL DEFAULT 'default_pool',
        ADD COLUMN pool_slots int NOT NULL DEFAULT 1 CHECK (pool_slots >= 1),
        ADD COLUMN scheduled_at timestamptz;

      CREATE INDEX task_instance_dispatch_idx ON task_instance (tenant_id, priority_weight DESC, scheduled_at, id)
        WHERE state = 'scheduled';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX task_instance_dispatch_idx;
      ALTER TABLE task_instance DROP COLUMN pool, DROP COLUMN pool_slots, DROP COLUMN scheduled_at;
      ALTER TABLE dag_run DROP COLUMN max_active_tasks;
      ALTER TABLE tenant DROP COLUMN max_running_tasks;
      DROP TABLE pool;
    `);
  }
}
