import { MigrationInterface } from 'typeorm';

/**
 * Was: a worker's batch of ended tries with the hand-off in one call (updraft_end_tries.sql).
 * Its function now lives in libs/persistence/src/lib/sql/functions/ and is applied by
 * applySqlFunctions (re-created when its text changes), so this migration no longer defines it.
 */
export class EndTriesWithHandOff1732510000000 implements MigrationInterface {
  name = 'EndTriesWithHandOff1732510000000';

  async up(): Promise<void> {
    // The function is created by applySqlFunctions after the migrations.
  }

  async down(): Promise<void> {
    // Nothing: the function belongs to sql/functions.
  }
}
