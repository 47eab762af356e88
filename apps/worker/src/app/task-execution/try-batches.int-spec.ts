import { loadConfig } from '@updraft/config';
import { REPLACEMENT_CHARACTER } from '@updraft/domain';
import { Dispatcher, RunEvaluator, TaskExpander } from '@updraft/orchestration';
import {
  AccountRepository,
  BundleRepository,
  dataSourceOptions,
  DagRepository,
  DagRunRepository,
  DispatchRepository,
  TaskInstanceEntity,
  TaskInstanceRef,
  TaskInstanceRepository,
  TaskLogRepository,
  WorkerRepository,
  XComRepository,
} from '@updraft/persistence';
import { QUEUES } from '@updraft/queues';
import type { SerializedDag, SerializedTask } from '@updraft/sdk';
import {
  createTestDatabase,
  DEFAULT_REDIS_URL,
  flushRedisPrefix,
  TestDatabase,
  uniqueRedisPrefix,
} from '@updraft/testing';
import Bull from 'bull';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TryBatches } from './try-batches.service';

function task(taskId: string): SerializedTask {
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
  };
}

const DAG: SerializedDag = {
  dagId: 'parallel',
  schedule: null,
  startDate: null,
  endDate: null,
  timezone: 'UTC',
  catchup: false,
  maxActiveRuns: 1000,
  maxActiveTasks: 100,
  tags: [],
  description: null,
  team: null,
  params: {},
  deadlineMs: null,
  source: null,
  tasks: ['t0', 't1', 't2', 't3'].map(task),
};

/** Settles every promise, answering each one's value or its error's message. */
async function outcomes<T>(promises: Promise<T>[]): Promise<(T | string)[]> {
  return (await Promise.allSettled(promises)).map((r) =>
    r.status === 'fulfilled' ? r.value : (r.reason as Error).message,
  );
}

/**
 * A worker's batched statements carry many tenants' tries at once. Tenant A's item is bad (what its
 * code produced, or a row gone meanwhile); tenant B's items ride in the same statement and must be
 * stored all the same, with only A's item failing. Before the fix, every item of the batch failed.
 */
