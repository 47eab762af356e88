import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The engine's plpgsql functions became files (libs/persistence/src/lib/sql/functions/*.sql),
 * applied after the migrations by `applySqlFunctions` whenever their text changes: this table
 * keeps the hash of each function's text as last applied.
 */
export class RepeatableSqlFunctions1733000000000 implements MigrationInterface {
  name = 'RepeatableSqlFunctions1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sql_function (
        name text PRIMARY KEY,
        sha256 text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sql_function`);
  }
}
