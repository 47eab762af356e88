import { createTestDatabase, type TestDatabase } from '@updraft/testing';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, runCli } from '../testing/stand-in-api';

interface TaskRow {
  taskId: string;
  state: string;
  tries: number;
  returnValue?: unknown;
  message: string | null;
}

/** The sql operator in a local run, on a scratch database of the real local PostgreSQL. */
describe('updraft dags test: sql on a real PostgreSQL connection', () => {
  let database: TestDatabase;
  let dir: ReturnType<typeof makeTempDir>;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => database?.drop());
  beforeEach(() => {
    dir = makeTempDir();
    mkdirSync(join(dir.path, 'dags'));
  });
  afterEach(() => dir.remove());

  it('runs templated statements with parameters, keeps rows as XCom, and fails clearly on what the server refuses', async () => {
    const dag = join(dir.path, 'dags', 'queries.ts');
    writeFileSync(
      dag,
      `import { chain, dag, sql } from '@updraft/sdk';
      export default dag('queries', {}, () => {
        const create = sql('create', { connection: 'warehouse', statement: 'CREATE TABLE sales (day date, amount int)' });
        const insert = sql('insert', { connection: 'warehouse', statement: "INSERT INTO sales VALUES ('{{ ds }}', $1), ('{{ macros.ds_add(ds, 1) }}', $2)", parameters: [5, 7] });
        const total = sql('total', { connection: 'warehouse', statement: 'SELECT day::text AS day, sum(amount)::int AS total FROM sales GROUP BY day ORDER BY day' });
        chain(create, insert, total);
        sql('typo', { connection: 'warehouse', statement: 'SELEC 1', retries: 2 });
        sql('too_many', { connection: 'warehouse', statement: 'SELECT generate_series(1, 20) AS n', maxRows: 10 });
        sql('unknown', { connection: 'nope', statement: 'SELECT 1' });
        sql('not_postgres', { connection: 'web', statement: 'SELECT 1' });
      });`,
    );
    const connections = join(dir.path, 'connections.json');
    writeFileSync(connections, JSON.stringify({ web: 'https://example.com' }));

    const result = await runCli(
      ['dags', 'test', dag, 'queries', '--logical-date', '2024-03-05', '--connections', connections, '--json'],
      {
        localSecrets: { connections: { WAREHOUSE: database.url } },
      },
    );

    const tasks = Object.fromEntries((JSON.parse(result.stdout).tasks as TaskRow[]).map((t) => [t.taskId, t]));
    expect(tasks['create'].state).toBe('success');
    expect(tasks['insert']).toMatchObject({ state: 'success', returnValue: { rowCount: 2, rows: [] } });
    expect(tasks['total']).toMatchObject({
      state: 'success',
      returnValue: {
        rowCount: 2,
        rows: [
          { day: '2024-03-05', total: 5 },
          { day: '2024-03-06', total: 7 },
        ],
      },
    });
    expect(tasks['typo']).toMatchObject({
      state: 'failed',
      tries: 1,
      message: 'sql on warehouse failed (42601) at character 1: syntax error at or near "SELEC"',
    });
    expect(tasks['too_many']).toMatchObject({
      state: 'failed',
      message: 'the statement returned 20 rows; maxRows is 10',
    });
    expect(tasks['unknown']).toMatchObject({ state: 'failed', message: "connection 'nope' is not defined" });
    expect(tasks['not_postgres']).toMatchObject({
      state: 'failed',
      message: "connection 'web' is of type 'https'; sql needs a postgres connection",
    });
    expect(result.code).toBe(1);
  });
});
