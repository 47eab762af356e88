import { loadConfig } from '@updraft/config';
import {
  AccountRepository,
  BundleRepository,
  dataSourceOptions,
  DagRepository,
  DagRunRepository,
  DispatchRepository,
  RETURN_VALUE_KEY,
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
import { DataSource } from 'typeorm';
import { Dispatcher } from './dispatcher.service';
import { RunEvaluator } from './run-evaluator.service';
import { TaskExpander } from './task-expander.service';

function task(taskId: string, upstream: string[], over: Partial<SerializedTask> = {}): SerializedTask {
  return {
    taskId,
    operator: 'empty',
    upstream,
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
    ...over,
  };
}

const serialized: SerializedDag = {
  dagId: 'mapped',
  schedule: null,
  startDate: null,
  endDate: null,
  timezone: 'UTC',
  catchup: false,
  maxActiveRuns: 1,
  maxActiveTasks: 16,
  tags: [],
  description: null,
  team: null,
  params: {},
  deadlineMs: null,
  source: null,
  tasks: [
    task('numbers', []),
    task('double', ['numbers'], { operator: 'task', expand: { n: { kind: 'xcom', taskId: 'numbers' } } }),
    task('total', ['double']),
  ],
};

/** Two schedulers at once (two evaluators on their own connections), as in a deployment with replicas. */
describe('mapped task expansion, run admission and sensor reschedules on PostgreSQL', () => {
  const redisPrefix = uniqueRedisPrefix();
  let database: TestDatabase;
  const dbs: DataSource[] = [];
  let queues: Bull.Queue[] = [];
  let evaluators: RunEvaluator[];
  let runs: DagRunRepository;
  let taskInstances: TaskInstanceRepository;
  let xcoms: XComRepository;
  let tenantId: string;
  let dagVersionId: string;
  let day = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    for (let i = 0; i < 2; i++) dbs.push(await new DataSource(dataSourceOptions(database.url)).initialize());
    queues = [
      new Bull(QUEUES.tasks, DEFAULT_REDIS_URL, { prefix: redisPrefix }),
      new Bull(QUEUES.scheduler, DEFAULT_REDIS_URL, { prefix: redisPrefix }),
    ];
    evaluators = dbs.map((db) => {
      const instances = new TaskInstanceRepository(db);
      const expander = new TaskExpander(instances, new XComRepository(db), new TaskLogRepository(db));
      return new RunEvaluator(
        new DagRunRepository(db),
        instances,
        expander,
        new Dispatcher(loadConfig({}), new DispatchRepository(db), queues[0]),
        queues[1],
      );
    });
    runs = new DagRunRepository(dbs[0]);
    taskInstances = new TaskInstanceRepository(dbs[0]);
    xcoms = new XComRepository(dbs[0]);
    tenantId = (
      await new AccountRepository(dbs[0]).createTenantWithOwner({
        email: 'o@example.com',
        passwordHash: 'x',
        tenantSlug: 'acme',
        tenantName: 'Acme',
      })
    ).tenant.id;
    const bundles = new BundleRepository(dbs[0]);
    const version = await bundles.createVersion(tenantId, {
      name: 'b',
      archive: Buffer.from('x'),
      format: 'tar.gz',
      createdBy: null,
    });
    await bundles.activate(tenantId, version.id, [{ dagId: 'mapped', entryFile: 'x.js', serialized }]);
    dagVersionId = (await new DagRepository(dbs[0]).get(tenantId, 'mapped'))?.dagVersionId as string;
    // A live worker with room: the dispatch queues no more than live workers can start.
    await new WorkerRepository(dbs[0]).beat('a-worker', 1_000, 3_600_000);
  });

  afterAll(async () => {
    await Promise.all(queues.map((q) => q.close()));
    await Promise.all(dbs.map((db) => db.destroy()));
    await database.drop();
    await flushRedisPrefix(DEFAULT_REDIS_URL, redisPrefix);
  });

  async function newRun(runType: 'manual' | 'backfill' = 'manual') {
    const logicalDate = new Date(Date.UTC(2024, 0, 1 + day++));
    return runs.create(tenantId, {
      dagId: 'mapped',
      dagVersionId,
      serialized,
      runType,
      logicalDate,
      dataIntervalStart: logicalDate,
      dataIntervalEnd: logicalDate,
      conf: {},
    });
  }

  /** What a worker does: claim the instance and end its try. */
  async function complete(dagRunId: string, taskId: string, value?: unknown) {
    const ti = await taskInstances.find(tenantId, dagRunId, taskId);
    const claimed = await taskInstances.claim({ tenantId, taskInstanceId: ti?.id as string }, 'test-worker');
    expect(claimed).not.toBeNull();
    if (value !== undefined) await xcoms.set(tenantId, dagRunId, taskId, -1, RETURN_VALUE_KEY, JSON.stringify(value));
    await taskInstances.finish(
      { tenantId, taskInstanceId: ti?.id as string },
      claimed?.tryNumber as number,
      'success',
      null,
    );
  }

  const instancesOf = async (dagRunId: string, taskId: string) =>
    (await taskInstances.ofTasks(tenantId, dagRunId, [taskId]))
      .map((ti) => [ti.mapIndex, ti.state])
      .sort((a, b) => Number(a[0]) - Number(b[0]));

  it('expands a mapped task exactly once when two schedulers decide it at the same time', async () => {
    const run = await newRun();
    await evaluators[0].evaluate({ tenantId, dagRunId: run.id });
    await complete(run.id, 'numbers', [10, 20, 30]);
    await Promise.all(evaluators.map((e) => e.evaluate({ tenantId, dagRunId: run.id, finishedTaskId: 'numbers' })));
    await evaluators[1].evaluate({ tenantId, dagRunId: run.id });
    expect(await instancesOf(run.id, 'double')).toEqual([
      [0, 'queued'],
      [1, 'queued'],
      [2, 'queued'],
    ]);
    expect(await instancesOf(run.id, 'total')).toEqual([[-1, 'none']]);
    await runs.mark(tenantId, run.id, 'success');
  });

  it('starts queued runs oldest first, never more than maxActiveRuns at once, and a waiting one once a slot is free', async () => {
    const [first, second, third] = [await newRun('backfill'), await newRun('backfill'), await newRun('backfill')];
    await Promise.all(
      [third, second, first].flatMap((r) => evaluators.map((e) => e.evaluate({ tenantId, dagRunId: r.id }))),
    );
    const stateOf = async () =>
      Promise.all([first, second, third].map(async (r) => (await runs.get(tenantId, 'mapped', r.runId))?.state));
    expect(await stateOf()).toEqual(['running', 'queued', 'queued']);
    await runs.mark(tenantId, first.id, 'failed');
    // The repository's mark does not wake the next run (the API and the evaluator do): here the sweep's evaluation starts it.
    await Promise.all([third, second].flatMap((r) => evaluators.map((e) => e.evaluate({ tenantId, dagRunId: r.id }))));
    expect(await stateOf()).toEqual(['failed', 'running', 'queued']);
  });

  it('gives the try number back on a reschedule and keeps the first check time until the try ends', async () => {
    const run = await newRun();
    const ti = await taskInstances.find(tenantId, run.id, 'numbers');
    const ref = { tenantId, taskInstanceId: ti?.id as string };
    await taskInstances.transition(tenantId, [ref.taskInstanceId], ['none'], 'queued');
    const first = await taskInstances.claim(ref, 'w1');
    expect(first?.tryNumber).toBe(1);
    const nextCheck = new Date(Date.now() + 60_000);
    expect(await taskInstances.reschedule(ref, 1, nextCheck, 'not yet')).toBe(true);
    const waiting = await taskInstances.find(tenantId, run.id, 'numbers');
    expect([waiting?.state, waiting?.tryNumber, waiting?.nextTryAt?.getTime(), waiting?.hostname]).toEqual([
      'up_for_reschedule',
      0,
      nextCheck.getTime(),
      null,
    ]);
    await taskInstances.transition(tenantId, [ref.taskInstanceId], ['up_for_reschedule'], 'queued');
    const again = await taskInstances.claim(ref, 'w2');
    expect([again?.tryNumber, again?.firstPokeAt?.getTime()]).toEqual([1, first?.firstPokeAt?.getTime()]);
    await taskInstances.finish(ref, 1, 'failed', 'sensor timed out');
    expect((await taskInstances.find(tenantId, run.id, 'numbers'))?.firstPokeAt).toBeNull();
    await runs.mark(tenantId, run.id, 'failed');
  });
});
