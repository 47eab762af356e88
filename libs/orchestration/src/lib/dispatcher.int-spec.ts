import { loadConfig } from '@updraft/config';
import {
  AccountRepository,
  BundleRepository,
  dataSourceOptions,
  DagRepository,
  DagRunRepository,
  DispatchRepository,
  PoolRepository,
  TaskInstanceRepository,
  TaskLogRepository,
  WorkerRepository,
  XComRepository,
} from '@updraft/persistence';
import { JOBS, QUEUES } from '@updraft/queues';
import type { SerializedDag, SerializedTask } from '@updraft/sdk';
import {
  createTestDatabase,
  DEFAULT_REDIS_URL,
  flushRedisPrefix,
  QueryCounter,
  TestDatabase,
  uniqueRedisPrefix,
} from '@updraft/testing';
import Bull from 'bull';
import { DataSource } from 'typeorm';
import { RunEvaluator } from './run-evaluator.service';
import { TaskExpander } from './task-expander.service';
import { Dispatcher } from './dispatcher.service';

function task(taskId: string, options: Partial<SerializedTask> = {}): SerializedTask {
  return {
    taskId,
    operator: 'empty',
    upstream: [],
    config: {},
    owner: null,
    retries: 0,
    retryDelayMs: 0,
    retryExponentialBackoff: false,
    maxRetryDelayMs: null,
    executionTimeoutMs: null,
    slaMs: null,
    priorityWeight: 1,
    pool: null,
    triggerRule: 'all_success',
    onFailure: [],
    onRetry: [],
    onSuccess: [],
    source: null,
    ...options,
  };
}

function dagOf(dagId: string, tasks: SerializedTask[], maxActiveTasks = 16): SerializedDag {
  return {
    dagId,
    schedule: null,
    startDate: null,
    endDate: null,
    timezone: 'UTC',
    catchup: false,
    maxActiveRuns: 1000,
    maxActiveTasks,
    tags: [],
    description: null,
    team: null,
    params: {},
    deadlineMs: null,
    source: null,
    tasks,
  };
}

const parallel = (n: number, options: Partial<SerializedTask> = {}) =>
  Array.from({ length: n }, (_, i) => task(`t${String(i).padStart(5, '0')}`, options));

