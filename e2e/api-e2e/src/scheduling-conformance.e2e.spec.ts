import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Backfill, BackfillCreated, DagRun, Page, TaskInstance, TaskLog } from '@updraft/api-types';
import {
  ApiClient,
  createTestDatabase,
  DEFAULT_REDIS_URL,
  flushRedisPrefix,
  migrateWithBuiltApi,
  deployBundle,
  signupOwner,
  seg,
  Stack,
  startStack,
  TestDatabase,
  uniqueRedisPrefix,
  waitFor,
} from '@updraft/testing';

/**
 * The scheduling conformance suite: real DAGs through the API, the scheduler, Bull and a worker
 * (each a real process), checking the final state of every task instance against Airflow's rules.
 */
const SUITE = 'api-e2e-conformance';
const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;

const RULES = [
  'all_success',
  'all_failed',
  'all_done',
  'all_done_min_one_success',
  'one_success',
  'one_failed',
  'one_done',
  'none_failed',
  'none_failed_min_one_success',
  'none_skipped',
  'all_skipped',
  'always',
] as const;
type Rule = (typeof RULES)[number];

/** Airflow's outcome of each rule for a pair of upstream outcomes (an `empty` task that runs ends `success`). */
const EXPECTED: Record<'ok_boom' | 'ok_skip' | 'skip_skip', Record<Rule, string>> = {
  ok_boom: {
    all_success: 'upstream_failed',
    all_failed: 'skipped',
    all_done: 'success',
    all_done_min_one_success: 'success',
    one_success: 'success',
    one_failed: 'success',
    one_done: 'success',
    none_failed: 'upstream_failed',
    none_failed_min_one_success: 'upstream_failed',
    none_skipped: 'success',
    all_skipped: 'skipped',
    always: 'success',
  },
  ok_skip: {
    all_success: 'skipped',
    all_failed: 'skipped',
    all_done: 'success',
    all_done_min_one_success: 'skipped',
    one_success: 'success',
    one_failed: 'skipped',
    one_done: 'success',
    none_failed: 'success',
    none_failed_min_one_success: 'success',
    none_skipped: 'skipped',
    all_skipped: 'skipped',
    always: 'success',
  },
  skip_skip: {
    all_success: 'skipped',
    all_failed: 'skipped',
    all_done: 'success',
    all_done_min_one_success: 'skipped',
    one_success: 'skipped',
    one_failed: 'skipped',
    one_done: 'skipped',
    none_failed: 'success',
    none_failed_min_one_success: 'skipped',
    none_skipped: 'skipped',
    all_skipped: 'success',
    always: 'success',
  },
};
const PAIRS = { ok_boom: ['ok', 'boom'], ok_skip: ['ok', 'skip_a'], skip_skip: ['skip_a', 'skip_b'] } as const;

