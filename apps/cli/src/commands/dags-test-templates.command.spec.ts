import { join } from 'node:path';
import { useDagProject } from '../testing/dag-project';
import { runCli } from '../testing/stand-in-api';

describe('updraft dags test: templates, variables and connections', () => {
  const dir = useDagProject();
  const file = (name: string, content: string) => dir.file(name, content);

  it("renders bash templates with Airflow's names, params, an upstream XCom, variables, connections and macros", async () => {
    const dag = file(
      'dags/templated.ts',
      `import { bash, dag, task } from '@updraft/sdk';
      export default dag('templated', { params: { region: { type: 'string', default: 'eu' } } }, () => {
        const count = task('count', async () => ({ rows: 42 }));
        count.then(bash('report', {
          command: 'echo "{{ ds }} {{ ds_nodash }} {{ ts }} {{ params.region }} {{ run_id }} {{ dag.dag_id }}.{{ task.task_id }} try {{ ti.try_number }}" && echo "$SUMMARY"',
          env: { SUMMARY: "rows={{ ti.xcomPull('count').rows }} limit={{ var.json.limits.max }} token={{ var.value.token }} db={{ conn.warehouse.host }}:{{ conn.warehouse.port }}/{{ conn.warehouse.schema }} as {{ conn.warehouse.login }} next={{ macros.ds_add(ds, 1) }} later={{ macros.add(ts, '90m') }}" },
        }));
      });`,
    );
    const connections = file(
      'connections.json',
      JSON.stringify({ warehouse: 'postgres://loader:pw@db.internal:6543/sales?sslmode=require' }),
    );
    const variables = file('variables.json', JSON.stringify({ limits: { max: 3 } }));

    const result = await runCli(
      [
        'dags',
        'test',
        dag,
        'templated',
        '--conf',
        '{"region":"us"}',
        '--logical-date',
        '2024-03-05',
        '--connections',
        connections,
        '--variables',
        variables,
      ],
      { localSecrets: { variables: { TOKEN: 'from-the-environment' } } },
    );

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Testing DAG templated from');
    expect(result.stdout).toContain(
      '[report] | 2024-03-05 20240305 2024-03-05T00:00:00.000Z us test__2024-03-05T00:00:00.000+00:00 templated.report try 1\n',
    );
    expect(result.stdout).toContain(
      '[report] | rows=42 limit=3 token=from-the-environment db=db.internal:6543/sales as loader next=2024-03-06 later=2024-03-05T01:30:00.000Z\n',
    );
  });

  it('gives task functions var.get and conn.get from the files and UPDRAFT_CONN_*, and masks a password once handed out', async () => {
    const dag = file(
      'dags/secrets.ts',
      `import { dag, task } from '@updraft/sdk';
      export default dag('secrets', {}, () => {
        task('read', async (ctx) => {
          const api = await ctx.conn.get('my-api');
          ctx.log('password is', api.password);
          return { region: await ctx.var.get('region'), missing: await ctx.var.get('missing', 'fallback'), api: { type: api.connType, host: api.host, extra: api.extra } };
        });
        task('unknown', async (ctx) => ctx.conn.get('nope'));
      });`,
    );
    const variables = file('variables.json', JSON.stringify({ region: 'eu' }));

    const result = await runCli(['dags', 'test', dag, 'secrets', '--variables', variables, '--json'], {
      localSecrets: {
        connections: {
          MY_API: '{"connType":"http","host":"api.example.com","password":"hunter2","extra":{"headers":{"x-key":"k"}}}',
        },
      },
    });

    const run = JSON.parse(result.stdout);
    const read = run.tasks.find((t: { taskId: string }) => t.taskId === 'read');
    expect(read.returnValue).toEqual({
      region: 'eu',
      missing: 'fallback',
      api: { type: 'http', host: 'api.example.com', extra: { headers: { 'x-key': 'k' } } },
    });
    expect(read.output).toEqual([{ stream: 'log', line: 'password is ***' }]);
    expect(run.tasks.find((t: { taskId: string }) => t.taskId === 'unknown')).toMatchObject({
      state: 'failed',
      message: expect.stringMatching(/^connection 'nope' is not defined/),
    });
    expect(result.code).toBe(1);
  });

  it('fails a try whose template does not compile or names a missing variable, saying which field', async () => {
    const dag = file(
      'dags/broken.ts',
      `import { bash, dag } from '@updraft/sdk';
      export default dag('broken', {}, () => {
        bash('syntax', { command: 'echo {{ ds ', retries: 3 });
        bash('missing', { command: 'echo {{ var.value.nowhere }}' });
      });`,
    );

    const result = await runCli(['dags', 'test', dag, 'broken'], {});

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /\[syntax\] failed: rendering templates failed: template in 'command': .*expected variable end/,
    );
    expect(result.stdout).toContain('[syntax] running (bash, try 1 of 4)\n[syntax] failed:');
    expect(result.stdout).toMatch(
      /\[missing\] failed: rendering templates failed: template in 'command': .*variable 'nowhere' is not defined/,
    );
  });

  it('refuses a bad connections file, logical date, external state or SMTP URL in one line, before running anything', async () => {
    const dag = file(
      'dags/ok.ts',
      `import { dag, empty } from '@updraft/sdk';\nexport default dag('ok', {}, () => { empty('e'); });`,
    );
    const badPort = file('bad.json', JSON.stringify({ warehouse: { connType: 'postgres', port: 'five' } }));
    const test = (...args: string[]) => runCli(['dags', 'test', dag, 'ok', ...args], {});

    expect(await test('--connections', badPort)).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: --connections ${badPort}: connection 'warehouse': port must be a whole number from 1 to 65535\n`,
    });
    expect((await test('--connections', join(dir.path, 'none.json'))).stderr).toBe(
      `error: --connections: cannot read ${join(dir.path, 'none.json')}: ENOENT\n`,
    );
    expect((await test('--variables', file('list.json', '[1]'))).stderr).toBe(
      `error: --variables ${join(dir.path, 'list.json')} must hold a JSON object keyed by id\n`,
    );
    expect((await test('--logical-date', 'yesterday')).stderr).toBe(
      "error: --logical-date 'yesterday' is not a date: use 2024-06-01 or 2024-06-01T06:00:00Z\n",
    );
    expect((await test('--external-state', 'upstream=success')).stderr).toBe(
      "error: --external-state 'upstream=success' is not dag:task=state, e.g. upstream_dag:load=success\n",
    );
    expect((await test('--smtp-url', 'mail.example.com')).stderr).toBe('error: --smtp-url is not a URL\n');
  });
});
