import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDatabaseIfMissing, dataSourceOptions, dropDatabase, runMigrations } from '../data-source';
import { loadConfig } from '@updraft/config';

/** A migrated database of its own for one spec file, on the real PostgreSQL. */
export async function scratchDatabase(): Promise<{ db: DataSource; drop: () => Promise<void> }> {
  const url = new URL(loadConfig().databaseUrl);
  url.pathname = `/updraft_test_${randomBytes(6).toString('hex')}`;
  await createDatabaseIfMissing(url.toString());
  await runMigrations(url.toString());
  const db = new DataSource(dataSourceOptions(url.toString()));
  await db.initialize();
  return {
    db,
    drop: async () => {
      await db.destroy();
      await dropDatabase(url.toString());
    },
  };
}
