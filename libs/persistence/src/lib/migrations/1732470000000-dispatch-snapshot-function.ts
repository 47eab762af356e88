import { MigrationInterface } from 'typeorm';

/**
 * Was: the dispatcher's snapshot as a plpgsql function (updraft_dispatch_snapshot.sql).
 * Its function now lives in libs/persistence/src/lib/sql/functions/ and is applied by
 * applySqlFunctions (re-created when its text changes), so this migration no longer defines it.
 */
export class DispatchSnapshotFunction1732470000000 implements MigrationInterface {
  name = 'DispatchSnapshotFunction1732470000000';

  async up(): Promise<void> {
    // The function is created by applySqlFunctions after the migrations.
  }

  async down(): Promise<void> {
    // Nothing: the function belongs to sql/functions.
  }
}
