import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Parsing claims a bundle version fairly (one parse per tenant at a time, the tenant served least
 * recently first): when each parse started is kept, and the versions waiting are found by index.
 * Whether a try's log was cut is one probe of its few system lines, not a scan of its output.
 */
export class FairParsingAndLogNotices1732540000000 implements MigrationInterface {
  name = 'FairParsingAndLogNotices1732540000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE bundle_version ADD COLUMN parse_started_at timestamptz;
      CREATE INDEX bundle_version_to_parse_idx ON bundle_version (tenant_id, created_at) WHERE status IN ('pending', 'parsing');
      CREATE INDEX bundle_version_parse_started_idx ON bundle_version (tenant_id, parse_started_at) WHERE parse_started_at IS NOT NULL;
      CREATE INDEX task_log_system_idx ON task_log (task_instance_id, try_number) WHERE stream = 'system';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX task_log_system_idx;
      DROP INDEX bundle_version_parse_started_idx;
      DROP INDEX bundle_version_to_parse_idx;
      ALTER TABLE bundle_version DROP COLUMN parse_started_at;
    `);
  }
}
