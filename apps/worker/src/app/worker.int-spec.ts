import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadConfig, UPDRAFT_CONFIG } from '@updraft/config';
import {
  AccountRepository,
  BundleRepository,
  DagRepository,
  DagRunRepository,
  TaskInstanceRepository,
  TaskLogRepository,
  XComRepository,
} from '@updraft/persistence';
import {
  buildSandboxRunner,
  createTestDatabase,
  DEFAULT_REDIS_URL,
  flushRedisPrefix,
  packBundle,
  TestDatabase,
  uniqueRedisPrefix,
  waitFor,
} from '@updraft/testing';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bull';
import { QUEUES } from '@updraft/queues';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { BundleParser } from './bundle-parsing/bundle-parser.service';
import { WarmSandboxes } from './operators/warm-sandboxes.service';
import { SANDBOX_RUNNER } from './sandbox-runner-path';
import { TaskRunner } from './task-execution/task-runner.service';

describe('worker: bundle parsing and task execution on PostgreSQL, Redis and the sandbox', () => {
  const redisPrefix = uniqueRedisPrefix();
  let database: TestDatabase;
  let scratch: string;
  let app: INestApplicationContext;
  let tenantId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    scratch = await mkdtemp(join(tmpdir(), 'updraft-worker-'));
    const runnerPath = await buildSandboxRunner(scratch);
    const config = loadConfig({
      DATABASE_URL: database.url,
      REDIS_URL: DEFAULT_REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      DATA_DIR: join(scratch, 'data'),
      NODE_ENV: 'test',
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(UPDRAFT_CONFIG)
      .useValue(config)
      .overrideProvider(SANDBOX_RUNNER)
      .useValue(runnerPath)
      .compile();
    app = await moduleRef.init();
    tenantId = (
      await app
        .get(AccountRepository)
        .createTenantWithOwner({ email: 'w@example.com', passwordHash: 'x', tenantSlug: 'acme', tenantName: 'Acme' })
    ).tenant.id;
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await flushRedisPrefix(DEFAULT_REDIS_URL, redisPrefix);
    await rm(scratch, { recursive: true, force: true });
  });

  async function uploadFolder(files: Record<string, string>) {
    const dir = await mkdtemp(join(scratch, 'bundle-'));
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    const bundles = app.get(BundleRepository);
    const version = await bundles.createVersion(tenantId, {
      name: 'demo',
      archive: await packBundle(dir),
      format: 'tar.gz',
      createdBy: null,
    });
    await app.get(BundleParser).parse({ tenantId, bundleVersionId: version.id });
    return bundles.get(tenantId, version.id);
  }

  /** A manual run whose task instances this worker executes directly, in the given order. */
  async function runEveryTask(dagId: string, order?: string[]) {
    const dag = await app.get(DagRepository).get(tenantId, dagId);
    const now = new Date();
    const run = await app.get(DagRunRepository).create(tenantId, {
      dagId,
      dagVersionId: dag?.dagVersionId as string,
      serialized: dag?.serialized as never,
      runType: 'manual',
      logicalDate: now,
      dataIntervalStart: now,
      dataIntervalEnd: now,
      conf: {},
    });
    const taskInstances = app.get(TaskInstanceRepository);
    const all = (await taskInstances.allForRun(tenantId, run.id)).sort(
      (a, b) => (order ?? []).indexOf(a.taskId) - (order ?? []).indexOf(b.taskId),
    );
    await taskInstances.transition(
      tenantId,
      all.map((ti) => ti.id),
      ['none'],
      'queued',
    );
    for (const ti of all) await app.get(TaskRunner).run({ tenantId, taskInstanceId: ti.id });
    return run;
  }

  it('reports a syntax error with its file and line, and keeps the active version', async () => {
    const good = await uploadFolder({
      'updraft.json': JSON.stringify({ name: 'demo', entries: ['dags/main.ts'] }),
      'dags/main.ts': EXAMPLE,
    });
    expect(good?.errors).toEqual([]);
    expect(good?.status).toBe('active');
    const bad = await uploadFolder({
      'updraft.json': JSON.stringify({ name: 'demo', entries: ['dags/main.ts'] }),
      'dags/main.ts': "import { dag } from '@updraft/sdk';\n\nconst broken = ;\n",
    });
    expect(bad?.status).toBe('failed');
    expect(bad?.errors).toEqual([expect.objectContaining({ file: 'dags/main.ts', line: 3 })]);
    expect((await app.get(DagRepository).get(tenantId, 'do_nice_things'))?.bundleVersion).toBe(good?.version);
  });

  it('runs a bash task and a function task in the sandbox, storing logs and XCom', async () => {
    const run = await runEveryTask('do_nice_things');
    const taskInstances = app.get(TaskInstanceRepository);

    const fetch = await taskInstances.find(tenantId, run.id, 'fetch_the_data');
    const clean = await taskInstances.find(tenantId, run.id, 'clean_the_data');
    expect([fetch?.state, clean?.state]).toEqual(['success', 'success']);
    const lines = await app.get(TaskLogRepository).read(tenantId, fetch?.id as string, 1);
    expect(lines.map((l) => l.message)).toEqual(expect.arrayContaining(['id,name', '1,ada']));
    expect(await app.get(XComRepository).list(tenantId, run.id, 'clean_the_data')).toEqual([
      { key: 'return_value', mapIndex: -1, value: { rows: 1 } },
    ]);
  });

  it("lets a task pull another task's XCom of the same run, through its worker", async () => {
    const version = await uploadFolder({
      'updraft.json': JSON.stringify({ name: 'demo', entries: ['dags/main.ts'] }),
      'dags/main.ts': `import { dag, task } from '@updraft/sdk';
dag('pull', {}, () => {
  const produce = task('produce', async () => ({ n: 2 }));
  const consume = task('consume', async (ctx) => {
    const got = (await ctx.ti.xcomPull('produce')) as { n: number };
    return { tenfold: got.n * 10, missing: (await ctx.ti.xcomPull('nobody')) ?? null };
  });
  produce.then(consume);
});
`,
    });
    expect(version?.errors).toEqual([]);
    const run = await runEveryTask('pull', ['produce', 'consume']);
    expect(await app.get(XComRepository).get(tenantId, run.id, 'consume', 'return_value')).toEqual({
      tenfold: 20,
      missing: null,
    });
  });

  it('skips the branches a branch task did not choose, and everything after a closed short circuit', async () => {
    const version = await uploadFolder({
      'updraft.json': JSON.stringify({ name: 'demo', entries: ['dags/main.ts'] }),
      'dags/main.ts': `import { branch, dag, empty, shortCircuit } from '@updraft/sdk';
dag('forks', {}, () => {
  branch('pick', async () => 'left').then([empty('left'), empty('right')]);
  shortCircuit('gate', async () => false).then(empty('after_gate')).then(empty('much_later'));
});
`,
    });
    expect(version?.errors).toEqual([]);
    const dag = await app.get(DagRepository).get(tenantId, 'forks');
    const now = new Date();
    const run = await app.get(DagRunRepository).create(tenantId, {
      dagId: 'forks',
      dagVersionId: dag?.dagVersionId as string,
      serialized: dag?.serialized as never,
      runType: 'manual',
      logicalDate: now,
      dataIntervalStart: now,
      dataIntervalEnd: now,
      conf: {},
    });
    const taskInstances = app.get(TaskInstanceRepository);
    for (const taskId of ['pick', 'gate']) {
      const ti = await taskInstances.find(tenantId, run.id, taskId);
      await taskInstances.transition(tenantId, [ti?.id as string], ['none'], 'queued');
      await app.get(TaskRunner).run({ tenantId, taskInstanceId: ti?.id as string });
    }
    // The chosen branch is queued by the worker's own hand-off after `pick`, and run by its processor.
    const finalStates = () =>
      taskInstances
        .allForRun(tenantId, run.id)
        .then((all) => Object.fromEntries(all.map((ti) => [ti.taskId, ti.state])));
    const states = await waitFor(finalStates, (s) => s['left'] === 'success', {
      timeoutMs: 30_000,
      what: 'the chosen branch to run',
    });
    expect(states).toEqual({
      pick: 'success',
      left: 'success',
      right: 'skipped',
      gate: 'success',
      after_gate: 'skipped',
      much_later: 'skipped',
    });
    expect(await app.get(XComRepository).get(tenantId, run.id, 'pick', 'return_value')).toBe('left');
  });

  it('hands a chain on to itself: with its Bull processing paused, the tries after the first start from its own dispatches', async () => {
    const version = await uploadFolder({
      'updraft.json': JSON.stringify({ name: 'demo', entries: ['dags/main.ts'] }),
      'dags/main.ts': `import { chain, dag, empty, task } from '@updraft/sdk';
dag('relay', {}, () => {
  chain(empty('first'), task('second', async () => 2), empty('third'));
});
`,
    });
    expect(version?.errors).toEqual([]);
    const dag = await app.get(DagRepository).get(tenantId, 'relay');
    const now = new Date();
    const runs = app.get(DagRunRepository);
    const run = await runs.create(tenantId, {
      dagId: 'relay',
      dagVersionId: dag?.dagVersionId as string,
      serialized: dag?.serialized as never,
      runType: 'manual',
      logicalDate: now,
      dataIntervalStart: now,
      dataIntervalEnd: now,
      conf: {},
    });
    const taskInstances = app.get(TaskInstanceRepository);
    const first = await taskInstances.find(tenantId, run.id, 'first');
    await runs.transition(tenantId, run.id, ['queued'], 'running');
    await taskInstances.transition(tenantId, [first?.id as string], ['none'], 'queued');
    const tasks = app.get<Queue>(getQueueToken(QUEUES.tasks));
    await tasks.pause(true);
    try {
      await app.get(TaskRunner).run({ tenantId, taskInstanceId: first?.id as string });
      const ended = await waitFor(
        () => runs.get(tenantId, 'relay', run.runId),
        (r) => r?.state === 'success',
        { timeoutMs: 30_000, what: 'the relay run to succeed' },
      );
      expect(ended?.state).toBe('success');
      const all = await taskInstances.allForRun(tenantId, run.id);
      expect(new Set(all.map((ti) => `${ti.taskId}:${ti.state}:${ti.tryNumber}`))).toEqual(
        new Set(['first:success:1', 'second:success:1', 'third:success:1']),
      );
      expect(new Set(all.map((ti) => ti.hostname)).size).toBe(1);
      expect(await tasks.getWaitingCount()).toBe(0);
    } finally {
      await tasks.resume(true);
    }
  });

  it('gives tenant code no platform secret', async () => {
    process.env['JWT_SECRET'] = 'platform-secret-value';
    const version = await uploadFolder({
      'updraft.json': JSON.stringify({ name: 'demo', entries: ['dags/main.ts'] }),
      'dags/main.ts': `import { dag, task, bash } from '@updraft/sdk';\ndag('peek', {}, () => { task('env', async () => Object.keys(process.env).sort()).then(bash('shell_env', { command: 'env' })); });\n`,
    });
    expect(version?.status).toBe('active');
    const run = await runEveryTask('peek');
    const taskInstances = app.get(TaskInstanceRepository);
    const [env] = await app.get(XComRepository).list(tenantId, run.id, 'env');
    expect(env.value).toEqual(
      expect.not.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'ENCRYPTION_KEY']),
    );
    const shell = await taskInstances.find(tenantId, run.id, 'shell_env');
    const shellLog = (await app.get(TaskLogRepository).read(tenantId, shell?.id as string, 1))
      .map((l) => l.message)
      .join('\n');
    expect(shellLog).toContain('HOME=');
    expect(shellLog).not.toMatch(/DATABASE_URL|REDIS_URL|JWT_SECRET|ENCRYPTION_KEY|platform-secret-value/);
    delete process.env['JWT_SECRET'];
  });

  it('runs the function tasks of one bundle version in one warm process, each try in its own scratch folder', async () => {
    const version = await uploadFolder({
      'updraft.json': JSON.stringify({ name: 'demo', entries: ['dags/main.ts'] }),
      'dags/main.ts': `import { chain, dag, task } from '@updraft/sdk';
let calls = 0;
dag('warm', {}, () => {
  chain(...['a', 'b', 'c'].map((id) => task(id, async () => ({ calls: ++calls, home: process.env.HOME }))));
});
`,
    });
    expect(version?.errors).toEqual([]);
    const sandboxes = app.get(WarmSandboxes);
    const before = sandboxes.processesStarted;
    const run = await runEveryTask('warm', ['a', 'b', 'c']);
    const xcoms = app.get(XComRepository);
    const values = (await Promise.all(
      ['a', 'b', 'c'].map((id) => xcoms.get(tenantId, run.id, id, 'return_value')),
    )) as { calls: number; home: string }[];
    expect(values.map((v) => v.calls)).toEqual([1, 2, 3]);
    expect(new Set(values.map((v) => v.home)).size).toBe(3);
    expect(sandboxes.processesStarted - before).toBe(1);
  });

  // Last: a drained runner takes no more work.
  it('hands a try back, not counted, when PostgreSQL fails while its outcome is stored, instead of failing the task; it runs again', async () => {
    const version = await uploadFolder({
      'updraft.json': JSON.stringify({ name: 'demo', entries: ['dags/main.ts'] }),
      'dags/main.ts': `import { dag, empty } from '@updraft/sdk';\ndag('db_trouble', {}, () => { empty('unlucky'); });\n`,
    });
    expect(version?.errors).toEqual([]);
    const db = app.get(DataSource);
    // The database, not the task, fails the end of this task's try: a deadlock.
    await db.query(`CREATE FUNCTION test_deadlock_on_end() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF NEW.task_id = 'unlucky' AND OLD.state = 'running' AND NEW.state IN ('success', 'failed') THEN
          RAISE EXCEPTION 'deadlock detected (made by the test)' USING ERRCODE = '40P01';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(
      `CREATE TRIGGER test_deadlock_on_end BEFORE UPDATE ON task_instance FOR EACH ROW EXECUTE FUNCTION test_deadlock_on_end()`,
    );
    const tasks = app.get<Queue>(getQueueToken(QUEUES.tasks));
    await tasks.pause(true);
    const taskInstances = app.get(TaskInstanceRepository);
    let run: Awaited<ReturnType<typeof runEveryTask>>;
    try {
      run = await runEveryTask('db_trouble');
      const after = await taskInstances.find(tenantId, run.id, 'unlucky');
      expect({ state: after?.state, tryNumber: after?.tryNumber }).toEqual({ state: 'queued', tryNumber: 0 });
      const log = (await app.get(TaskLogRepository).read(tenantId, after?.id as string, 1)).map((l) => l.message);
      expect(log).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /the platform failed while recording try 1 \(deadlock detected \(made by the test\)\); handed back to the queue \(the try does not count\)/,
          ),
        ]),
      );
    } finally {
      await db.query(`DROP TRIGGER test_deadlock_on_end ON task_instance`);
      await db.query(`DROP FUNCTION test_deadlock_on_end()`);
      await tasks.resume(true);
    }
    const rerun = await waitFor(
      () => taskInstances.find(tenantId, run.id, 'unlucky'),
      (ti) => ti?.state === 'success',
      { timeoutMs: 30_000, what: 'the handed-back try to run again' },
    );
    expect(rerun?.tryNumber).toBe(1);
  });

  it('drains: a try that outlives the grace period is killed and handed back, queued again with its try not counted', async () => {
    const version = await uploadFolder({
      'updraft.json': JSON.stringify({ name: 'demo', entries: ['dags/main.ts'] }),
      'dags/main.ts': `import { dag, task } from '@updraft/sdk';\ndag('slow', {}, () => { task('sleepy', async () => new Promise((resolve) => setTimeout(resolve, 60_000))); });\n`,
    });
    expect(version?.errors).toEqual([]);
    const dag = await app.get(DagRepository).get(tenantId, 'slow');
    const now = new Date();
    const run = await app.get(DagRunRepository).create(tenantId, {
      dagId: 'slow',
      dagVersionId: dag?.dagVersionId as string,
      serialized: dag?.serialized as never,
      runType: 'manual',
      logicalDate: now,
      dataIntervalStart: now,
      dataIntervalEnd: now,
      conf: {},
    });
    const taskInstances = app.get(TaskInstanceRepository);
    const ti = await taskInstances.find(tenantId, run.id, 'sleepy');
    await taskInstances.transition(tenantId, [ti?.id as string], ['none'], 'queued');
    const runner = app.get(TaskRunner);
    const running = runner.run({ tenantId, taskInstanceId: ti?.id as string });
    await waitFor(
      () => taskInstances.find(tenantId, run.id, 'sleepy'),
      (found) => found?.state === 'running',
      { timeoutMs: 10_000, what: 'the try to start' },
    );
    expect(await runner.drain(300)).toBe(1);
    await running;
    const after = await taskInstances.find(tenantId, run.id, 'sleepy');
    expect({ state: after?.state, tryNumber: after?.tryNumber, hostname: after?.hostname }).toEqual({
      state: 'queued',
      tryNumber: 0,
      hostname: null,
    });
    const log = (await app.get(TaskLogRepository).read(tenantId, ti?.id as string, 1)).map((l) => l.message);
    expect(log).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/shut down before try 1 finished; handed back to the queue \(the try does not count\)/),
      ]),
    );
    // The runner is drained: a job it still receives is left queued, for another worker.
    await runner.run({ tenantId, taskInstanceId: ti?.id as string });
    expect((await taskInstances.find(tenantId, run.id, 'sleepy'))?.state).toBe('queued');
  });
});

const EXAMPLE = `import { bash, dag, task } from '@updraft/sdk';

export default dag('do_nice_things', { schedule: '@daily', startDate: '2024-01-01', catchup: false }, () => {
  const fetch = bash('fetch_the_data', { command: 'echo "id,name\\n1,ada" > blah.csv && cat blah.csv' });
  const clean = task('clean_the_data', async () => ({ rows: 1 }));
  fetch.then(clean);
});
`;
