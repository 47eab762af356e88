import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useDagProject } from '../testing/dag-project';
import { runCli } from '../testing/stand-in-api';

describe('updraft dags test (a local run, no server)', () => {
  const dir = useDagProject();
  const dagFile = (name: string, source: string) => dir.file(`dags/${name}`, source);

  // No server: any request would go to the unreachable default URL and fail the command.
  const test = (...args: string[]) => runCli(['dags', 'test', ...args], {});

  it('runs bash and task functions in order and prints output, return values and the final state', async () => {
    const file = dagFile(
      'hello.ts',
      `import { bash, chain, dag, task } from '@updraft/sdk';
      import { helper } from './helper';
      export default dag('hello', { params: { region: { type: 'string', default: 'eu' } } }, () => {
        const fetch = bash('fetch', { command: 'echo "a,b" > data.csv && echo "rows in $PWD:" && wc -l < data.csv' });
        const clean = task('clean', async (ctx) => {
          ctx.log('region', ctx.params.region, 'run', ctx.runId);
          console.log('printed with console.log');
          return { rows: Number(await ctx.ti.xcomPull('fetch')), made: helper() };
        });
        chain(fetch, clean);
      });`,
    );
    writeFileSync(join(dir.path, 'dags', 'helper.ts'), `export const helper = (): string => 'by a bundled import';`);

    const result = await test(file, 'hello', '--conf', '{"region":"us"}');

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^Testing DAG hello from .*hello\.ts \(logical date \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\)$/);
    expect(lines).toEqual(
      expect.arrayContaining([
        '[fetch] running (bash, try 1 of 1)',
        '[fetch] | 1',
        '[fetch] success, returned "1"',
        '[clean] running (task, try 1 of 1)',
        '[clean] | printed with console.log',
        '[clean] success, returned {"rows":1,"made":"by a bundled import"}',
      ]),
    );
    expect(result.stdout).toMatch(/\[fetch\] \| rows in \/\S*updraft-task-\S+:\n/);
    expect(result.stdout).toMatch(/\[clean\] \| region us run test__\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00\n/);
    expect(lines.indexOf('[fetch] success, returned "1"')).toBeLessThan(
      lines.indexOf('[clean] running (task, try 1 of 1)'),
    );
    expect(result.stdout).toMatch(/\nRun test__\S+: success\n$/);
  });

  it("gives bash tasks the bundle's folder (the one with updraft.json above the DAG file, else the file's) in UPDRAFT_BUNDLE_DIR", async () => {
    const file = dagFile(
      'files.ts',
      `import { bash, dag } from '@updraft/sdk';
      export default dag('files', {}, () => {
        bash('read', { command: 'cat "$UPDRAFT_BUNDLE_DIR/data.txt"', env: { UPDRAFT_BUNDLE_DIR: '/not/the/bundle' } });
      });`,
    );
    dir.file('updraft.json', JSON.stringify({ name: 'files', entries: ['dags/files.ts'] }));
    dir.file('data.txt', 'beside updraft.json\n');
    dir.file('dags/data.txt', 'beside the DAG file\n');

    const result = await test(file, 'files');

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[read] | beside updraft.json\n[read] success, returned "beside updraft.json"\n');

    rmSync(join(dir.path, 'updraft.json'));
    const alone = await test(file, 'files');

    expect(alone.code).toBe(0);
    expect(alone.stdout).toContain('[read] | beside the DAG file\n[read] success, returned "beside the DAG file"\n');
  });

  it('exits 1 naming the failing task and where it threw, and marks what depended on it upstream_failed', async () => {
    const file = dagFile(
      'broken.ts',
      `import { dag, task } from '@updraft/sdk';

      export default dag('broken', {}, () => {
        task('explode', async () => {
          throw new Error('the data is not there');
        }).then(task('after', async () => 1));
      });`,
    );

    const result = await test(file, 'broken');

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[explode] failed: the data is not there (');
    expect(result.stdout).toMatch(/\[after\] upstream_failed: trigger rule all_success \(upstream: explode failed\)\n/);
    expect(result.stdout).toMatch(/\nRun test__\S+: failed\n$/);
    expect(result.stderr).toMatch(
      /^error: DAG broken run failed: task 'explode' failed: the data is not there \(\S*broken\.ts:5\)\n$/,
    );
  });

  it('runs a one_failed task only when an upstream failed, and a bash exit code other than 0 fails', async () => {
    const file = dagFile(
      'rules.ts',
      `import { bash, dag, empty } from '@updraft/sdk';
      export default dag('rules', {}, () => {
        const ok = bash('ok', { command: 'true' });
        const bad = bash('bad', { command: 'echo oops >&2; exit 3' });
        ok.then(empty('alert_ok', { triggerRule: 'one_failed' }));
        bad.then(bash('alert_bad', { command: 'echo alerting', triggerRule: 'one_failed' }));
      });`,
    );

    const result = await test(file, 'rules');

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[bad] ! oops\n[bad] failed: the command exited with code 3\n');
    expect(result.stdout).toContain('[alert_ok] skipped: trigger rule one_failed (upstream: ok success)\n');
    expect(result.stdout).toContain('[alert_bad] | alerting\n[alert_bad] success, returned "alerting"\n');
    expect(result.stderr).toBe("error: DAG rules run failed: task 'bad' failed: the command exited with code 3\n");
  });

  it('skips a task that throws TaskSkip (or exits 99) and what follows it under all_success; the run succeeds', async () => {
    const file = dagFile(
      'skips.ts',
      `import { bash, dag, task, TaskSkip } from '@updraft/sdk';
      export default dag('skips', {}, () => {
        task('maybe', async () => { throw new TaskSkip('nothing new today'); }).then(task('load', async () => 1));
        bash('bash_skip', { command: 'exit 99' }).then(bash('tidy', { command: 'echo tidy', triggerRule: 'all_done' }));
      });`,
    );

    const result = await test(file, 'skips');

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[maybe] skipped: TaskSkip: nothing new today (');
    expect(result.stdout).toContain('[load] skipped: trigger rule all_success (upstream: maybe skipped)\n');
    expect(result.stdout).toContain('[bash_skip] skipped: the command exited with code 99 (skip)\n');
    expect(result.stdout).toContain('[tidy] success, returned "tidy"\n');
    expect(result.stdout).toMatch(/\nRun test__\S+: success\n$/);
  });

  it('retries with the delay capped at 1 s and says so; TaskFail fails at once without retries', async () => {
    const file = dagFile(
      'flaky.ts',
      `import { dag, task, TaskFail } from '@updraft/sdk';
      export default dag('flaky', { defaultArgs: { retries: 2, retryDelay: '10m' } }, () => {
        task('flaky', async (ctx) => {
          if (ctx.tryNumber < 2) throw new Error('try ' + ctx.tryNumber + ' fails');
          return ctx.tryNumber;
        });
        task('hopeless', async () => { throw new TaskFail('bad input'); });
      });`,
    );

    const started = Date.now();
    const result = await test(file, 'flaky');

    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.stdout).toContain('Retry delays are capped at 1 s locally; the platform waits the full delay.\n');
    expect(result.stdout).toMatch(
      /\[flaky\] up_for_retry: try 1 fails \(\S+\); try 2 of 3 in 1\.0s \(capped locally; the platform waits 10m0s\)\n/,
    );
    expect(result.stdout).toContain('[flaky] running (task, try 2 of 3)\n[flaky] success, returned 2\n');
    expect(result.stdout).toMatch(
      /\[hopeless\] running \(task, try 1 of 3\)\n\[hopeless\] failed: TaskFail: bad input/,
    );
    expect(result.stdout).toMatch(/flaky\s+success\s+2\n/);
    expect(result.code).toBe(1);
  });

  it('follows a branch and skips the branches it did not choose', async () => {
    const file = dagFile(
      'branchy.ts',
      `import { branch, dag, empty } from '@updraft/sdk';
      export default dag('branchy', {}, () => {
        branch('pick', async (ctx) => (ctx.params.big ? 'big' : 'small')).then([empty('big'), empty('small')]);
      });`,
    );

    const result = await test(file, 'branchy', '--conf', '{"big":true}', '--json');

    expect(result.code).toBe(0);
    const run = JSON.parse(result.stdout);
    expect(run).toMatchObject({ dagId: 'branchy', state: 'success', params: { big: true } });
    expect(run.runId).toMatch(/^test__/);
    expect(run.tasks.map((t: { taskId: string; state: string }) => [t.taskId, t.state])).toEqual([
      ['pick', 'success'],
      ['big', 'success'],
      ['small', 'skipped'],
    ]);
  });

  it('refuses params that do not match the DAG, before running anything', async () => {
    const file = dagFile(
      'typed.ts',
      `import { dag, task } from '@updraft/sdk';
      export default dag('typed', { params: { days: { type: 'integer' } } }, () => { task('t', async () => 1); });`,
    );
    const missing = await test(file, 'typed');
    expect(missing).toEqual({
      code: 1,
      stdout: '',
      stderr: "error: the run's params are not valid: conf.days is required (the DAG declares it without a default)\n",
    });
    const wrongType = await test(file, 'typed', '--conf', '{"days":"two"}');
    expect(wrongType.stderr).toBe("error: the run's params are not valid: conf.days must be an integer\n");
  });

  it('can test the same file twice in one process (the DAG registry is left as it was)', async () => {
    const file = dagFile(
      'again.ts',
      `import { dag, empty } from '@updraft/sdk';\nexport default dag('again', {}, () => { empty('e'); });`,
    );
    expect((await test(file, 'again')).code).toBe(0);
    expect((await test(file, 'again')).code).toBe(0);
  });

  it('names an unknown DAG id, and the DAGs the file does define', async () => {
    const file = dagFile(
      'two.ts',
      `import { dag, empty } from '@updraft/sdk';\ndag('one', {}, () => { empty('e'); });\ndag('two', {}, () => { empty('e'); });`,
    );
    const result = await test(file, 'three');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: \S*two\.ts defines no DAG 'three' \(it defines: one, two\)\n$/);
  });

  it('reports a syntax error with its file and line, and an invalid DAG at the line that declared it', async () => {
    const syntax = dagFile(
      'syntax.ts',
      `import { dag } from '@updraft/sdk';\n\nexport default dag('x', {}, () => {\n  const = 1;\n});\n`,
    );
    const result = await test(syntax, 'x');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: cannot bundle \S*syntax\.ts: \S*syntax\.ts:4:\d+ Expected identifier but found "="\n$/,
    );

    const duplicate = dagFile(
      'dup.ts',
      `import { dag, empty } from '@updraft/sdk';\n\nexport default dag('dup', {}, () => {\n  empty('a');\n  empty('a');\n});\n`,
    );
    const invalid = await test(duplicate, 'dup');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(
      /^error: \S*dup\.ts failed to load: DagDefinitionError: DAG 'dup', task 'a' \(\S*dup\.ts:5\): duplicate task id \(first declared at \S*dup\.ts:4\)\n$/,
    );
  });

  it('says which file is missing', async () => {
    const result = await test(join(dir.path, 'nope.ts'), 'x');
    expect(result).toEqual({ code: 1, stdout: '', stderr: `error: ${join(dir.path, 'nope.ts')} not found\n` });
  });
});
