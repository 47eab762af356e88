import type { DagRun } from '@updraft/api-types';
import {
  ApiClient,
  createTestDatabase,
  DEFAULT_REDIS_URL,
  deployBundle,
  flushRedisPrefix,
  migrateWithBuiltApi,
  queryDatabase,
  seg,
  signupOwner,
  Stack,
  startStack,
  TestDatabase,
  uniqueRedisPrefix,
  waitFor,
} from '@updraft/testing';

/**
 * Noisy neighbours in the engine, with real processes (api, scheduler, one worker of 8 slots) and
 * two tenants: a noisy one whose code returns and prints what PostgreSQL cannot store (NUL, lone
 * surrogates) or holds every slot with long tasks, and a quiet one whose runs must not notice.
 * Before the fix, a NUL in one tenant's XCom failed every try in its worker's batch, other
 * tenants' included, and the quiet tenant's one-task run waited for one of the long tasks to end.
 */
const SUITE = 'api-e2e-noisy-engine';
const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;
const LONG_TASK_SECONDS = 25;

const NOISY = `import { bash, dag, task } from '@updraft/sdk';

dag('nul_xcom', { schedule: null }, () => {
  for (let i = 0; i < 40; i++) task('x' + i, async () => ({ name: 'x\\u0000y' }));
});

dag('lone_surrogate_xcom', { schedule: null }, () => {
  task('s', async () => ['\\ud800']);
});

dag('nul_logs', { schedule: null }, () => {
  for (let i = 0; i < 40; i++) task('l' + i, async () => { console.log('before\\u0000after'); return null; });
  bash('b', { command: "printf 'bash\\\\0line\\\\n'" });
});

dag('nul_errors', { schedule: null }, () => {
  for (let i = 0; i < 20; i++) task('e' + i, async () => { throw new Error('broken\\u0000here'); });
});

dag('hog', { schedule: null }, () => {
  for (let i = 0; i < 16; i++) bash('long' + i, { command: 'sleep ${LONG_TASK_SECONDS}' });
});
`;

const QUIET = `import { dag, task } from '@updraft/sdk';

dag('quiet', { schedule: null }, () => {
  for (let i = 0; i < 40; i++) task('q' + i, async () => ({ i }));
});

dag('one', { schedule: null }, () => {
  task('only', async () => 1);
});
`;

