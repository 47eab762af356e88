import { databaseExists } from './database-admin';
import { createTestDatabase } from './test-database';

describe('createTestDatabase (real PostgreSQL)', () => {
  it('creates a uniquely named database and drop() removes it even with a connection left open', async () => {
    const db = await createTestDatabase({ migrate: false });
    expect(db.name).toMatch(/^updraft_test_[0-9a-f]{12}$/);
    expect(db.url).toContain(`/${db.name}`);
    expect(await databaseExists(db.url)).toBe(true);

    const { Client } = jest.requireActual('pg');
    const leaked = new Client({ connectionString: db.url });
    await leaked.connect();
    leaked.on('error', () => undefined);

    await db.drop();
    expect(await databaseExists(db.url)).toBe(false);
    await leaked.end().catch(() => undefined);
  });

  it('runs the given migration against the new database', async () => {
    const migrated: string[] = [];
    const db = await createTestDatabase({ migrate: async (url) => void migrated.push(url) });
    try {
      expect(migrated).toEqual([db.url]);
    } finally {
      await db.drop();
    }
  });

  it('drops the database again when the migration fails, leaving nothing behind', async () => {
    let url = '';
    await expect(
      createTestDatabase({
        migrate: async (u) => {
          url = u;
          throw new Error('migration 3 failed');
        },
      }),
    ).rejects.toThrow('migration 3 failed');
    expect(await databaseExists(url)).toBe(false);
  });
});
