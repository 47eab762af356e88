import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The run creator's batch reads, per locked DAG, its latest scheduled interval and its count of
 * active runs: one index probe each instead of walking the DAG's runs (or every unfinished run
 * of every tenant, which is what `dag_run_unfinished_idx (state)` offered). The due DAGs and the
 * earliest next check come from a small partial index on `dag`.
 */
export class SchedulingAtScale1734400000000 implements MigrationInterface {
  name = 'SchedulingAtScale1734400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX dag_run_last_scheduled_idx ON dag_run (tenant_id, dag_id, data_interval_end DESC)
        WHERE run_type = 'scheduled';
      CREATE INDEX dag_run_active_idx ON dag_run (tenant_id, dag_id) WHERE state IN ('queued', 'running');
      CREATE INDEX dag_next_check_idx ON dag (next_dagrun_at) WHERE is_active AND NOT is_paused;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP INDEX dag_next_check_idx; DROP INDEX dag_run_active_idx; DROP INDEX dag_run_last_scheduled_idx;`,
    );
  }
}