function dagsSource(httpUrl: string, pausableSchedule: string | null): string {
  return `import { bash, branch, dag, dateTimeSensor, empty, externalTaskSensor, httpSensor, task, TaskFail, timeDeltaSensor } from '@updraft/sdk';

const RULES = ${JSON.stringify(RULES)};
const PAIRS = ${JSON.stringify(PAIRS)};

dag('rules', {}, () => {
  const upstream = { ok: empty('ok'), boom: bash('boom', { command: 'exit 1' }), skip_a: bash('skip_a', { command: 'exit 99' }), skip_b: bash('skip_b', { command: 'exit 99' }) };
  for (const [pair, [a, b]] of Object.entries(PAIRS)) {
    for (const rule of RULES) {
      const t = empty(pair + '__' + rule, { triggerRule: rule });
      upstream[a].then(t);
      upstream[b].then(t);
    }
  }
});

dag('branching', {}, () => {
  const pick = branch('pick', async () => 'left');
  const left = empty('left');
  const right = empty('right');
  pick.then([left, right]);
  right.then(empty('after_right'));
  const join = empty('join', { triggerRule: 'none_failed_min_one_success' });
  left.then(join);
  right.then(join);
});

dag('retrying', {}, () => {
  task('flaky', async (ctx) => {
    if (ctx.tryNumber < 2) throw new Error('flaky on try ' + ctx.tryNumber);
    return ctx.tryNumber;
  }, { retries: 2, retryDelay: '100ms' }).then(empty('after_flaky'));
  task('hopeless', async () => { throw new Error('always broken'); }, { retries: 1, retryDelay: '100ms' }).then(empty('after_hopeless'));
  task('refuses', async () => { throw new TaskFail('no point retrying'); }, { retries: 3, retryDelay: '100ms' });
  bash('slow', { command: 'sleep 30', executionTimeout: '1s' }).then(empty('after_slow'));
});

dag('mapping', {}, () => {
  const numbers = task('numbers', async () => [1, 2, 3]);
  const double = task('double', async (ctx, { n }: { n: number }) => ({ index: ctx.mapIndex, doubled: n * 2 })).expand({ n: numbers.output });
  double.then(task('total', async (ctx) => {
    const results = (await ctx.ti.xcomPull('double')) as { index: number; doubled: number }[];
    return { results, sum: results.reduce((s, r) => s + r.doubled, 0) };
  }));
  task('greet', async (_ctx, { name, greeting }: { name: string; greeting: string }) => greeting + ' ' + name).expand({ name: ['ada', 'bob'], greeting: ['hi', 'yo'] });
  const nothing = task('nothing', async () => []);
  const never = task('never', async (_ctx, { x }: { x: number }) => x).expand({ x: nothing.output });
  never.then(empty('after_never'));
  const bad = task('bad_source', async () => 'text');
  task('mapped_bad', async (_ctx, { x }: { x: string }) => x).expand({ x: bad.output as never });
});

dag('sensing', {}, () => {
  const stuck = dateTimeSensor('stuck', { targetTime: '2999-01-01T00:00:00Z', mode: 'reschedule', pokeInterval: '200ms', timeout: '1s', retries: 2, retryDelay: '100ms' });
  stuck.then(empty('after_stuck'));
  dateTimeSensor('stuck_soft', { targetTime: '2999-01-01T00:00:00Z', mode: 'reschedule', pokeInterval: '200ms', timeout: '1s', softFail: true });
  httpSensor('api_ready', { url: '${httpUrl}', mode: 'reschedule', pokeInterval: '200ms', timeout: '60s', jsonPath: '$.status', jsonEquals: 'ready' }).then(empty('after_api'));
  timeDeltaSensor('no_delay', { delta: '0s', pokeInterval: '200ms' });
  dateTimeSensor('poke_soon', { targetTime: '2000-01-01T00:00:00Z', mode: 'poke', pokeInterval: '200ms' });
});

const BERLIN = { schedule: '@daily', timezone: 'Europe/Berlin', startDate: '2024-03-29T00:00:00+01:00', endDate: '2024-04-02T00:00:00+02:00', catchup: true };

dag('dst_daily', { ...BERLIN, maxActiveRuns: 1 }, () => {
  task('stamp', async (ctx) => ({ start: ctx.dataIntervalStart, end: ctx.dataIntervalEnd })).then(empty('publish'));
});

dag('waits_for_dst', { ...BERLIN, maxActiveRuns: 5 }, () => {
  externalTaskSensor('wait_publish', { externalDagId: 'dst_daily', externalTaskId: 'publish', mode: 'reschedule', pokeInterval: '300ms', timeout: '120s' });
});

dag('pausable', { schedule: ${JSON.stringify(pausableSchedule)}, startDate: '2024-01-01T00:00:00Z', endDate: '2024-01-03T00:00:00Z', catchup: true }, () => {
  empty('tick');
});

dag('backfill_me', { schedule: '@daily', startDate: '2024-01-01T00:00:00Z', endDate: '2024-01-31T00:00:00Z', catchup: false, maxActiveRuns: 1 }, () => {
  task('stamp', async (ctx) => ctx.ds).then(empty('done'));
});
`;
}

