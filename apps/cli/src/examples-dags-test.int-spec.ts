import { createTestDatabase, type TestDatabase } from '@updraft/testing';
import { Client } from 'pg';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBuiltCli } from './testing/built-cli';
import { makeTempDir, StandInApi } from './testing/stand-in-api';

const EXAMPLES = join(__dirname, '../../../examples');

/** examples/operators-tour run by the built cli, with its warehouse on a scratch database of the real PostgreSQL and its status API on loopback. */
describe('examples/operators-tour under `updraft dags test`', () => {
  let database: TestDatabase;
  let api: StandInApi;
  let dir: ReturnType<typeof makeTempDir>;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    const client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query(
      "CREATE TABLE sales (day date, amount int); INSERT INTO sales VALUES ('2024-06-03', 900), ('2024-06-03', 300), ('2024-06-04', 5)",
    );
    await client.end();
    api = await new StandInApi({ 'GET /v1/exports/2024-06-03': () => ({ json: { state: 'ready' } }) }).start();
    dir = makeTempDir();
  });
  afterAll(async () => {
    await api?.stop();
    await database?.drop();
    dir?.remove();
  });

  it('runs every operator: the four sensors, mapping, shortCircuit, sql, the branch it picks, email and slack printed', async () => {
    const variables = join(dir.path, 'variables.json');
    writeFileSync(variables, JSON.stringify({ exports_api: api.url }));

    const result = await runBuiltCli(
      join(EXAMPLES, 'operators-tour'),
      [
        'dags',
        'test',
        'dags/operators.ts',
        'operators_tour',
        '--logical-date',
        '2024-06-03',
        '--variables',
        variables,
        '--external-state',
        'authoring_tour:trigger_report=success',
      ],
      { UPDRAFT_CONN_WAREHOUSE: database.url },
    );

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const table = result.stdout.slice(result.stdout.indexOf('\nTASK'));
    const states = [...table.matchAll(/^(\S+)\s+(success|skipped|failed|upstream_failed)\s+\d+$/gm)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    expect(states).toEqual([
      'settled success',
      'not_before success',
      'authoring_done success',
      'api_ready success',
      'regions success',
      'load[0] success',
      'load[1] success',
      'load[2] success',
      'total success',
      'any_rows success',
      'big_or_small success',
      'big_day success',
      'small_day skipped',
      'join success',
      'report success',
      'post success',
    ]);
    expect(result.stdout).toContain(
      '[load[2]] | loading apac for 2024-06-03\n[load[2]] success, returned {"region":"apac","rows":400}\n',
    );
    expect(result.stdout).toContain('[total] success, returned {"rowCount":1,"rows":[{"total":1200}]}\n');
    expect(result.stdout).toContain('[big_or_small] success, returned "big_day"\n');
    expect(result.stdout).toContain(
      '[report] | subject: Sales 2024-06-03\n[report] |   Run test__2024-06-03T00:00:00.000+00:00: 1200 in total.\n',
    );
    expect(result.stdout).toContain(
      "[post] | Slack message for channel 'ops-slack':\n[post] |   sales for 2024-06-03 are in\n",
    );
    expect(result.stdout).toMatch(/\nRun test__2024-06-03T00:00:00\.000\+00:00: success\n$/);
  });
});
