import { loadConfig } from '@updraft/config';
import {
  AccountRepository,
  BundleRepository,
  dataSourceOptions,
  DagRepository,
  DagRunRepository,
  DispatchRepository,
  TaskInstanceRepository,
  TaskLogRepository,
  WorkerRepository,
  XComRepository,
} from '@updraft/persistence';
import type { SerializedDag, SerializedTask, TriggerRule } from '@updraft/sdk';
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
import { JOBS, QUEUES } from '@updraft/queues';
import { Dispatcher } from './dispatcher.service';
import { RunEvaluator } from './run-evaluator.service';
import { TaskExpander } from './task-expander.service';

function task(taskId: string, upstream: string[], triggerRule: TriggerRule = 'all_success'): SerializedTask {
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
    triggerRule,
    onFailure: [],
    onRetry: [],
    onSuccess: [],
    source: null,
  };
}

const serialized: SerializedDag = {
  dagId: 'fan',
  schedule: null,
  startDate: null,
  endDate: null,
  timezone: 'UTC',
  catchup: false,
  maxActiveRuns: 16,
  maxActiveTasks: 16,
  tags: [],
  description: null,
  team: null,
  params: {},
  deadlineMs: null,
  source: null,
  tasks: [
    task('extract', []),
    task('load', ['extract']),
    task('alert', ['extract'], 'one_failed'),
    task('report', ['load']),
  ],
};