describe('scheduling conformance: real DAGs through API, scheduler, Bull and worker', () => {
  let db: TestDatabase | undefined;
  let stack: Stack | undefined;
  let owner: ApiClient;
  let httpStandIn: Server;
  let httpRequests = 0;
  const redisPrefix = uniqueRedisPrefix();
  const tenant = 'conformance';

  async function upload(pausableSchedule: string | null): Promise<void> {
    const address = httpStandIn.address() as AddressInfo;
    const uploaded = await deployBundle(owner, tenant, 'conformance', {
      'dags/all.ts': dagsSource(`http://127.0.0.1:${address.port}/status`, pausableSchedule),
    });
    expect([uploaded.status, uploaded.body.status, uploaded.body.errors]).toEqual([201, 'active', []]);
  }

  beforeAll(async () => {
    // Answers 503 twice, then says it is ready: the HTTP sensor must be rescheduled before it succeeds.
    httpStandIn = createServer((_req, res) => {
      httpRequests++;
      const ready = httpRequests > 2;
      res
        .writeHead(ready ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: ready ? 'ready' : 'starting' }));
    });
    await new Promise<void>((resolve) => httpStandIn.listen(0, '127.0.0.1', resolve));
    db = await createTestDatabase({ migrate: (url) => migrateWithBuiltApi(url, SUITE) });
    stack = await startStack({
      databaseUrl: db.url,
      redisPrefix,
      redisUrl,
      suite: SUITE,
      env: { SCHEDULER_SWEEP_INTERVAL_MS: '1000', WORKER_CONCURRENCY: '6' },
    });
    owner = await signupOwner(stack.baseUrl, 'conf@e2e.updraft.test', tenant);
    // `pausable` is first manual-only, paused, then given a schedule with past intervals: paused, it must get no run.
    await upload(null);
    expect((await owner.patch(`/tenants/${tenant}/dags/pausable`, { json: { isPaused: true } })).status).toBe(200);
    await upload('@daily');
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    await db?.drop();
    await flushRedisPrefix(redisUrl, redisPrefix);
    await new Promise((resolve) => httpStandIn?.close(resolve));
  }, 60_000);

  const runsPath = (dagId: string) => `/tenants/${tenant}/dags/${dagId}/dagRuns`;
  const listRuns = async (dagId: string) =>
    (await owner.get<Page<DagRun>>(runsPath(dagId), { query: { limit: 100 } })).body.items;
  const taskInstances = async (dagId: string, runId: string) =>
    (await owner.get<Page<TaskInstance>>(`${runsPath(dagId)}/${seg(runId)}/taskInstances`, { query: { limit: 500 } }))
      .body.items;
  const byTask = (items: TaskInstance[]) =>
    Object.fromEntries(items.filter((t) => t.mapIndex < 0).map((t) => [t.taskId, t.state]));

  async function trigger(dagId: string): Promise<string> {
    const response = await owner.post<DagRun>(runsPath(dagId), { json: {} });
    expect(response.status).toBe(201);
    return response.body.runId;
  }

  async function finished(
    dagId: string,
    runId: string,
    timeoutMs = 90_000,
  ): Promise<{ run: DagRun; tis: TaskInstance[] }> {
    const run = await waitFor(
      async () => (await owner.get<DagRun>(`${runsPath(dagId)}/${seg(runId)}`)).body,
      (r) => r.state === 'success' || r.state === 'failed',
      { timeoutMs, intervalMs: 250, what: `run ${runId} of ${dagId} to finish` },
    );
    return { run, tis: await taskInstances(dagId, runId) };
  }

  async function allFinished(dagId: string, count: number, timeoutMs = 120_000): Promise<DagRun[]> {
    const runs = await waitFor(
      () => listRuns(dagId),
      (rs) => rs.length >= count && rs.every((r) => r.state === 'success' || r.state === 'failed'),
      {
        timeoutMs,
        intervalMs: 500,
        what: `${count} finished runs of ${dagId}`,
      },
    );
    return runs.sort((a, b) => a.logicalDate.localeCompare(b.logicalDate));
  }

  const logOf = async (dagId: string, runId: string, taskId: string, tryNumber: number) =>
    (
      await owner.get<TaskLog>(`${runsPath(dagId)}/${seg(runId)}/taskInstances/${taskId}/logs/${tryNumber}`)
    ).body.lines.map((l) => l.message);

  it('applies every trigger rule to failed, skipped and successful upstream tasks', async () => {
    const { run, tis } = await finished('rules', await trigger('rules'));
    const states = byTask(tis);
    expect({ ok: states['ok'], boom: states['boom'], skip_a: states['skip_a'], skip_b: states['skip_b'] }).toEqual({
      ok: 'success',
      boom: 'failed',
      skip_a: 'skipped',
      skip_b: 'skipped',
    });
    for (const pair of Object.keys(EXPECTED) as (keyof typeof EXPECTED)[]) {
      const got = Object.fromEntries(RULES.map((rule) => [rule, states[`${pair}__${rule}`]]));
      expect({ pair, states: got }).toEqual({ pair, states: EXPECTED[pair] });
    }
    expect(run.state).toBe('failed');
  }, 120_000);

  it('skips the branch not taken and joins with none_failed_min_one_success', async () => {
    const { run, tis } = await finished('branching', await trigger('branching'));
    expect(byTask(tis)).toEqual({
      pick: 'success',
      left: 'success',
      right: 'skipped',
      after_right: 'skipped',
      join: 'success',
    });
    expect(run.state).toBe('success');
  }, 120_000);

  it('retries until success, fails when retries are exhausted, never retries TaskFail, and kills a task past its executionTimeout', async () => {
    const runId = await trigger('retrying');
    const { run, tis } = await finished('retrying', runId);
    const got = Object.fromEntries(tis.map((t) => [t.taskId, [t.state, t.tryNumber]]));
    expect(got).toEqual({
      flaky: ['success', 2],
      after_flaky: ['success', 1],
      hopeless: ['failed', 2],
      after_hopeless: ['upstream_failed', 0],
      refuses: ['failed', 1],
      slow: ['failed', 1],
      after_slow: ['upstream_failed', 0],
    });
    expect(run.state).toBe('failed');
    expect((await logOf('retrying', runId, 'flaky', 1)).join('\n')).toMatch(/flaky on try 1/);
    expect((await logOf('retrying', runId, 'slow', 1)).join('\n')).toMatch(
      /timed out after 1000 ms; the command was killed/,
    );
  }, 120_000);

  it('clears a finished task and its downstream so they run again with the next try', async () => {
    const runId = (await listRuns('retrying'))[0].runId;
    const cleared = await owner.post<{ cleared: string[] }>(`${runsPath('retrying')}/${seg(runId)}/clear`, {
      json: { taskIds: ['flaky'], downstream: true },
    });
    expect(cleared.body.cleared).toEqual(['after_flaky', 'flaky']);
    const { tis } = await finished('retrying', runId);
    const got = Object.fromEntries(tis.map((t) => [t.taskId, [t.state, t.tryNumber]]));
    expect(got['flaky']).toEqual(['success', 3]);
    expect(got['after_flaky']).toEqual(['success', 2]);
    expect(got['hopeless']).toEqual(['failed', 2]);
  }, 120_000);

  it('maps over an upstream XCom list, hands the list of results downstream, and skips a task mapped over an empty list', async () => {
    const runId = await trigger('mapping');
    const { tis } = await finished('mapping', runId);
    const instances = (taskId: string) => tis.filter((t) => t.taskId === taskId).map((t) => [t.mapIndex, t.state]);
    expect(instances('double')).toEqual([
      [0, 'success'],
      [1, 'success'],
      [2, 'success'],
    ]);
    expect(instances('greet')).toEqual([
      [0, 'success'],
      [1, 'success'],
      [2, 'success'],
      [3, 'success'],
    ]);
    expect(instances('never')).toEqual([[-1, 'skipped']]);
    expect(instances('after_never')).toEqual([[-1, 'skipped']]);
    expect(instances('mapped_bad')).toEqual([[-1, 'failed']]);
    expect(instances('total')).toEqual([[-1, 'success']]);
    const xcom = async (taskId: string) =>
      (
        await owner.get<{ items: { key: string; mapIndex: number; value: unknown }[] }>(
          `${runsPath('mapping')}/${seg(runId)}/taskInstances/${taskId}/xcomEntries`,
        )
      ).body.items;
    expect(await xcom('total')).toEqual([
      expect.objectContaining({
        key: 'return_value',
        value: {
          results: [
            { index: 0, doubled: 2 },
            { index: 1, doubled: 4 },
            { index: 2, doubled: 6 },
          ],
          sum: 12,
        },
      }),
    ]);
    expect((await xcom('greet')).map((x) => x.value)).toEqual(['hi ada', 'yo ada', 'hi bob', 'yo bob']);
    expect((await logOf('mapping', runId, 'mapped_bad', 1)).join('\n')).toMatch(
      /cannot map over 'x': the XCom of 'bad_source' must be a list, got string/,
    );
    const secondLog = await owner.get<TaskLog>(`${runsPath('mapping')}/${seg(runId)}/taskInstances/double/logs/1`, {
      query: { mapIndex: 1 },
    });
    expect(secondLog.body.lines.map((l) => l.message)).toContain('task finished: success');
    const unnamed = await owner.get<{ message: string }>(
      `${runsPath('mapping')}/${seg(runId)}/taskInstances/double/logs/1`,
    );
    expect([unnamed.status, unnamed.body.message]).toEqual([
      404,
      "task 'double' not found in run '" + runId + "' (a mapped task's instances are named by ?mapIndex=)",
    ]);
  }, 120_000);

  it('reschedules sensors between checks without counting tries, fails them on timeout without retrying, and skips with softFail', async () => {
    const runId = await trigger('sensing');
    const { tis } = await finished('sensing', runId);
    const got = Object.fromEntries(tis.map((t) => [t.taskId, [t.state, t.tryNumber]]));
    expect(got).toEqual({
      stuck: ['failed', 1],
      after_stuck: ['upstream_failed', 0],
      stuck_soft: ['skipped', 1],
      api_ready: ['success', 1],
      after_api: ['success', 1],
      no_delay: ['success', 1],
      poke_soon: ['success', 1],
    });
    const stuckLog = await logOf('sensing', runId, 'stuck', 1);
    expect(stuckLog.join('\n')).toMatch(/sensor timed out/);
    // The first check cannot time out, so the sensor was rescheduled at least once; each check after
    // a reschedule is a new claim of the same try (the slot was freed in between).
    const reschedules = stuckLog.filter((l) => /^up_for_reschedule: next check at/.test(l)).length;
    expect(reschedules).toBeGreaterThanOrEqual(1);
    expect(stuckLog.filter((l) => /^try 1 of 3 started/.test(l)).length).toBe(reschedules + 1);
    expect(httpRequests).toBeGreaterThanOrEqual(3);
    const apiLog = await logOf('sensing', runId, 'api_ready', 1);
    expect(apiLog.join('\n')).toMatch(/status 503, expected 2xx/);
    expect(apiLog.join('\n')).toMatch(/condition met: GET .* → 200/);
  }, 120_000);

  it('catches up 5 daily intervals across the spring DST change one run at a time (maxActiveRuns 1), and an external task sensor waits for each', async () => {
    const runs = await allFinished('dst_daily', 5);
    expect(runs.map((r) => [r.runType, r.logicalDate, r.dataIntervalEnd, r.state])).toEqual([
      ['scheduled', '2024-03-28T23:00:00.000Z', '2024-03-29T23:00:00.000Z', 'success'],
      ['scheduled', '2024-03-29T23:00:00.000Z', '2024-03-30T23:00:00.000Z', 'success'],
      ['scheduled', '2024-03-30T23:00:00.000Z', '2024-03-31T22:00:00.000Z', 'success'],
      ['scheduled', '2024-03-31T22:00:00.000Z', '2024-04-01T22:00:00.000Z', 'success'],
      ['scheduled', '2024-04-01T22:00:00.000Z', '2024-04-02T22:00:00.000Z', 'success'],
    ]);
    for (let i = 1; i < runs.length; i++)
      expect(Date.parse(runs[i].startDate as string)).toBeGreaterThanOrEqual(Date.parse(runs[i - 1].endDate as string));
    const waiting = await allFinished('waits_for_dst', 5);
    expect(waiting.map((r) => [r.logicalDate, r.state])).toEqual(runs.map((r) => [r.logicalDate, 'success']));
  }, 180_000);

  it('creates no run for a paused DAG, and catches up once it is unpaused', async () => {
    await allFinished('dst_daily', 5);
    expect(await listRuns('pausable')).toEqual([]);
    expect((await owner.patch(`/tenants/${tenant}/dags/pausable`, { json: { isPaused: false } })).status).toBe(200);
    const runs = await allFinished('pausable', 3);
    expect(runs.map((r) => [r.logicalDate, r.state])).toEqual([
      ['2024-01-01T00:00:00.000Z', 'success'],
      ['2024-01-02T00:00:00.000Z', 'success'],
      ['2024-01-03T00:00:00.000Z', 'success'],
    ]);
  }, 180_000);

  it('backfills a range through the API: runs of type backfill, oldest first, within maxActiveRuns', async () => {
    const path = `/tenants/${tenant}/dags/backfill_me/backfills`;
    const bad = await owner.post<{ statusCode: number; message: string }>(path, {
      json: { from: '2024-01-05', to: '2024-01-02' },
    });
    expect([bad.status, bad.body.message]).toEqual([400, 'from must not be after to']);
    const created = await owner.post<BackfillCreated>(path, { json: { from: '2024-01-02', to: '2024-01-04' } });
    expect(created.status).toBe(201);
    expect(created.body.created.map((r) => [r.runType, r.logicalDate])).toEqual([
      ['backfill', '2024-01-02T00:00:00.000Z'],
      ['backfill', '2024-01-03T00:00:00.000Z'],
      ['backfill', '2024-01-04T00:00:00.000Z'],
    ]);
    const runs = (await allFinished('backfill_me', 3)).filter((r) => r.runType === 'backfill');
    expect(runs.map((r) => r.state)).toEqual(['success', 'success', 'success']);
    for (let i = 1; i < runs.length; i++)
      expect(Date.parse(runs[i].startDate as string)).toBeGreaterThanOrEqual(Date.parse(runs[i - 1].endDate as string));
    const again = await owner.post<BackfillCreated>(path, { json: { from: '2024-01-03', to: '2024-01-03' } });
    expect([again.body.created.length, again.body.skipped]).toEqual([0, ['2024-01-03T00:00:00.000Z']]);
    const listed = await owner.get<Page<Backfill>>(path);
    expect(listed.body.items.map((b) => [b.from, b.runs.success])).toEqual([
      ['2024-01-03T00:00:00.000Z', 0],
      ['2024-01-02T00:00:00.000Z', 3],
    ]);
  }, 180_000);
});
