import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Headroom for other tenants: each worker keeps `reserved_slots` (WORKER_RESERVED_SLOTS) beyond
 * its `slots`. Who may use them is decided by sql/functions/updraft_select_sharing_headroom.sql
 * (pure model: `selectSharingHeadroom` in libs/domain).
 */
export class HeadroomForOtherTenants1732520000000 implements MigrationInterface {
  name = 'HeadroomForOtherTenants1732520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE worker ADD COLUMN reserved_slots int NOT NULL DEFAULT 0 CHECK (reserved_slots >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE worker DROP COLUMN reserved_slots`);
  }
}
