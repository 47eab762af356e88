import { loadConfig } from '@updraft/config';
import { createDatabase, dropDatabase, withDatabaseName } from './database-admin';
import { randomSuffix } from './random-suffix';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Server to create the database on; defaults to DATABASE_URL, then the local default. */
  baseUrl?: string;
  /** How to bring the schema up; defaults to @updraft/persistence's runMigrations. Pass `false` for an empty database. */
  migrate?: ((url: string) => Promise<void>) | false;
}

/** A fresh `updraft_test_<random>` database on the real server, migrated unless told otherwise. */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const baseUrl = options.baseUrl ?? loadConfig().databaseUrl;
  const name = `updraft_test_${randomSuffix()}`;
  const url = withDatabaseName(baseUrl, name);
  await createDatabase(url);
  const migrate = options.migrate ?? migrateWithPersistence;
  try {
    if (migrate) await migrate(url);
  } catch (error) {
    await dropDatabase(url);
    throw error;
  }
  return { url, name, drop: () => dropDatabase(url) };
}

async function migrateWithPersistence(url: string): Promise<void> {
  // Loaded on demand so that suites migrating another way never compile the persistence lib.
  const { runMigrations } = await import('@updraft/persistence');
  await runMigrations(url);
}
