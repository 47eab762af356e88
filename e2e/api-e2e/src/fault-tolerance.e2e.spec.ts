import { execFileSync } from 'node:child_process';
import type { DagRun, Page, TaskInstance, TaskLog } from '@updraft/api-types';
import {
  ApiClient,
  createTestDatabase,
  DEFAULT_REDIS_URL,
  flushRedisPrefix,
  migrateWithBuiltApi,
  queryDatabase,
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
 * Fault tolerance with real processes: two schedulers and two workers on one PostgreSQL and one
 * Redis prefix; workers killed, this suite's Redis keys flushed, PostgreSQL restarted. Short
 * intervals via configuration keep it to about a minute.
 */
const SUITE = 'api-e2e-faults';
const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;

const DAGS = `import { bash, chain, dag, empty, task } from '@updraft/sdk';

dag('crash_retry', { schedule: null, defaultArgs: { retries: 1, retryDelay: '1s' } }, () => {
  bash('slow', { command: 'sleep 4; echo done' }).then(empty('after'));
});

dag('crash_fail', { schedule: null }, () => {
  bash('slow', { command: 'sleep 4; echo done' }).then(empty('after'));
});

dag('drained', { schedule: null }, () => {
  bash('slow', { command: 'sleep 4; echo done' }).then(empty('after'));
});

dag('small', { schedule: null }, () => {
  task('a', async () => 1).then(empty('b'));
});

dag('steady', { schedule: null }, () => {
  chain(bash('one', { command: 'sleep 0.5' }), task('two', async () => 2), bash('three', { command: 'sleep 0.5' }));
});
`;

const FAST = {
  HEARTBEAT_INTERVAL_MS: '300',
  // Above a PostgreSQL restart's few seconds without heartbeats, far below the 30 s allowed to notice a dead worker.
  ZOMBIE_THRESHOLD_MS: '8000',
  SCHEDULER_SWEEP_INTERVAL_MS: '1000',
  WORKER_DRAIN_GRACE_MS: '1000',
  WORKER_CONCURRENCY: '4',
};

describe('fault tolerance: killed workers, flushed Redis, restarted PostgreSQL, two of everything', () => {
  let db: TestDatabase | undefined;
  const stacks: Stack[] = [];
  let owner: ApiClient;
  const redisPrefix = uniqueRedisPrefix();
  const tenant = 'faults';
  let workers = 0;
  /** Processes this suite stopped on purpose; any other that exits is a crash. */
  const stopped = new Set<Stack['processes'][number]>();

  /** Another scheduler and/or worker process on the same database and Redis prefix. */
  async function startMore(apps: ('scheduler' | 'worker')[]): Promise<Stack> {
    const more = await startStack({
      databaseUrl: (db as TestDatabase).url,
      redisPrefix,
      redisUrl,
      suite: SUITE,
      apps,
      env: { ...stacks[0].env, WORKER_HOSTNAME: `worker-${++workers}` },
    });
    stacks.push(more);
    return more;
  }

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: (url) => migrateWithBuiltApi(url, SUITE) });
    stacks.push(
      await startStack({
        databaseUrl: db.url,
        redisPrefix,
        redisUrl,
        suite: SUITE,
        env: { ...FAST, WORKER_HOSTNAME: `worker-${++workers}` },
      }),
    );
    await startMore(['scheduler', 'worker']);
    owner = await signupOwner(stacks[0].baseUrl, 'faults@e2e.updraft.test', tenant);
    const uploaded = await deployBundle(owner, tenant, 'faults', { 'dags/faults.ts': DAGS });
    expect([uploaded.status, uploaded.body.status, uploaded.body.errors]).toEqual([201, 'active', []]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(stacks.map((stack) => stack.stop()));
    await db?.drop();
    await flushRedisPrefix(redisUrl, redisPrefix);
  }, 60_000);

  const query = <T>(sql: string, params: unknown[] = []) => queryDatabase<T>((db as TestDatabase).url, sql, params);

  const trigger = async (dagId: string) => {
    const response = await owner.post<DagRun>(`/tenants/${tenant}/dags/${dagId}/dagRuns`, { json: {} });
    expect(response.status).toBe(201);
    return response.body.runId;
  };
  /** A manual run's id comes from its trigger time: triggered one after another (they still all run at once). */
  const triggerMany = async (dagId: string, count: number) => {
    const runIds: string[] = [];
    for (let i = 0; i < count; i++) runIds.push(await trigger(dagId));
    return runIds;
  };
  const runPath = (dagId: string, runId: string) => `/tenants/${tenant}/dags/${dagId}/dagRuns/${seg(runId)}`;
  const taskInstances = async (dagId: string, runId: string) =>
    Object.fromEntries(
      (await owner.get<Page<TaskInstance>>(`${runPath(dagId, runId)}/taskInstances`)).body.items.map((t) => [
        t.taskId,
        t,
      ]),
    );
  /** Every run of these ids in a final state (from the database: the API may be down meanwhile). */
  const runStates = (runIds: string[]) =>
    query<{ run_id: string; state: string }>(`SELECT run_id, state FROM dag_run WHERE run_id = ANY($1)`, [runIds]);
  const allEnded = (rows: { state: string }[], count: number) =>
    rows.length === count && rows.every((r) => r.state === 'success' || r.state === 'failed');

  it('two schedulers and two workers on 200 concurrent runs: none created twice, none lost, no task instance run twice', async () => {
    const runIds = await triggerMany('small', 200);
    const ended = await waitFor(
      () => runStates(runIds),
      (rows) => allEnded(rows, 200),
      { timeoutMs: 120_000, intervalMs: 500, what: '200 runs to end' },
    );
    expect(ended.filter((r) => r.state !== 'success')).toEqual([]);
    expect(
      await query(
        `SELECT count(*)::int AS runs, count(DISTINCT run_id)::int AS distinct_ids FROM dag_run WHERE dag_id = 'small'`,
      ),
    ).toEqual([{ runs: 200, distinct_ids: 200 }]);
    const [tries] = await query<{ instances: number; done: number; tries: number; successes: number; most: number }>(
      `SELECT count(DISTINCT ti.id)::int AS instances, count(DISTINCT ti.id) FILTER (WHERE ti.state = 'success')::int AS done,
              count(tt.task_instance_id)::int AS tries, count(*) FILTER (WHERE tt.state = 'success')::int AS successes,
              max((SELECT count(*) FROM task_try x WHERE x.task_instance_id = ti.id))::int AS most
         FROM task_instance ti JOIN dag_run r ON r.id = ti.dag_run_id LEFT JOIN task_try tt ON tt.task_instance_id = ti.id
        WHERE r.dag_id = 'small'`,
    );
    // 400 task instances, each run exactly once to success, none without its try.
    expect(tries).toEqual({ instances: 400, done: 400, tries: 400, successes: 400, most: 1 });
    const hosts = await query<{ hostname: string }>(
      `SELECT DISTINCT tt.hostname FROM task_try tt JOIN task_instance ti ON ti.id = tt.task_instance_id JOIN dag_run r ON r.id = ti.dag_run_id WHERE r.dag_id = 'small' ORDER BY 1`,
    );
    expect(hosts.map((h) => h.hostname)).toEqual(['worker-1', 'worker-2']);
  }, 150_000);

  it('a worker killed with SIGKILL mid-task: the try is reaped (heartbeat), retried or failed per retries, and the runs end', async () => {
    const retried = await trigger('crash_retry');
    const failing = await trigger('crash_fail');
    const running = await waitFor(
      async () => [
        (await taskInstances('crash_retry', retried))['slow'],
        (await taskInstances('crash_fail', failing))['slow'],
      ],
      (tis) => tis.every((ti) => ti?.state === 'running' && ti.hostname),
      { timeoutMs: 30_000, intervalMs: 200, what: 'both slow tasks to run' },
    );
    const victims = new Set(running.map((ti) => ti.hostname as string));
    for (const stack of stacks) {
      const worker = stack.processes.find(
        (p) => p.app === 'worker' && victims.has(stack.env['WORKER_HOSTNAME']) && p.child.exitCode === null,
      );
      if (worker) stopped.add(worker);
      worker?.child.kill('SIGKILL');
    }
    // Replacements take the retries; the killed workers' tries are only known dead by their silence.
    for (let i = 0; i < victims.size; i++) await startMore(['worker']);
    const killedAt = Date.now();
    await waitFor(
      () => runStates([retried, failing]),
      (rows) => allEnded(rows, 2),
      { timeoutMs: 30_000, intervalMs: 250, what: 'both crashed runs to end' },
    );
    expect(Date.now() - killedAt).toBeLessThan(30_000);
    const [retry, fail] = [
      (await taskInstances('crash_retry', retried))['slow'],
      (await taskInstances('crash_fail', failing))['slow'],
    ];
    expect([retry.state, retry.tryNumber, victims.has(retry.hostname as string)]).toEqual(['success', 2, false]);
    expect([fail.state, fail.tryNumber]).toEqual(['failed', 1]);
    expect(Object.fromEntries((await runStates([retried, failing])).map((r) => [r.run_id, r.state]))).toEqual({
      [retried]: 'success',
      [failing]: 'failed',
    });
    const reasons = await query<{ exit_reason: string }>(
      `SELECT tt.exit_reason FROM task_try tt JOIN task_instance ti ON ti.id = tt.task_instance_id WHERE ti.task_id = 'slow' AND tt.try_number = 1 AND ti.dag_run_id IN (SELECT id FROM dag_run WHERE run_id = ANY($1))`,
      [[retried, failing]],
    );
    expect(reasons.map((r) => r.exit_reason)).toEqual([
      expect.stringMatching(/stopped heartbeating.*zombie/),
      expect.stringMatching(/stopped heartbeating.*zombie/),
    ]);
  }, 90_000);

  it('a worker stopped with SIGTERM mid-task drains: it exits 0 and its try, handed back uncounted, finishes on another worker', async () => {
    const runId = await trigger('drained');
    const running = await waitFor(
      async () => (await taskInstances('drained', runId))['slow'],
      (ti) => ti?.state === 'running' && !!ti.hostname,
      {
        timeoutMs: 30_000,
        intervalMs: 200,
        what: 'the slow task to run',
      },
    );
    const stack = stacks.find((s) => s.env['WORKER_HOSTNAME'] === running.hostname) as Stack;
    const worker = stack.processes.find((p) => p.app === 'worker') as Stack['processes'][number];
    await startMore(['worker']);
    stopped.add(worker);
    worker.child.kill('SIGTERM');
    // WORKER_DRAIN_GRACE_MS is 1 s, the command takes 4 s: it is handed back, and the worker exits cleanly.
    expect(await worker.exited).toEqual({ app: 'worker', code: 0, signal: null });
    await waitFor(
      () => runStates([runId]),
      (rows) => allEnded(rows, 1),
      { timeoutMs: 30_000, intervalMs: 250, what: 'the drained run to end' },
    );
    const slow = (await taskInstances('drained', runId))['slow'];
    expect([slow.state, slow.tryNumber, slow.hostname === running.hostname]).toEqual(['success', 1, false]);
    const log = await owner.get<TaskLog>(`${runPath('drained', runId)}/taskInstances/slow/logs/1`);
    expect(log.body.lines.map((l) => l.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/shut down before try 1 finished; handed back to the queue/),
        'done',
      ]),
    );
  }, 60_000);

  it("Redis flushed mid-run (this suite's prefix only): the scheduler re-enqueues from PostgreSQL and every run completes", async () => {
    const runIds = await triggerMany('steady', 4);
    await waitFor(
      () =>
        query(
          `SELECT 1 FROM task_instance WHERE state = 'running' AND dag_run_id IN (SELECT id FROM dag_run WHERE run_id = ANY($1))`,
          [runIds],
        ),
      (rows) => rows.length > 0,
      {
        timeoutMs: 30_000,
        intervalMs: 100,
        what: 'a steady task to run',
      },
    );
    expect(await flushRedisPrefix(redisUrl, redisPrefix)).toBeGreaterThan(0);
    const ended = await waitFor(
      () => runStates(runIds),
      (rows) => allEnded(rows, 4),
      { timeoutMs: 60_000, intervalMs: 250, what: 'the steady runs to end after the flush' },
    );
    expect(ended.map((r) => r.state)).toEqual(['success', 'success', 'success', 'success']);
  }, 90_000);

  it('PostgreSQL restarted mid-run: the apps reconnect and every run completes', async () => {
    const runIds = await triggerMany('steady', 4);
    await waitFor(
      () =>
        query(
          `SELECT 1 FROM task_instance WHERE state = 'running' AND dag_run_id IN (SELECT id FROM dag_run WHERE run_id = ANY($1))`,
          [runIds],
        ),
      (rows) => rows.length > 0,
      {
        timeoutMs: 30_000,
        intervalMs: 100,
        what: 'a steady task to run',
      },
    );
    execFileSync('pg_ctlcluster', ['15', 'main', 'restart'], { stdio: 'ignore', timeout: 60_000 });
    await waitFor(
      () => query('SELECT 1'),
      (rows) => rows.length === 1,
      { timeoutMs: 30_000, intervalMs: 250, what: 'PostgreSQL to answer again' },
    );
    const ended = await waitFor(
      () => runStates(runIds),
      (rows) => allEnded(rows, 4),
      { timeoutMs: 60_000, intervalMs: 250, what: 'the steady runs to end after the restart' },
    );
    expect(ended.map((r) => r.state)).toEqual(['success', 'success', 'success', 'success']);
    expect(
      stacks
        .flatMap((s) => s.processes)
        .filter((p) => !stopped.has(p) && (p.child.exitCode !== null || p.child.signalCode !== null))
        .map((p) => p.app),
    ).toEqual([]);
    expect((await owner.get(`/tenants/${tenant}/dags/steady/dagRuns`)).status).toBe(200);
  }, 120_000);
});
