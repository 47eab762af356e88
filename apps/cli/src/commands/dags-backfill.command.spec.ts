import { runCli, StandInApi } from '../testing/stand-in-api';

const created = (day: string) => ({
  runId: `backfill__2024-01-0${day}T00:00:00.000+00:00`,
  dagId: 'nice',
  state: 'queued',
  runType: 'backfill',
  logicalDate: `2024-01-0${day}T00:00:00.000Z`,
});

describe('updraft dags backfill against a stand-in API', () => {
  const api = new StandInApi({
    'POST /api/v1/tenants/acme/dags/nice/backfills': (req) => {
      const body = JSON.parse(req.body.toString()) as { from: string; to: string; reprocess: boolean };
      return {
        status: 201,
        json: {
          id: 'b1',
          dagId: 'nice',
          from: `${body.from}T00:00:00.000Z`,
          to: `${body.to}T00:00:00.000Z`,
          reprocess: body.reprocess,
          createdAt: '2024-02-01T00:00:00.000Z',
          runs: { queued: 2, running: 0, success: 0, failed: 0 },
          created: [created('1'), created('2')],
          reprocessed: [],
          skipped: ['2024-01-03T00:00:00.000Z'],
        },
      };
    },
    'POST /api/v1/tenants/acme/dags/manual_only/backfills': () => ({
      status: 400,
      json: {
        statusCode: 400,
        error: 'Bad Request',
        message: "the DAG's schedule (null) has no intervals to backfill",
      },
    }),
  });
  const session = () => ({ url: api.url, token: 'jwt-1', tenant: 'acme' });

  beforeAll(() => api.start());
  afterAll(() => api.stop());

  it('posts the range and prints the runs it created', async () => {
    const before = api.requests.length;
    const result = await runCli(
      ['dags', 'backfill', 'nice', '--from', '2024-01-01', '--to', '2024-01-03', '--reprocess'],
      session(),
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(api.requests[before].body.toString())).toEqual({
      from: '2024-01-01',
      to: '2024-01-03',
      reprocess: true,
    });
    expect(result.stdout).toContain('Backfill b1 of nice');
    expect(result.stdout).toMatch(/Created:\s+2 run\(s\)/);
    expect(result.stdout).toMatch(/Skipped:\s+1 \(already had a run\)/);
    expect(result.stdout).toContain('backfill__2024-01-01T00:00:00.000+00:00');
  });

  it('prints the answer as JSON with --json', async () => {
    const result = await runCli(
      ['dags', 'backfill', 'nice', '--from', '2024-01-01', '--to', '2024-01-02', '--json'],
      session(),
    );
    expect(JSON.parse(result.stdout)).toMatchObject({
      id: 'b1',
      reprocess: false,
      created: [{ runType: 'backfill' }, { runType: 'backfill' }],
    });
  });

  it('reports the API refusing the backfill in one line', async () => {
    const result = await runCli(
      ['dags', 'backfill', 'manual_only', '--from', '2024-01-01', '--to', '2024-01-02'],
      session(),
    );
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: "error: the DAG's schedule (null) has no intervals to backfill (HTTP 400)\n",
    });
  });

  it('refuses a date it cannot read before calling the API', async () => {
    const before = api.requests.length;
    const result = await runCli(['dags', 'backfill', 'nice', '--from', 'yesterday', '--to', '2024-01-02'], session());
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: "error: --from must be a date like 2024-01-31 or 2024-01-31T06:00:00Z, not 'yesterday'\n",
    });
    expect(api.requests.length).toBe(before);
  });

  it('requires --from and --to', async () => {
    const result = await runCli(['dags', 'backfill', 'nice', '--to', '2024-01-02'], session());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--from <date>/);
  });
});
