import { useDagProject } from '../testing/dag-project';
import { runCli } from '../testing/stand-in-api';

interface TaskRow {
  taskId: string;
  mapIndex?: number;
  state: string;
  returnValue?: unknown;
  message: string | null;
}

describe('updraft dags test: dynamic task mapping and triggerDagRun', () => {
  const dir = useDagProject();
  const dagFile = (source: string) => dir.file('dags/dag.ts', source);

  const rows = (stdout: string) =>
    (JSON.parse(stdout).tasks as TaskRow[]).map((t) => [
      t.mapIndex === undefined ? t.taskId : `${t.taskId}[${t.mapIndex}]`,
      t.state,
      t.returnValue ?? t.message,
    ]);

  it('runs one instance per element (literal lists and an upstream list, every combination), and downstream pulls the list', async () => {
    const file = dagFile(`import { dag, task } from '@updraft/sdk';
      export default dag('mapped', {}, () => {
        const regions = task('regions', async () => ['eu', 'us']);
        const load = task('load', async (ctx, { region, size }: { region: string; size: number }) => {
          ctx.log('map index', ctx.mapIndex);
          return region + ':' + size;
        }).expand({ region: regions.output, size: [1, 2] });
        load.then(task('total', async (ctx) => ctx.ti.xcomPull('load')));
      });`);

    const result = await runCli(['dags', 'test', file, 'mapped'], {});

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '[load[0]] running (task, try 1 of 1)\n[load[0]] | map index 0\n[load[0]] success, returned "eu:1"\n',
    );
    expect(result.stdout).toContain('[load[3]] | map index 3\n[load[3]] success, returned "us:2"\n');
    expect(result.stdout).toContain('[total] success, returned ["eu:1","eu:2","us:1","us:2"]\n');
    expect(result.stdout).toMatch(/\nload\[2\]\s+success\s+1\n/);

    const json = await runCli(['dags', 'test', file, 'mapped', '--json'], {});
    expect(rows(json.stdout)).toEqual([
      ['regions', 'success', ['eu', 'us']],
      ['load[0]', 'success', 'eu:1'],
      ['load[1]', 'success', 'eu:2'],
      ['load[2]', 'success', 'us:1'],
      ['load[3]', 'success', 'us:2'],
      ['total', 'success', ['eu:1', 'eu:2', 'us:1', 'us:2']],
    ]);
  });

  it('skips a task mapped over an empty list, fails one mapped over something that is not a list, and one failing instance fails the task', async () => {
    const file = dagFile(`import { dag, task } from '@updraft/sdk';
      export default dag('edges', {}, () => {
        const none = task('none', async () => []);
        none.then(task('each_none', async (_ctx, { x }: { x: number }) => x).expand({ x: none.output })).then(task('after_none', async () => 'ran'));
        const scalar = task('scalar', async () => 5);
        task('each_scalar', async (_ctx, { x }: { x: number }) => x).expand({ x: scalar.output as never });
        task('picky', async (_ctx, { x }: { x: number }) => { if (x === 2) throw new Error('two is bad'); return x; }).expand({ x: [1, 2, 3] });
      });`);

    const result = await runCli(['dags', 'test', file, 'edges', '--json'], {});

    expect(result.code).toBe(1);
    expect(rows(result.stdout)).toEqual([
      ['none', 'success', []],
      ['each_none', 'skipped', 'mapped over an empty list'],
      ['after_none', 'skipped', 'trigger rule all_success (upstream: each_none skipped)'],
      ['scalar', 'success', 5],
      ['each_scalar', 'failed', "cannot map over 'x': the XCom of 'scalar' must be a list, got number"],
      ['picky[0]', 'success', 1],
      ['picky[1]', 'failed', expect.stringMatching(/^two is bad/)],
      ['picky[2]', 'success', 3],
    ]);
    expect(result.stderr).toMatch(
      /^error: DAG edges run failed: tasks 'each_scalar', 'picky\[1\]' failed \('each_scalar': cannot map over 'x'/,
    );
  });

  it('runs a triggered DAG of the same file here, with its rendered conf, and fails a waiting trigger when that run fails', async () => {
    const file = dagFile(`import { bash, dag, triggerDagRun } from '@updraft/sdk';
      dag('child', { params: { day: { type: 'string' } } }, () => {
        bash('work', { command: 'echo "working on {{ params.day }}"; test "{{ params.day }}" != bad' });
      });
      dag('parent', {}, () => {
        triggerDagRun('fire', { dagId: 'child', conf: { day: '{{ ds }}' } });
        triggerDagRun('fire_and_wait', { dagId: 'child', conf: { day: 'bad' }, waitForCompletion: true });
        triggerDagRun('fire_and_forget', { dagId: 'child', conf: { day: 'bad' } });
        triggerDagRun('elsewhere', { dagId: 'in_another_file', conf: { day: '{{ ds }}' } });
        triggerDagRun('no_conf', { dagId: 'child' });
        triggerDagRun('again', { dagId: 'parent' });
      });`);

    const result = await runCli(['dags', 'test', file, 'parent', '--logical-date', '2024-06-01'], {});

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `[fire] | triggering DAG 'child' with conf {"day":"2024-06-01"}; it is defined in this file, so it runs here and now\n[child/work] running (bash, try 1 of 1)\n[child/work] | working on 2024-06-01\n`,
    );
    expect(result.stdout).toMatch(
      /\[fire\] success, returned \{"dagId":"child","runId":"test__\S+","state":"success"\}\n/,
    );
    expect(result.stdout).toMatch(/\[fire_and_wait\] failed: the triggered run test__\S+ of DAG 'child' failed\n/);
    expect(result.stdout).toMatch(
      /\[fire_and_forget\] \| run test__\S+ of DAG 'child': failed\n\[fire_and_forget\] success, returned \{"dagId":"child","runId":"test__\S+","state":"failed"\}\n/,
    );
    expect(result.stdout).toContain(
      `[elsewhere] | would trigger DAG 'in_another_file' with conf {"day":"2024-06-01"}; it is not defined in this file, so it does not run locally\n`,
    );
    expect(result.stdout).toContain(
      "[no_conf] failed: conf for DAG 'child': conf.day is required (the DAG declares it without a default)\n",
    );
    expect(result.stdout).toContain(
      "[again] failed: DAG 'parent' would trigger itself (parent → parent); a local run does not start it again\n",
    );
  });
});