describe('Dispatcher on PostgreSQL and Bull: pools, priorityWeight, maxActiveTasks, tenant limits and fair share', () => {
  const redisPrefix = uniqueRedisPrefix();
  const counter = new QueryCounter();
  let database: TestDatabase;
  let db: DataSource;
  let tasksQueue: Bull.Queue;
  let schedulerQueue: Bull.Queue;
  let runs: DagRunRepository;
  let taskInstances: TaskInstanceRepository;
  let tenantCount = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource({ ...dataSourceOptions(database.url), logging: ['query'], logger: counter }).initialize();
    tasksQueue = new Bull(QUEUES.tasks, DEFAULT_REDIS_URL, { prefix: redisPrefix });
    schedulerQueue = new Bull(QUEUES.scheduler, DEFAULT_REDIS_URL, { prefix: redisPrefix });
    runs = new DagRunRepository(db);
    taskInstances = new TaskInstanceRepository(db);
  });

  beforeEach(async () => {
    // A live worker with room: the dispatch queues no more than live workers can start.
    await new WorkerRepository(db).beat('a-worker', 1_000, 3_600_000);
  });

  afterEach(async () => {
    await db.query(`DELETE FROM worker`);
    // Every test starts with the platform's slots free.
    await db.query(`UPDATE task_instance SET state = 'removed' WHERE state IN ('scheduled', 'queued', 'running')`);
    await tasksQueue.empty();
  });

  afterAll(async () => {
    await Promise.all([tasksQueue.close(), schedulerQueue.close()]);
    await db.destroy();
    await database.drop();
    await flushRedisPrefix(DEFAULT_REDIS_URL, redisPrefix);
  });

  /** A scheduler with these settings (the env variables of the README). */
  function scheduler(env: Record<string, string> = {}) {
    const dispatcher = new Dispatcher(loadConfig(env), new DispatchRepository(db), tasksQueue);
    const expander = new TaskExpander(taskInstances, new XComRepository(db), new TaskLogRepository(db));
    return { dispatcher, evaluator: new RunEvaluator(runs, taskInstances, expander, dispatcher, schedulerQueue) };
  }

  async function tenantWith(dags: SerializedDag[]): Promise<string> {
    tenantCount += 1;
    const tenantId = (
      await new AccountRepository(db).createTenantWithOwner({
        email: `o${tenantCount}@example.com`,
        passwordHash: 'x',
        tenantSlug: `t${tenantCount}`,
        tenantName: 'T',
      })
    ).tenant.id;
    const bundles = new BundleRepository(db);
    const version = await bundles.createVersion(tenantId, {
      name: 'b',
      archive: Buffer.from('x'),
      format: 'tar.gz',
      createdBy: null,
    });
    await bundles.activate(
      tenantId,
      version.id,
      dags.map((serialized) => ({ dagId: serialized.dagId, entryFile: 'x.js', serialized })),
    );
    return tenantId;
  }

  async function newRun(tenantId: string, serialized: SerializedDag) {
    const dagVersionId = (await new DagRepository(db).get(tenantId, serialized.dagId))?.dagVersionId as string;
    const at = new Date(Date.UTC(2024, 0, 1) + Math.floor(Math.random() * 1e10));
    return runs.create(tenantId, {
      dagId: serialized.dagId,
      dagVersionId,
      serialized,
      runType: 'manual',
      logicalDate: at,
      dataIntervalStart: at,
      dataIntervalEnd: at,
      conf: {},
    });
  }

  /** Task ids in the order their run-task jobs were put on Bull (job ids grow), after job `afterJobId`. */
  async function enqueued(afterJobId = 0): Promise<{ jobId: number; taskInstanceId: string }[]> {
    const jobs = await tasksQueue.getJobs(['waiting']);
    return jobs
      .filter((j) => j.name === JOBS.runTask && Number(j.id) > afterJobId)
      .map((j) => ({ jobId: Number(j.id), taskInstanceId: j.data.taskInstanceId as string }))
      .sort((a, b) => a.jobId - b.jobId);
  }

  async function taskIdsOf(ids: string[]): Promise<string[]> {
    const rows: { id: string; task_id: string }[] = await db.query(
      `SELECT id, task_id FROM task_instance WHERE id = ANY($1)`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r.task_id]));
    return ids.map((id) => byId.get(id) as string);
  }

  async function countIn(dagRunIds: string[], states: string[]): Promise<number> {
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM task_instance WHERE dag_run_id = ANY($1) AND state = ANY($2)`,
      [dagRunIds, states],
    );
    return n;
  }

  /** What a worker does with the oldest job on Bull: claim it, end the try, and have its run evaluated. */
  async function workOne(evaluator: RunEvaluator): Promise<string> {
    const [job] = await enqueued();
    const [bullJob] = (await tasksQueue.getJobs(['waiting'])).filter((j) => Number(j.id) === job.jobId);
    await bullJob.remove();
    const ti = await taskInstances.claim(
      { tenantId: bullJob.data.tenantId, taskInstanceId: job.taskInstanceId },
      'test-worker',
    );
    expect(ti).not.toBeNull();
    await taskInstances.finish(
      { tenantId: ti?.tenantId as string, taskInstanceId: job.taskInstanceId },
      ti?.tryNumber as number,
      'success',
      null,
    );
    await evaluator.evaluate({
      tenantId: ti?.tenantId as string,
      dagRunId: ti?.dagRunId as string,
      finishedTaskId: ti?.taskId,
    });
    return ti?.taskId as string;
  }

  it('never has more task instances of a pool queued or running than its slots, and counts poolSlots against them', async () => {
    const serialized = dagOf('pooled', [
      ...parallel(5, { pool: 'db' }),
      task('wide', { pool: 'db', priorityWeight: 0, poolSlots: 3 }),
      task('other'),
    ]);
    const tenantId = await tenantWith([serialized]);
    const pools = new PoolRepository(db);
    await pools.create(tenantId, { name: 'db', slots: 2, description: 'the database' });
    const { dispatcher, evaluator } = scheduler();
    const run = await newRun(tenantId, serialized);
    await evaluator.evaluate({ tenantId, dagRunId: run.id });
    // two of the pool's tasks, and the one outside it
    expect(await countIn([run.id], ['queued'])).toBe(3);
    expect(await countIn([run.id], ['scheduled'])).toBe(4);
    for (let i = 0; i < 6; i += 1) {
      await workOne(evaluator);
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM task_instance WHERE dag_run_id = $1 AND pool = 'db' AND state IN ('queued', 'running')`,
        [run.id],
      );
      expect(n).toBeLessThanOrEqual(2);
    }
    // it needs 3 slots of a pool of 2: it waits, and runs once the pool grows
    expect((await taskInstances.find(tenantId, run.id, 'wide'))?.state).toBe('scheduled');
    await pools.update(tenantId, 128, 'db', { slots: 3 });
    await dispatcher.request();
    expect((await taskInstances.find(tenantId, run.id, 'wide'))?.state).toBe('queued');
  });

  it('never has more task instances of a DAG queued or running than its maxActiveTasks, across its runs', async () => {
    const serialized = dagOf('capped', parallel(4), 3);
    const tenantId = await tenantWith([serialized]);
    const { evaluator } = scheduler();
    const first = await newRun(tenantId, serialized);
    const second = await newRun(tenantId, serialized);
    await evaluator.evaluate({ tenantId, dagRunId: first.id });
    await evaluator.evaluate({ tenantId, dagRunId: second.id });
    expect(await countIn([first.id, second.id], ['queued'])).toBe(3);
    await workOne(evaluator);
    expect(await countIn([first.id, second.id], ['queued'])).toBe(3);
    expect(await countIn([first.id, second.id], ['success'])).toBe(1);
  });

  it("queues a tenant's ready work by priorityWeight, highest first, then the longest waiting", async () => {
    // `later` becomes ready after `high` ends, so after `low`: among equal weights the longest waiting goes first
    const serialized = dagOf('weighted', [
      task('low'),
      task('high', { priorityWeight: 10 }),
      task('middle', { priorityWeight: 5 }),
      task('later', { upstream: ['high'] }),
    ]);
    const tenantId = await tenantWith([serialized]);
    const { evaluator } = scheduler({ DISPATCH_SLOTS: '1' });
    const run = await newRun(tenantId, serialized);
    await evaluator.evaluate({ tenantId, dagRunId: run.id });
    const order = [];
    for (let i = 0; i < 4; i += 1) order.push(await workOne(evaluator));
    expect(order).toEqual(['high', 'middle', 'low', 'later']);
  });

  it('holds a tenant at its limit of running tasks (the platform default, or its own)', async () => {
    const serialized = dagOf('busy', parallel(6));
    const tenantId = await tenantWith([serialized]);
    const { evaluator } = scheduler({ TENANT_MAX_RUNNING_TASKS: '4' });
    const run = await newRun(tenantId, serialized);
    await evaluator.evaluate({ tenantId, dagRunId: run.id });
    expect(await countIn([run.id], ['queued'])).toBe(4);
    await db.query(`UPDATE tenant SET max_running_tasks = 2 WHERE id = $1`, [tenantId]);
    await workOne(evaluator);
    await workOne(evaluator);
    // 2 still queued: the override allows no more
    expect(await countIn([run.id], ['queued'])).toBe(2);
    await workOne(evaluator);
    expect(await countIn([run.id], ['queued'])).toBe(2);
  });

  it("a tenant with 10,000 ready tasks delays another tenant's ready task by at most one task's turn", async () => {
    const big = dagOf('backlog', parallel(100));
    const tenantA = await tenantWith([big]);
    const runsOfA = [];
    for (let i = 0; i < 100; i += 1) runsOfA.push((await newRun(tenantA, big)).id);
    await db.query(`UPDATE dag_run SET state = 'running' WHERE id = ANY($1)`, [runsOfA]);
    const idsOfA: { id: string }[] = await db.query(`SELECT id FROM task_instance WHERE dag_run_id = ANY($1)`, [
      runsOfA,
    ]);
    await taskInstances.transition(
      tenantA,
      idsOfA.map((r) => r.id),
      ['none'],
      'scheduled',
    );
    const { dispatcher, evaluator } = scheduler({ DISPATCH_SLOTS: '8', TENANT_MAX_RUNNING_TASKS: '100' });
    await dispatcher.request();
    expect(await countIn(runsOfA, ['queued'])).toBe(8);

    const small = dagOf('urgent', [task('now')]);
    const tenantB = await tenantWith([small]);
    const runOfB = await newRun(tenantB, small);
    await evaluator.evaluate({ tenantId: tenantB, dagRunId: runOfB.id });
    // every slot is taken by A: B's task is ready and waits
    expect((await taskInstances.find(tenantB, runOfB.id, 'now'))?.state).toBe('scheduled');
    const before = (await enqueued()).at(-1)?.jobId as number;

    await workOne(evaluator);
    // the first slot to free goes to B, ahead of A's 9,992 waiting tasks
    const next = await enqueued(before);
    expect(await taskIdsOf(next.map((j) => j.taskInstanceId))).toEqual(['now']);
    expect((await taskInstances.find(tenantB, runOfB.id, 'now'))?.state).toBe('queued');
    expect(await countIn(runsOfA, ['scheduled'])).toBe(9_992);

    await workOne(evaluator);
    const after = await enqueued(next[0].jobId);
    // however long the backlog, one round trip: begin, lock, snapshot, choice, queueing and commit
    await taskInstances.transition(tenantA, [after[0].taskInstanceId], ['queued'], 'scheduled');
    counter.statements = [];
    expect(await dispatcher.dispatchOnce()).toHaveLength(1);
    expect(counter.statements).toHaveLength(1);
    expect(after).toHaveLength(1);
    const [{ tenant_id }] = await db.query(`SELECT tenant_id FROM task_instance WHERE id = $1`, [
      after[0].taskInstanceId,
    ]);
    expect(tenant_id).toBe(tenantA);
  });

  it('queues no more than the live workers can start: a worker past its expiry or draining counts no slots', async () => {
    const serialized = dagOf('staffed', parallel(12));
    const tenantId = await tenantWith([serialized]);
    const { dispatcher, evaluator } = scheduler();
    const workers = new WorkerRepository(db);
    await db.query(`DELETE FROM worker`);
    const run = await newRun(tenantId, serialized);
    // no live worker: ready, and waiting in PostgreSQL rather than on Bull
    await evaluator.evaluate({ tenantId, dagRunId: run.id });
    expect(await countIn([run.id], ['scheduled'])).toBe(12);
    expect(await enqueued()).toHaveLength(0);

    await workers.beat('w1', 3, 60_000);
    await workers.beat('w2', 2, 60_000);
    await workers.beat('gone', 50, 1);
    await workers.beat('draining', 0, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const [{ live }] = await db.query(`SELECT sum(slots)::int AS live FROM worker WHERE expires_at > now()`);
    expect(live).toBe(5);
    await dispatcher.request();
    expect(await countIn([run.id], ['queued'])).toBe(5);
    expect(await enqueued()).toHaveLength(5);

    // a slot frees: one more, never past the 5 slots
    await workOne(evaluator);
    expect(await countIn([run.id], ['queued'])).toBe(5);
    await workers.remove('w2');
    await workOne(evaluator);
    await workOne(evaluator);
    expect(await countIn([run.id], ['queued'])).toBe(3);
  });

  it("a tenant whose long tasks hold every worker slot cannot keep another tenant's ready task waiting: it starts in the headroom", async () => {
    await db.query(`DELETE FROM worker`);
    await new WorkerRepository(db).beat('one-worker', 8, 3_600_000, 2);
    const long = dagOf('long', parallel(12));
    const tenantA = await tenantWith([long]);
    const { evaluator } = scheduler();
    const runOfA = await newRun(tenantA, long);
    await evaluator.evaluate({ tenantId: tenantA, dagRunId: runOfA.id });
    // A alone: every regular slot, never the headroom
    expect(await countIn([runOfA.id], ['queued'])).toBe(8);
    const small = dagOf('quick', [task('now')]);
    const tenantB = await tenantWith([small]);
    const runOfB = await newRun(tenantB, small);
    await evaluator.evaluate({ tenantId: tenantB, dagRunId: runOfB.id });
    expect((await taskInstances.find(tenantB, runOfB.id, 'now'))?.state).toBe('queued');
    // A's backlog waits for A's own slots; the headroom is not A's
    await evaluator.evaluate({ tenantId: tenantA, dagRunId: runOfA.id });
    expect(await countIn([runOfA.id], ['queued'])).toBe(8);
  });

  it('two schedulers dispatching at once never exceed the slots', async () => {
    const serialized = dagOf('raced', parallel(20));
    const tenantId = await tenantWith([serialized]);
    const run = await newRun(tenantId, serialized);
    const ids = (await taskInstances.allForRun(tenantId, run.id)).map((ti) => ti.id);
    await taskInstances.transition(tenantId, ids, ['none'], 'scheduled');
    const env = { DISPATCH_SLOTS: '5' };
    await Promise.all([
      scheduler(env).dispatcher.request(),
      scheduler(env).dispatcher.request(),
      scheduler(env).dispatcher.request(),
    ]);
    expect(await countIn([run.id], ['queued'])).toBe(5);
    expect(await enqueued()).toHaveLength(5);
  });
});
