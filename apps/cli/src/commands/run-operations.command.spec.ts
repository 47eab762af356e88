import { execFileSync } from 'node:child_process';
import { SDK_VERSION } from '@updraft/sdk';
import { serverSentEvents } from '../api-client';
import { Output } from '../output';
import { makeTempDir, page, runCli, StandInApi, type RecordedRequest } from '../testing/stand-in-api';

const RUNS = '/api/v1/tenants/acme/dags/etl/dagRuns';
const run = (runId: string, state = 'success') => ({
  runId,
  dagId: 'etl',
  state,
  runType: 'manual',
  logicalDate: '2024-01-01T00:00:00Z',
  startDate: null,
  endDate: null,
});
const NEWEST = 'manual__2024-03-01T00:00:00+00:00';
const OLDER = 'manual__2024-02-01T00:00:00+00:00';
const TI = (taskId: string, state: string, tryNumber: number) => ({
  taskId,
  mapIndex: -1,
  state,
  tryNumber,
  maxTries: 2,
  startDate: null,
  durationMs: null,
});

describe('run and task commands against a stand-in API', () => {
  const variables = new Map<string, { key: string; value: string; isSecret: boolean }>();
  const api = new StandInApi({
    [`GET ${RUNS}`]: (req) => {
      const all = [run(NEWEST, 'running'), run(OLDER, 'failed'), run('scheduled__2024-01-01T00:00:00+00:00')];
      const offset = Number(req.query.get('offset') ?? 0);
      const limit = Number(req.query.get('limit') ?? 100);
      return { json: { items: all.slice(offset, offset + limit), total: all.length, limit, offset } };
    },
    [`GET ${RUNS}/${encodeURIComponent(NEWEST)}`]: () => ({ json: run(NEWEST, 'running') }),
    [`GET ${RUNS}/${encodeURIComponent(NEWEST)}/taskInstances`]: () => ({
      json: page([TI('extract', 'success', 1), TI('load', 'running', 2)]),
    }),
    [`PATCH ${RUNS}/${encodeURIComponent(OLDER)}`]: (req) => ({
      json: run(OLDER, JSON.parse(req.body.toString()).state),
    }),
    [`POST ${RUNS}/${encodeURIComponent(OLDER)}/clear`]: () => ({
      json: { cleared: ['load', 'report'], taskInstances: [], dryRun: false },
    }),
    [`PATCH ${RUNS}/${encodeURIComponent(NEWEST)}/taskInstances/load`]: (req) => ({
      json: TI('load', JSON.parse(req.body.toString()).state, 2),
    }),
    [`GET ${RUNS}/${encodeURIComponent(NEWEST)}/taskInstances/load/logs/2/stream`]: () => ({
      text: 'id: 1\ndata: {"timestamp":"2024-03-01T00:00:01Z","stream":"stdout","message":"loading"}\n\nid: 2\ndata: {"timestamp":"2024-03-01T00:00:02Z","stream":"stderr","message":"disk full"}\n\nevent: end\ndata: {"state":"failed"}\n\n',
    }),
    'PATCH /api/v1/tenants/acme/variables/region': () => ({
      status: 404,
      json: { statusCode: 404, error: 'Not Found', message: "variable 'region' not found" },
    }),
    'POST /api/v1/tenants/acme/variables': (req) => {
      const body = JSON.parse(req.body.toString());
      variables.set(body.key, { ...body, isSecret: Boolean(body.isSecret) });
      return {
        status: 201,
        json: { ...body, isSecret: Boolean(body.isSecret), description: null, updatedAt: '2024-01-01T00:00:00Z' },
      };
    },
    'GET /api/v1/tenants/acme/pools': () => ({
      json: page([
        {
          name: 'default_pool',
          slots: 128,
          runningSlots: 1,
          queuedSlots: 0,
          openSlots: 127,
          description: 'Default pool',
        },
      ]),
    }),
    'POST /api/v1/tenants/acme/apiTokens': (req) => ({
      status: 201,
      json: {
        ...JSON.parse(req.body.toString()),
        id: 't1',
        hint: 'updraft_pat_ab',
        token: 'updraft_pat_abcdef',
        expiresAt: '2024-04-01T00:00:00Z',
      },
    }),
  });
  const session = () => ({ url: api.url, token: 'jwt-1', tenant: 'acme' });
  const lastBody = (method: string, suffix: string) => {
    const request = [...api.requests]
      .reverse()
      .find((r: RecordedRequest) => r.method === method && r.path.endsWith(suffix));
    return request && JSON.parse(request.body.toString());
  };

  beforeAll(() => api.start());
  afterAll(() => api.stop());

  it('runs show: latest (the default) is the newest run, with a table of its task states', async () => {
    const result = await runCli(['runs', 'show', 'etl'], session());
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`Run:          ${NEWEST}`);
    expect(result.stdout).toMatch(/TASK\s+STATE\s+TRY[\s\S]*extract\s+success\s+1\/2[\s\S]*load\s+running\s+2\/2/);
    expect(result.stdout).not.toContain('\x1b[');
  });

  it('addresses a run by a unique prefix of its id, and names the runs an ambiguous prefix fits', async () => {
    expect(await runCli(['runs', 'mark', 'etl', 'manual__2024-02', 'success', '--json'], session())).toMatchObject({
      code: 0,
    });
    expect(lastBody('PATCH', encodeURIComponent(OLDER))).toEqual({ state: 'success' });

    const ambiguous = await runCli(['runs', 'mark', 'etl', 'manual__', 'failed'], session());
    expect(ambiguous).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: "manual__" fits 2 runs of etl (${NEWEST}, ${OLDER}): give more of the id\n`,
    });
    const none = await runCli(['runs', 'show', 'etl', 'backfill__'], session());
    expect(none.stderr).toBe('error: etl has no run whose id starts with "backfill__"\n');
  });

  it('runs clear sends the tasks and the direction; tasks mark marks one instance', async () => {
    const cleared = await runCli(
      ['runs', 'clear', 'etl', 'manual__2024-02', '--task', 'load', 'report', '--downstream', '--only-failed'],
      session(),
    );
    expect(cleared).toEqual({
      code: 0,
      stdout: `Cleared 2 task instances of run ${OLDER}; they run again.\n`,
      stderr: '',
    });
    expect(lastBody('POST', '/clear')).toEqual({
      taskIds: ['load', 'report'],
      downstream: true,
      upstream: false,
      onlyFailed: true,
    });

    expect(await runCli(['tasks', 'clear', 'etl', OLDER, 'load', '--upstream'], session())).toMatchObject({ code: 0 });
    expect(lastBody('POST', '/clear')).toEqual({
      taskIds: ['load'],
      downstream: false,
      upstream: true,
      onlyFailed: false,
    });

    const marked = await runCli(['tasks', 'mark', 'etl', 'latest', 'load', 'failed'], session());
    expect(marked).toEqual({ code: 0, stdout: `load in run ${NEWEST}: failed\n`, stderr: '' });
    expect((await runCli(['tasks', 'mark', 'etl', 'latest', 'load', 'done'], session())).stderr).toContain(
      "value 'done' is invalid for argument 'state'. expected success or failed",
    );
  });

  it('logs --follow prints the streamed lines and exits non-zero with the state of a try that failed', async () => {
    const result = await runCli(['logs', 'etl', 'load', '--follow'], session());
    expect(result.stdout).toBe('2024-03-01T00:00:01Z loading\n2024-03-01T00:00:02Z [stderr] disk full\n');
    expect(result.stderr).toBe(
      `Following load try 2 of etl run ${NEWEST}…\nload try 2: failed\nerror: load try 2 ended failed\n`,
    );
    expect(result.code).toBe(1);
  });

  it('logs --follow --json prints one JSON object per line, then the end', async () => {
    const result = await runCli(['logs', 'etl', 'latest', 'load', '--follow', '--json'], session());
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([
      { timestamp: '2024-03-01T00:00:01Z', stream: 'stdout', message: 'loading' },
      { timestamp: '2024-03-01T00:00:02Z', stream: 'stderr', message: 'disk full' },
      { end: { taskId: 'load', tryNumber: 2, state: 'failed' } },
    ]);
    expect(result.code).toBe(1);
  });

  it('variables set creates a variable the API does not have yet; pools list prints a table', async () => {
    const set = await runCli(['variables', 'set', 'region', 'eu-west-1', '--secret'], session());
    expect(set).toEqual({ code: 0, stdout: 'Created variable region.\n', stderr: '' });
    expect(lastBody('POST', '/variables')).toEqual({ key: 'region', value: 'eu-west-1', isSecret: true });

    const pools = await runCli(['pools', 'list'], session());
    expect(pools.stdout).toMatch(
      /^NAME\s+SLOTS\s+RUNNING\s+QUEUED\s+OPEN\s+DESCRIPTION\ndefault_pool\s+128\s+1\s+0\s+127\s+Default pool\n$/,
    );
  });

  it('tokens create prints the token alone on stdout', async () => {
    const result = await runCli(
      ['tokens', 'create', '--name', 'ci', '--scope', 'bundles:deploy', 'read', '--expires-in-days', '30'],
      session(),
    );
    expect(result).toMatchObject({ code: 0, stdout: 'updraft_pat_abcdef\n' });
    expect(lastBody('POST', '/apiTokens')).toEqual({
      name: 'ci',
      scopes: ['bundles:deploy', 'read'],
      expiresInDays: 30,
    });
    expect(result.stderr).toContain('shown only this once');
  });

  it('--version prints the version the SDK carries', async () => {
    expect(await runCli(['--version'], {})).toEqual({ code: 0, stdout: `${SDK_VERSION}\n`, stderr: '' });
  });

  it('completion bash is a script bash accepts that completes commands and subcommands', async () => {
    const { stdout } = await runCli(['completion', 'bash'], {});
    const dir = makeTempDir();
    try {
      const script = `${stdout}\nCOMP_WORDS=(updraft runs s); COMP_CWORD=2; _updraft; echo "\${COMPREPLY[@]}"\nCOMP_WORDS=(updraft lo); COMP_CWORD=1; _updraft; echo "\${COMPREPLY[@]}"\n`;
      const out = execFileSync('bash', ['-c', script], { cwd: dir.path, encoding: 'utf8' });
      expect(out.split('\n').slice(0, 2)).toEqual(['show', 'login logs']);
    } finally {
      dir.remove();
    }
    expect((await runCli(['completion', 'zsh'], {})).stdout).toContain('compdef _updraft updraft');
  });

  it('colours states only when asked (a terminal without NO_COLOR), and tables stay aligned', () => {
    const sink = { write: () => true };
    expect(new Output({ stdout: sink, stderr: sink }, false, true).paint('failed')).toBe('\x1b[31mfailed\x1b[39m');
    expect(new Output({ stdout: sink, stderr: sink }, false, false).paint('failed')).toBe('failed');
  });

  it('serverSentEvents reads events split across chunks', async () => {
    const text = 'data: {"a":1}\n\nevent: end\r\ndata: {"state":"success"}\r\n\r\n';
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < text.length; i += 7) controller.enqueue(encoder.encode(text.slice(i, i + 7)));
        controller.close();
      },
    });
    const events = [];
    for await (const event of serverSentEvents(body)) events.push(event);
    expect(events).toEqual([
      { type: 'message', data: '{"a":1}' },
      { type: 'end', data: '{"state":"success"}' },
    ]);
  });
});
