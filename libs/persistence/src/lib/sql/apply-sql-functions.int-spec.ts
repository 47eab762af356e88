import { DataSource } from 'typeorm';
import { scratchDatabase } from '../testing/scratch-database';
import { applySqlFunctions } from './apply-sql-functions';
import { SQL_FUNCTIONS } from './functions';

/** The repeatable part of migrating: a function is re-created when, and only when, its file's text changed. */
describe('applySqlFunctions', () => {
  let db: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ db, drop } = await scratchDatabase());
  });

  afterAll(() => drop());

  it('has applied every function file once migrating is done, and leaves them alone while unchanged', async () => {
    const rows: { name: string }[] = await db.query(`SELECT name FROM sql_function ORDER BY name`);
    expect(rows.map((r) => r.name)).toEqual(SQL_FUNCTIONS.map((f) => f.name).sort());
    for (const fn of SQL_FUNCTIONS) {
      const found: unknown[] = await db.query(`SELECT 1 FROM pg_proc WHERE proname = $1`, [fn.name]);
      expect(found).toHaveLength(1);
    }
    expect(await applySqlFunctions(db)).toEqual([]);
  });

  it('re-creates a function whose text changed, and only that one', async () => {
    const probe = (answer: number) => ({
      name: 'updraft_probe',
      sql: `CREATE OR REPLACE FUNCTION updraft_probe() RETURNS int LANGUAGE sql AS $fn$ SELECT ${answer} $fn$;`,
    });
    expect(await applySqlFunctions(db, [...SQL_FUNCTIONS, probe(1)])).toEqual(['updraft_probe']);
    expect(await db.query(`SELECT updraft_probe() AS n`)).toEqual([{ n: 1 }]);
    expect(await applySqlFunctions(db, [...SQL_FUNCTIONS, probe(1)])).toEqual([]);
    expect(await applySqlFunctions(db, [...SQL_FUNCTIONS, probe(2)])).toEqual(['updraft_probe']);
    expect(await db.query(`SELECT updraft_probe() AS n`)).toEqual([{ n: 2 }]);
  });

  it('ships every file in sql/functions, each defining the function it is named after', () => {
    for (const fn of SQL_FUNCTIONS) {
      expect(fn.sql).toMatch(/^-- /);
      expect(fn.sql).toContain(`CREATE OR REPLACE FUNCTION ${fn.name}(`);
      expect(fn.sql.match(/CREATE OR REPLACE FUNCTION/g)).toHaveLength(1);
    }
  });
});
