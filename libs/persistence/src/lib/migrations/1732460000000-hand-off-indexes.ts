import { MigrationInterface, QueryRunner } from 'typeorm';

/** Whether a run still has unfinished task instances is asked after every batch of tries: one index probe, not a scan of the run. */
export class HandOffIndexes1732460000000 implements MigrationInterface {
  name = 'HandOffIndexes1732460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX task_instance_unfinished_run_idx ON task_instance (dag_run_id)
        WHERE state NOT IN ('success', 'failed', 'skipped', 'upstream_failed', 'removed');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX task_instance_unfinished_run_idx`);
  }
}