describe('TryBatches and the dispatch on PostgreSQL: one bad item fails only itself', () => {
  const redisPrefix = uniqueRedisPrefix();
  let database: TestDatabase;
  let db: DataSource;
  let tasksQueue: Bull.Queue;
  let schedulerQueue: Bull.Queue;
  let taskInstances: TaskInstanceRepository;
  let dispatcher: Dispatcher;
  let batches: TryBatches;
  let tenantA: string;
  let tenantB: string;
  let tenants = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource(dataSourceOptions(database.url)).initialize();
    tasksQueue = new Bull(QUEUES.tasks, DEFAULT_REDIS_URL, { prefix: redisPrefix });
    schedulerQueue = new Bull(QUEUES.scheduler, DEFAULT_REDIS_URL, { prefix: redisPrefix });
    taskInstances = new TaskInstanceRepository(db);
    const config = loadConfig({
      DATABASE_URL: database.url,
      REDIS_URL: DEFAULT_REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      WORKER_HOSTNAME: 'batch-worker',
    });
    dispatcher = new Dispatcher(config, new DispatchRepository(db), tasksQueue);
    const evaluator = new RunEvaluator(
      new DagRunRepository(db),
      taskInstances,
      new TaskExpander(taskInstances, new XComRepository(db), new TaskLogRepository(db)),
      dispatcher,
      schedulerQueue,
    );
    batches = new TryBatches(config, taskInstances, new TaskLogRepository(db), evaluator);
    tenantA = await tenantWithDag();
    tenantB = await tenantWithDag();
    await new WorkerRepository(db).beat('batch-worker', 1_000, 3_600_000);
  });

  afterAll(async () => {
    await Promise.all([tasksQueue?.close(), schedulerQueue?.close()]);
    await db?.destroy();
    await database?.drop();
    await flushRedisPrefix(DEFAULT_REDIS_URL, redisPrefix);
  });

  async function tenantWithDag(): Promise<string> {
    tenants += 1;
    const tenantId = (
      await new AccountRepository(db).createTenantWithOwner({
        email: `b${tenants}@example.com`,
        passwordHash: 'x',
        tenantSlug: `b${tenants}`,
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
    await bundles.activate(tenantId, version.id, [{ dagId: DAG.dagId, entryFile: 'x.js', serialized: DAG }]);
    return tenantId;
  }

  /** A new run's four instances, in task order. */
  async function instancesOfNewRun(tenantId: string): Promise<TaskInstanceEntity[]> {
    const dagVersionId = (await new DagRepository(db).get(tenantId, DAG.dagId))?.dagVersionId as string;
    const at = new Date(Date.UTC(2024, 0, 1) + Math.floor(Math.random() * 1e10));
    const run = await new DagRunRepository(db).create(tenantId, {
      dagId: DAG.dagId,
      dagVersionId,
      serialized: DAG,
      runType: 'manual',
      logicalDate: at,
      dataIntervalStart: at,
      dataIntervalEnd: at,
      conf: {},
    });
    return (await taskInstances.allForRun(tenantId, run.id)).sort((a, b) => a.taskId.localeCompare(b.taskId));
  }

  const refOf = (ti: TaskInstanceEntity): TaskInstanceRef => ({ tenantId: ti.tenantId, taskInstanceId: ti.id });

  /** Instances running for this worker, their try begun. */
  async function running(tis: TaskInstanceEntity[]): Promise<TaskInstanceEntity[]> {
    await db.query(`UPDATE task_instance SET state = 'queued' WHERE id = ANY($1)`, [tis.map((ti) => ti.id)]);
    return (await taskInstances.claimMany(tis.map(refOf), 'batch-worker')) as TaskInstanceEntity[];
  }

  const stateOf = async (ti: TaskInstanceEntity) => (await taskInstances.get(ti.tenantId, ti.id))?.state;

  it("claims: a malformed claim (not a task instance id) fails alone; the other tenant's claims in its batch are taken", async () => {
    const [b0, b1] = await instancesOfNewRun(tenantB);
    await db.query(`UPDATE task_instance SET state = 'queued' WHERE id = ANY($1)`, [[b0.id, b1.id]]);
    const claimed = await outcomes([
      batches.claim(refOf(b0)),
      batches.claim({ tenantId: tenantA, taskInstanceId: 'not-a-task-instance' }),
      batches.claim(refOf(b1)),
    ]);
    expect(claimed.map((c) => (typeof c === 'string' ? c : c?.id))).toEqual([
      b0.id,
      expect.stringMatching(/invalid input syntax for type uuid/),
      b1.id,
    ]);
    expect([await stateOf(b0), await stateOf(b1)]).toEqual(['running', 'running']);
  });

  it("ends and XCom: a return value PostgreSQL cannot store fails only its own try; the other tenant's ends and XCom in the batch are stored", async () => {
    const [a0] = await running((await instancesOfNewRun(tenantA)).slice(0, 1));
    const [b0, b1] = await running((await instancesOfNewRun(tenantB)).slice(0, 2));
    const end = (ti: TaskInstanceEntity, valueJson: string) =>
      batches.end(
        {
          ...refOf(ti),
          tryNumber: ti.tryNumber,
          state: 'success',
          exitReason: null,
          nextTryAt: null,
          returnValue: { dagRunId: ti.dagRunId, taskId: ti.taskId, mapIndex: -1, valueJson },
        },
        { dagRunId: ti.dagRunId, taskId: ti.taskId, passesSlot: false },
      );
    const ended = await outcomes([end(b0, '{"rows":1}'), end(a0, '{"name":"x\\u0000y"}'), end(b1, '{"rows":2}')]);
    expect(ended.map((e) => (typeof e === 'string' ? e : e.applied))).toEqual([
      true,
      expect.stringMatching(/unsupported Unicode escape sequence/),
      true,
    ]);
    expect([await stateOf(b0), await stateOf(b1), await stateOf(a0)]).toEqual(['success', 'success', 'running']);
    const xcoms = new XComRepository(db);
    expect([
      await xcoms.pull(tenantB, b0.dagRunId, b0.taskId),
      await xcoms.pull(tenantB, b1.dagRunId, b1.taskId),
    ]).toEqual([{ rows: 1 }, { rows: 2 }]);
  });

  it('ends: a NUL or lone surrogate in an exit reason or a last log line is stored as U+FFFD, the line kept, and fails nothing', async () => {
    const [a0] = await running((await instancesOfNewRun(tenantA)).slice(0, 1));
    const [b0] = await running((await instancesOfNewRun(tenantB)).slice(0, 1));
    const lines = (message: string) => [{ timestamp: new Date(), stream: 'stdout' as const, message }];
    const ended = await outcomes([
      batches.end({
        ...refOf(b0),
        tryNumber: b0.tryNumber,
        state: 'success',
        exitReason: null,
        nextTryAt: null,
        lines: lines('quiet'),
      }),
      batches.end({
        ...refOf(a0),
        tryNumber: a0.tryNumber,
        state: 'failed',
        exitReason: 'boom\u0000\ud800',
        nextTryAt: null,
        lines: lines('before\u0000after'),
      }),
    ]);
    expect(ended.map((e) => (typeof e === 'string' ? e : e.applied))).toEqual([true, true]);
    const [{ exit_reason }] = await db.query(`SELECT exit_reason FROM task_try WHERE task_instance_id = $1`, [a0.id]);
    expect(exit_reason).toBe(`boom${REPLACEMENT_CHARACTER}${REPLACEMENT_CHARACTER}`);
    const logs = new TaskLogRepository(db);
    expect((await logs.read(tenantA, a0.id, a0.tryNumber)).map((l) => l.message)).toEqual([
      `before${REPLACEMENT_CHARACTER}after`,
    ]);
    expect((await logs.read(tenantB, b0.id, b0.tryNumber)).map((l) => l.message)).toEqual(['quiet']);
  });

  it("logs: lines of a try whose instance is gone fail alone; the other tenant's lines in the batch are stored", async () => {
    const [b0, b1] = await running((await instancesOfNewRun(tenantB)).slice(0, 2));
    const line = (message: string) => [{ timestamp: new Date(), stream: 'stdout' as const, message }];
    const stored = await outcomes([
      batches.appendLog({ ...refOf(b0), tryNumber: b0.tryNumber, lines: line('b0 says hello') }),
      batches.appendLog({
        tenantId: tenantA,
        taskInstanceId: randomUUID(),
        tryNumber: 1,
        lines: line('my run was deleted'),
      }),
      batches.appendLog({ ...refOf(b1), tryNumber: b1.tryNumber, lines: line('b1 says hello') }),
    ]);
    expect(stored).toEqual([undefined, expect.stringMatching(/foreign key/), undefined]);
    const logs = new TaskLogRepository(db);
    expect((await logs.read(tenantB, b0.id, b0.tryNumber)).map((l) => l.message)).toEqual(['b0 says hello']);
    expect((await logs.read(tenantB, b1.id, b1.tryNumber)).map((l) => l.message)).toEqual(['b1 says hello']);
  });

  it("dispatch: a bad instance among those a pass schedules is left alone; the other tenant's ready instances are queued", async () => {
    const [b0, b1] = await instancesOfNewRun(tenantB);
    await Promise.all([
      dispatcher.request([refOf(b0), { tenantId: tenantA, taskInstanceId: 'not-a-task-instance' }, refOf(b1)]),
    ]);
    expect([await stateOf(b0), await stateOf(b1)]).toEqual(['queued', 'queued']);
  });
});
