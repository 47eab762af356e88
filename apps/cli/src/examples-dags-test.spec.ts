import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBuiltCli } from './testing/built-cli';
import { makeTempDir, StandInApi } from './testing/stand-in-api';

const EXAMPLES = join(__dirname, '../../../examples');

describe('examples/authoring-tour under `updraft dags test` (the built cli, a real process)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let api: StandInApi;
  beforeEach(async () => {
    dir = makeTempDir();
    // Stands in for httpbin's /anything: it echoes the request.
    api = await new StandInApi({
      'POST /anything/2024-06-03': (request) => ({
        json: { url: request.path, region: request.headers['x-region'], json: JSON.parse(request.body.toString()) },
      }),
    }).start();
  });
  afterEach(async () => {
    await api.stop();
    dir.remove();
  });

  it('runs authoring_tour: task group, templates, the http call through its connection, and the trigger of a DAG in another file', async () => {
    const connections = join(dir.path, 'connections.json');
    writeFileSync(connections, JSON.stringify({ status_api: api.url }));

    const result = await runBuiltCli(join(EXAMPLES, 'authoring-tour'), [
      'dags',
      'test',
      'dags/tour.ts',
      'authoring_tour',
      '--logical-date',
      '2024-06-03',
      '--connections',
      connections,
      '--json',
    ]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const run = JSON.parse(result.stdout);
    expect(run.state).toBe('success');
    const byId = Object.fromEntries(
      (run.tasks as { taskId: string; state: string; returnValue?: unknown }[]).map((t) => [t.taskId, t]),
    );
    expect(Object.values(byId).map((t) => t.state)).toEqual([
      'success',
      'success',
      'success',
      'success',
      'success',
      'success',
    ]);
    expect(byId['extract.download'].returnValue).toBe('fetching 2024-06-03 (20240603) for eu');
    expect(byId['extract.weekday'].returnValue).toEqual({ weekday: 'Monday', day: '2024-06-03' });
    expect(byId['check_status'].returnValue).toEqual({
      url: '/anything/2024-06-03',
      region: 'eu',
      json: { day: '2024-06-03', weekday: 'Monday' },
    });
    expect(byId['announce'].returnValue).toBe('Monday done; next run on 2024-06-04 (04/06/2024)');
    expect(byId['trigger_report'].returnValue).toEqual({
      dagId: 'authoring_report',
      runId: null,
      state: 'not_run_locally',
    });
  });

  it('runs authoring_report with the conf authoring_tour would give it', async () => {
    const result = await runBuiltCli(join(EXAMPLES, 'authoring-tour'), [
      'dags',
      'test',
      'dags/report.ts',
      'authoring_report',
      '--conf',
      '{"day":"2024-06-03"}',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\[write_report\] \| report for 2024-06-03 \(triggered run test__\S+\)\n/);
  });
});