describe('RunEvaluator on PostgreSQL and Bull', () => {
  const counter = new QueryCounter();
  const redisPrefix = uniqueRedisPrefix();
  let database: TestDatabase;
  let db: DataSource;
  let tasksQueue: Bull.Queue;
  let schedulerQueue: Bull.Queue;
  let evaluator: RunEvaluator;
  let runs: DagRunRepository;
  let taskInstances: TaskInstanceRepository;
  let tenantId: string;
  let dagVersionId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource({ ...dataSourceOptions(database.url), logging: ['query'], logger: counter }).initialize();
    tasksQueue = new Bull(QUEUES.tasks, DEFAULT_REDIS_URL, { prefix: redisPrefix });
    schedulerQueue = new Bull(QUEUES.scheduler, DEFAULT_REDIS_URL, { prefix: redisPrefix });
    runs = new DagRunRepository(db);
    taskInstances = new TaskInstanceRepository(db);
    const dispatcher = new Dispatcher(loadConfig({}), new DispatchRepository(db), tasksQueue);
    const expander = new TaskExpander(taskInstances, new XComRepository(db), new TaskLogRepository(db));
    evaluator = new RunEvaluator(runs, taskInstances, expander, dispatcher, schedulerQueue);
    tenantId = (
      await new AccountRepository(db).createTenantWithOwner({
        email: 'o@example.com',
        passwordHash: 'x',
        tenantSlug: 'acme',
        tenantName: 'Acme',
      })
    ).tenant.id;
    const bundles = new BundleRepository(db);
    const version = await bundles.createVersion(tenantId, {
      name: 'b',
      archive: Buffer.from('x'),
      format: 'tar.gz',
      createdBy: null,
    });
    await bundles.activate(tenantId, version.id, [{ dagId: 'fan', entryFile: 'x.js', serialized }]);
    dagVersionId = (await new DagRepository(db).get(tenantId, 'fan'))?.dagVersionId as string;
    // A live worker with room: the dispatch queues no more than live workers can start.
    await new WorkerRepository(db).beat('a-worker', 1_000, 3_600_000);
  });

  afterAll(async () => {
    await Promise.all([tasksQueue.close(), schedulerQueue.close()]);
    await db.destroy();
    await database.drop();
    await flushRedisPrefix(DEFAULT_REDIS_URL, redisPrefix);
  });

  async function newRun() {
    const now = new Date(Date.now() + Math.floor(Math.random() * 1e6));
    return runs.create(tenantId, {
      dagId: 'fan',
      dagVersionId,
      serialized,
      runType: 'manual',
      logicalDate: now,
      dataIntervalStart: now,
      dataIntervalEnd: now,
      conf: {},
    });
  }

  async function states(dagRunId: string): Promise<Record<string, string>> {
    return Object.fromEntries((await taskInstances.allForRun(tenantId, dagRunId)).map((ti) => [ti.taskId, ti.state]));
  }

  /** What a worker does: claim the queued instance and end the try. */
  async function complete(dagRunId: string, taskId: string, state: 'success' | 'failed') {
    const ti = await taskInstances.find(tenantId, dagRunId, taskId);
    const claimed = await taskInstances.claim({ tenantId, taskInstanceId: ti?.id as string }, 'test-worker');
    expect(claimed).not.toBeNull();
    await taskInstances.finish(
      { tenantId, taskInstanceId: claimed?.id as string },
      claimed?.tryNumber as number,
      state,
      null,
    );
    await evaluator.evaluate({ tenantId, dagRunId, finishedTaskId: taskId });
  }

  it('enqueues roots, follows successes, skips a one_failed branch, and finishes the run', async () => {
    const run = await newRun();
    await evaluator.evaluate({ tenantId, dagRunId: run.id });
    expect(await states(run.id)).toEqual({ extract: 'queued', load: 'none', alert: 'none', report: 'none' });
    const jobs = await tasksQueue.getJobs(['waiting']);
    expect(jobs.map((j) => [j.name, j.data.taskInstanceId])).toContainEqual([
      JOBS.runTask,
      (await taskInstances.find(tenantId, run.id, 'extract'))?.id,
    ]);

    await complete(run.id, 'extract', 'success');
    expect(await states(run.id)).toEqual({ extract: 'success', load: 'queued', alert: 'skipped', report: 'none' });
    await complete(run.id, 'load', 'success');
    await complete(run.id, 'report', 'success');
    expect((await runs.get(tenantId, 'fan', run.runId))?.state).toBe('success');
  });

  it('propagates a failure as upstream_failed, runs the one_failed task, and fails the run', async () => {
    const run = await newRun();
    await evaluator.evaluate({ tenantId, dagRunId: run.id });
    await complete(run.id, 'extract', 'failed');
    expect(await states(run.id)).toEqual({
      extract: 'failed',
      load: 'upstream_failed',
      alert: 'queued',
      report: 'upstream_failed',
    });
    await complete(run.id, 'alert', 'success');
    expect((await runs.get(tenantId, 'fan', run.runId))?.state).toBe('failed');
  });

  it("reaches the same states when the whole run is evaluated instead of one task's downstream", async () => {
    const run = await newRun();
    await evaluator.evaluate({ tenantId, dagRunId: run.id });
    const extract = await taskInstances.find(tenantId, run.id, 'extract');
    const claimed = await taskInstances.claim({ tenantId, taskInstanceId: extract?.id as string }, 'test-worker');
    await taskInstances.finish(
      { tenantId, taskInstanceId: extract?.id as string },
      claimed?.tryNumber as number,
      'failed',
      null,
    );
    await evaluator.evaluate({ tenantId, dagRunId: run.id });
    expect(await states(run.id)).toEqual({
      extract: 'failed',
      load: 'upstream_failed',
      alert: 'queued',
      report: 'upstream_failed',
    });
  });

  it('decides and dispatches what follows a finished task in a budget of 3 SQL statements', async () => {
    const run = await newRun();
    await evaluator.evaluate({ tenantId, dagRunId: run.id });
    const extract = await taskInstances.find(tenantId, run.id, 'extract');
    const claimed = await taskInstances.claim({ tenantId, taskInstanceId: extract?.id as string }, 'test-worker');
    await taskInstances.finish(
      { tenantId, taskInstanceId: extract?.id as string },
      claimed?.tryNumber as number,
      'success',
      null,
    );
    counter.statements = [];
    await evaluator.evaluate({ tenantId, dagRunId: run.id, finishedTaskId: 'extract' });
    // the run with the downstream tasks' instances (its DAG version is known from the first evaluation), skip
    // `alert`, dispatch (begin, lock, mark `load` ready, choose and queue it, commit: one round trip); not the
    // run's progress, since `load` became ready
    expect(counter.statements).toHaveLength(3);
    expect(await states(run.id)).toEqual({ extract: 'success', load: 'queued', alert: 'skipped', report: 'none' });
  });

  /** A worker's batch of ended tries (successes, handing off without a slot: no worker runs here). */
  async function endTries(dagRunId: string, ends: { taskId: string; tryNumber?: number }[]) {
    const tries = [];
    for (const { taskId, tryNumber } of ends) {
      const ti = await taskInstances.find(tenantId, dagRunId, taskId);
      const end = {
        tenantId,
        taskInstanceId: ti?.id as string,
        tryNumber: tryNumber ?? (ti?.tryNumber as number),
        state: 'success' as const,
        exitReason: null,
        nextTryAt: null,
      };
      tries.push({ end, handOff: { dagRunId, taskId, passesSlot: false } });
    }
    counter.statements = [];
    const { applied, ended } = await evaluator.endTries(tries);
    await ended;
    return applied;
  }

  async function claimTask(dagRunId: string, taskId: string) {
    return taskInstances.claim(
      { tenantId, taskInstanceId: (await taskInstances.find(tenantId, dagRunId, taskId))?.id as string },
      'test-worker',
    );
  }

  it('ends a chain link and schedules and dispatches the next task in one statement, when its end alone decides it', async () => {
    const run = await newRun();
    await evaluator.evaluate({ tenantId, dagRunId: run.id });
    await claimTask(run.id, 'extract');
    // alert (one_failed) is skipped: not decided with the end, but read after it is committed
    expect(await endTries(run.id, [{ taskId: 'extract' }])).toEqual([true]);
    expect(counter.statements[0]).toMatch(/updraft_end_tries/);
    expect(counter.statements.length).toBeGreaterThan(1);
    expect(await states(run.id)).toEqual({ extract: 'success', load: 'queued', alert: 'skipped', report: 'none' });

    // report's only upstream is load, and load succeeded: one statement in all
    await claimTask(run.id, 'load');
    expect(await endTries(run.id, [{ taskId: 'load' }])).toEqual([true]);
    expect(counter.statements).toHaveLength(1);
    expect(await states(run.id)).toEqual({ extract: 'success', load: 'success', alert: 'skipped', report: 'queued' });
  });

  it('schedules nothing from an end that did not apply (the try was cleared or reaped meanwhile)', async () => {
    const run = await newRun();
    await evaluator.evaluate({ tenantId, dagRunId: run.id });
    await claimTask(run.id, 'extract');
    await endTries(run.id, [{ taskId: 'extract' }]);
    const load = await claimTask(run.id, 'load');
    // an end for another try than the one running: not applied, so report is not scheduled
    expect(await endTries(run.id, [{ taskId: 'load', tryNumber: (load?.tryNumber as number) + 1 }])).toEqual([false]);
    expect(await states(run.id)).toEqual({ extract: 'success', load: 'running', alert: 'skipped', report: 'none' });
  });

  it('decides a task with another upstream after the end is committed, so that the later of two ends sees both', async () => {
    const join: SerializedDag = {
      ...serialized,
      dagId: 'join',
      tasks: [task('a', []), task('b', []), task('both', ['a', 'b'])],
    };
    const bundles = new BundleRepository(db);
    const version = await bundles.createVersion(tenantId, {
      name: 'j',
      archive: Buffer.from('x'),
      format: 'tar.gz',
      createdBy: null,
    });
    await bundles.activate(tenantId, version.id, [{ dagId: 'join', entryFile: 'x.js', serialized: join }]);
    const joinVersion = (await new DagRepository(db).get(tenantId, 'join'))?.dagVersionId as string;
    const newJoinRun = () => {
      const now = new Date(Date.now() + Math.floor(Math.random() * 1e6));
      return runs.create(tenantId, {
        dagId: 'join',
        dagVersionId: joinVersion,
        serialized: join,
        runType: 'manual',
        logicalDate: now,
        dataIntervalStart: now,
        dataIntervalEnd: now,
        conf: {},
      });
    };
    const run = await newJoinRun();
    await evaluator.evaluate({ tenantId, dagRunId: run.id });
    await claimTask(run.id, 'a');
    await claimTask(run.id, 'b');
    await endTries(run.id, [{ taskId: 'a' }]);
    // the end, then (after the commit) the run with the join's instances: both waits for b
    expect(counter.statements[1]).toMatch(/json_agg\(ti\)/);
    expect((await states(run.id))['both']).toBe('none');
    await endTries(run.id, [{ taskId: 'b' }]);
    expect((await states(run.id))['both']).toBe('queued');

    // both ending in one batch: their ends decide it, in one statement
    const together = await newJoinRun();
    await evaluator.evaluate({ tenantId, dagRunId: together.id });
    await claimTask(together.id, 'a');
    await claimTask(together.id, 'b');
    expect(await endTries(together.id, [{ taskId: 'a' }, { taskId: 'b' }])).toEqual([true, true]);
    expect(counter.statements).toHaveLength(1);
    expect((await states(together.id))['both']).toBe('queued');
  });

  it("leaves a run's end unchecked while a task its statement started here runs, and ends the run with that task's end", async () => {
    const oneAtATime: SerializedDag = {
      ...serialized,
      dagId: 'one_at_a_time',
      maxActiveTasks: 1,
      tasks: [task('p1', []), task('p2', []), task('p3', [])],
    };
    const bundles = new BundleRepository(db);
    const version = await bundles.createVersion(tenantId, {
      name: 'o',
      archive: Buffer.from('x'),
      format: 'tar.gz',
      createdBy: null,
    });
    await bundles.activate(tenantId, version.id, [
      { dagId: 'one_at_a_time', entryFile: 'x.js', serialized: oneAtATime },
    ]);
    const versionId = (await new DagRepository(db).get(tenantId, 'one_at_a_time'))?.dagVersionId as string;
    const now = new Date();
    const run = await runs.create(tenantId, {
      dagId: 'one_at_a_time',
      dagVersionId: versionId,
      serialized: oneAtATime,
      runType: 'manual',
      logicalDate: now,
      dataIntervalStart: now,
      dataIntervalEnd: now,
      conf: {},
    });
    // A worker's evaluator: its dispatches claim for it, one slot at a time.
    const startedHere: string[] = [];
    const local = new Dispatcher(loadConfig({}), new DispatchRepository(db), tasksQueue);
    local.runLocallyWhenPossible({
      hostname: 'here',
      reserve: () => 1,
      release: () => undefined,
      start: (ti) => void startedHere.push(ti.taskId),
    });
    const worker = new RunEvaluator(
      runs,
      taskInstances,
      new TaskExpander(taskInstances, new XComRepository(db), new TaskLogRepository(db)),
      local,
      schedulerQueue,
    );
    await worker.evaluate({ tenantId, dagRunId: run.id });
    expect(startedHere).toHaveLength(1);

    const endHere = async (taskId: string) => {
      const ti = await taskInstances.find(tenantId, run.id, taskId);
      counter.statements = [];
      const { applied, ended } = await worker.endTries([
        {
          end: {
            tenantId,
            taskInstanceId: ti?.id as string,
            tryNumber: ti?.tryNumber as number,
            state: 'success',
            exitReason: null,
            nextTryAt: null,
          },
          handOff: { dagRunId: run.id, taskId, passesSlot: true },
        },
      ]);
      await ended;
      expect(applied).toEqual([true]);
    };
    await endHere(startedHere[0]);
    // the end and the next task's claim, and no check of the run's end: that task is running
    expect(startedHere).toHaveLength(2);
    expect(counter.statements).toHaveLength(1);
    await endHere(startedHere[1]);
    expect(counter.statements).toHaveLength(1);
    expect((await runs.get(tenantId, 'one_at_a_time', run.runId))?.state).toBe('running');
    // the last end started nothing: its run's end is checked, and the run succeeds
    await endHere(startedHere[2]);
    expect(counter.statements.length).toBeGreaterThan(1);
    expect((await runs.get(tenantId, 'one_at_a_time', run.runId))?.state).toBe('success');
    expect(startedHere.sort()).toEqual(['p1', 'p2', 'p3']);
  });

  it('is harmless when evaluated twice at once: each task is enqueued once', async () => {
    const run = await newRun();
    await tasksQueue.empty();
    await Promise.all([
      evaluator.evaluate({ tenantId, dagRunId: run.id }),
      evaluator.evaluate({ tenantId, dagRunId: run.id }),
    ]);
    const extractId = (await taskInstances.find(tenantId, run.id, 'extract'))?.id;
    const jobs = (await tasksQueue.getJobs(['waiting'])).filter((j) => j.data.taskInstanceId === extractId);
    expect(jobs).toHaveLength(1);
  });
});