describe("noisy neighbour (engine): one tenant's output and long tasks never fail or stall another tenant", () => {
  let db: TestDatabase | undefined;
  let stack: Stack | undefined;
  let noisy: ApiClient;
  let quiet: ApiClient;
  const redisPrefix = uniqueRedisPrefix();

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: (url) => migrateWithBuiltApi(url, SUITE) });
    stack = await startStack({
      databaseUrl: db.url,
      redisPrefix,
      redisUrl,
      suite: SUITE,
      env: {
        WORKER_CONCURRENCY: '8',
        HEARTBEAT_INTERVAL_MS: '500',
        SCHEDULER_SWEEP_INTERVAL_MS: '1000',
        WORKER_DRAIN_GRACE_MS: '500',
      },
    });
    noisy = await signupOwner(stack.baseUrl, 'noisy@e2e.updraft.test', 'noisy');
    quiet = await signupOwner(stack.baseUrl, 'quiet@e2e.updraft.test', 'quiet');
    for (const [client, tenant, source] of [
      [noisy, 'noisy', NOISY],
      [quiet, 'quiet', QUIET],
    ] as const) {
      const uploaded = await deployBundle(client, tenant, tenant, { [`dags/${tenant}.ts`]: source });
      expect([uploaded.status, uploaded.body.status, uploaded.body.errors]).toEqual([201, 'active', []]);
    }
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await db?.drop();
    await flushRedisPrefix(redisUrl, redisPrefix);
  }, 60_000);

  const query = <T>(sql: string, params: unknown[] = []) => queryDatabase<T>((db as TestDatabase).url, sql, params);

  async function trigger(client: ApiClient, tenant: string, dagId: string): Promise<Run> {
    const response = await client.post<DagRun>(`/tenants/${tenant}/dags/${dagId}/dagRuns`, { json: {} });
    expect(response.status).toBe(201);
    return { tenant, dagId, runId: response.body.runId };
  }

  const runState = async (client: ApiClient, run: Run) =>
    (await client.get<DagRun>(`/tenants/${run.tenant}/dags/${run.dagId}/dagRuns/${seg(run.runId)}`)).body.state;

  type Run = { tenant: string; dagId: string; runId: string };

  /** Per task of a run: its state and its last try's exit reason. */
  const triesOf = (run: Run) =>
    query<{ task_id: string; state: string; exit_reason: string | null }>(
      `SELECT ti.task_id, ti.state, tt.exit_reason FROM task_instance ti JOIN dag_run r ON r.id = ti.dag_run_id
       LEFT JOIN task_try tt ON tt.task_instance_id = ti.id AND tt.try_number = ti.try_number
      WHERE r.dag_id = $1 AND r.run_id = $2 ORDER BY ti.task_id`,
      [run.dagId, run.runId],
    );

  const logOf = (run: Run, taskId: string) =>
    query<{ message: string }>(
      `SELECT l.message FROM task_log l JOIN task_instance ti ON ti.id = l.task_instance_id JOIN dag_run r ON r.id = ti.dag_run_id
      WHERE r.dag_id = $1 AND r.run_id = $2 AND ti.task_id = $3 ORDER BY l.id`,
      [run.dagId, run.runId, taskId],
    );

  /** The task instances of a run ($1 its DAG, $2 its run id). */
  const OF_RUN = 'FROM task_instance ti JOIN dag_run r ON r.id = ti.dag_run_id WHERE r.dag_id = $1 AND r.run_id = $2';
  const runningIn = async (run: Run) =>
    (
      await query<{ n: number }>(`SELECT count(*)::int AS n ${OF_RUN} AND ti.state = 'running'`, [run.dagId, run.runId])
    )[0].n;

  it("NUL and lone surrogates in one tenant's XCom, logs and errors: its own tasks fail or keep their lines; the quiet tenant's 40 tasks all succeed", async () => {
    const started = Date.now();
    const quietRun = trigger(quiet, 'quiet', 'quiet');
    const noisyRuns = ['nul_xcom', 'nul_logs', 'nul_errors', 'lone_surrogate_xcom'].map((dagId) =>
      trigger(noisy, 'noisy', dagId),
    );
    const [quietOne, xcomRun, logsRun, errorsRun, surrogateRun] = await Promise.all([quietRun, ...noisyRuns]);
    const ended = await waitFor(
      () =>
        Promise.all([
          runState(quiet, quietOne),
          ...[xcomRun, logsRun, errorsRun, surrogateRun].map((run) => runState(noisy, run)),
        ]),
      (states) => states.every((s) => s === 'success' || s === 'failed'),
      { timeoutMs: 150_000, intervalMs: 500, what: 'the quiet run and the noisy runs to end' },
    );
    process.stdout.write(
      `[noisy-neighbour] NUL runs: quiet run of 40 tasks and 101 noisy tasks ended in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    const quietTries = await triesOf(quietOne);
    expect(quietTries.filter((t) => t.state !== 'success')).toEqual([]);
    expect(quietTries).toHaveLength(40);
    expect((await triesOf(logsRun)).filter((t) => t.state !== 'success')).toEqual([]);
    expect(ended).toEqual(['success', 'failed', 'success', 'failed', 'failed']);

    const xcomTries = await triesOf(xcomRun);
    expect(xcomTries).toHaveLength(40);
    for (const t of xcomTries) {
      expect(t.state).toBe('failed');
      expect(t.exit_reason).toBe(
        'the return value holds a NUL character (\\u0000) at $.name, which XCom cannot store (PostgreSQL jsonb); return it escaped or encoded',
      );
    }
    expect((await triesOf(surrogateRun))[0].exit_reason).toMatch(
      /a lone UTF-16 surrogate \(invalid Unicode\) at \$\[0\]/,
    );

    expect((await logOf(logsRun, 'l7')).map((l) => l.message)).toContain('before\uFFFDafter');
    expect((await logOf(logsRun, 'b')).map((l) => l.message)).toContain('bash\uFFFDline');
    const [{ value }] = await query<{ value: unknown }>(
      `SELECT x.value FROM xcom x JOIN dag_run r ON r.id = x.dag_run_id WHERE r.dag_id = $1 AND r.run_id = $2 AND x.task_id = 'b'`,
      [logsRun.dagId, logsRun.runId],
    );
    expect(value).toBe('bash\uFFFDline');

    const errorTries = await triesOf(errorsRun);
    expect(errorTries.map((t) => t.state)).toEqual(Array(20).fill('failed'));
    for (const t of errorTries) expect(t.exit_reason).toContain('broken\uFFFDhere');
  }, 180_000);

  it("a tenant whose long tasks hold every slot: the other tenant's one-task run starts within a few seconds, not after a long task", async () => {
    const hog = await trigger(noisy, 'noisy', 'hog');
    await waitFor(
      () => runningIn(hog),
      (n) => n >= 8,
      { timeoutMs: 60_000, intervalMs: 200, what: 'the hog to hold every regular slot' },
    );
    const triggeredAt = Date.now();
    const one = await trigger(quiet, 'quiet', 'one');
    await waitFor(
      () => runState(quiet, one),
      (state) => state === 'success',
      { timeoutMs: 60_000, intervalMs: 100, what: 'the quiet one-task run to succeed' },
    );
    const finishedAt = Date.now();
    const [{ start_date }] = await query<{ start_date: Date }>(`SELECT ti.start_date ${OF_RUN}`, [
      one.dagId,
      one.runId,
    ]);
    const startLatencyS = (start_date.getTime() - triggeredAt) / 1000;
    const running = await runningIn(hog);
    process.stdout.write(
      `[noisy-neighbour] slot hog: the quiet tenant's task started ${startLatencyS.toFixed(2)} s after its trigger, its run succeeded in ${((finishedAt - triggeredAt) / 1000).toFixed(2)} s, while ${running} of the hog's ${LONG_TASK_SECONDS} s tasks ran\n`,
    );
    // Generous: before the fix it waited for a long task to end (~LONG_TASK_SECONDS).
    expect(startLatencyS).toBeLessThan(10);
    expect(running).toBeGreaterThanOrEqual(8);
  }, 120_000);
});
