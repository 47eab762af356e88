import { MigrationInterface } from 'typeorm';

/**
 * Was: the whole dispatch in PostgreSQL (updraft_claim.sql, updraft_select_for_dispatch.sql, updraft_dispatch.sql).
 * Its function now lives in libs/persistence/src/lib/sql/functions/ and is applied by
 * applySqlFunctions (re-created when its text changes), so this migration no longer defines it.
 */
export class DispatchInOneRoundTrip1732500000000 implements MigrationInterface {
  name = 'DispatchInOneRoundTrip1732500000000';

  async up(): Promise<void> {
    // The function is created by applySqlFunctions after the migrations.
  }

  async down(): Promise<void> {
    // Nothing: the function belongs to sql/functions.
  }
}
