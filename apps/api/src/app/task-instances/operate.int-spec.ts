import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadConfig, UPDRAFT_CONFIG } from '@updraft/config';
import { BundleRepository, DagRunRepository, TaskInstanceRepository } from '@updraft/persistence';
import {
  createTestDatabase,
  emptyTask,
  flushRedisPrefix,
  randomSuffix,
  serializedDagOf,
  TestDatabase,
  uniqueRedisPrefix,
} from '@updraft/testing';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { createValidationPipe } from '../../services/http/validation';
import { AppModule } from '../app.module';

const suffix = randomSuffix();
const DAG = `etl_${suffix}`;

const SERIALIZED = serializedDagOf(
  DAG,
  [emptyTask('extract'), emptyTask('transform', ['extract']), emptyTask('load', ['transform'])],
  {
    schedule: '@daily',
    startDate: '2024-01-01T00:00:00.000Z',
  },
);

interface Reply {
  status: number;
  body: any;
}

describe('operating runs from the console: dry runs, tries, and why a task waits (in-process api on PostgreSQL and Redis)', () => {
  const redisPrefix = uniqueRedisPrefix();
  let database: TestDatabase;
  let app: INestApplication;
  let base: string;
  let db: DataSource;
  const a = { slug: `ops-a-${suffix}`, token: '', tenantId: '', userId: '', runId: '', runUuid: '' };
  const b = { slug: `ops-b-${suffix}`, token: '' };

  async function call(method: string, path: string, token: string, body?: unknown): Promise<Reply> {
    const response = await fetch(`${base}/api/v1/${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  async function signup(slug: string): Promise<{ token: string; userId: string; tenantId: string }> {
    const reply = await fetch(`${base}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${slug}@example.com`, password: `long-and-unusual-${suffix}`, tenantSlug: slug }),
    });
    const body = await reply.json();
    expect(reply.status).toBe(201);
    return { token: body.accessToken, userId: body.user.id, tenantId: body.tenant.id };
  }

  const runPath = (slug = a.slug) => `tenants/${slug}/dags/${DAG}/dagRuns/${encodeURIComponent(a.runId)}`;
  const states = async () =>
    Object.fromEntries(
      (
        (await db.query(`SELECT task_id, state FROM task_instance WHERE dag_run_id = $1`, [a.runUuid])) as {
          task_id: string;
          state: string;
        }[]
      ).map((r) => [r.task_id, r.state]),
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = { ...loadConfig(), databaseUrl: database.url, redisPrefix };
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(UPDRAFT_CONFIG)
      .useValue(config)
      .compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    app.setGlobalPrefix('api/v1');
    app.useGlobalPipes(createValidationPipe());
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    db = app.get(DataSource);

    Object.assign(a, await signup(a.slug));
    b.token = (await signup(b.slug)).token;
    const bundles = app.get(BundleRepository);
    const version = await bundles.createVersion(a.tenantId, {
      name: `bundle-${suffix}`,
      archive: Buffer.from('x'),
      format: 'tar.gz',
      createdBy: a.userId,
    });
    await bundles.activate(a.tenantId, version.id, [{ dagId: DAG, entryFile: 'dags/etl.js', serialized: SERIALIZED }]);
    const [{ current_version_id: dagVersionId }] = await db.query(
      `SELECT current_version_id FROM dag WHERE tenant_id = $1`,
      [a.tenantId],
    );
    const logicalDate = new Date('2024-01-02T00:00:00Z');
    const run = await app.get(DagRunRepository).create(a.tenantId, {
      dagId: DAG,
      dagVersionId,
      serialized: SERIALIZED,
      runType: 'manual',
      logicalDate,
      dataIntervalStart: logicalDate,
      dataIntervalEnd: logicalDate,
      conf: {},
    });
    Object.assign(a, { runId: run.runId, runUuid: run.id });
    await db.query(`UPDATE dag_run SET state = 'failed', start_date = now(), end_date = now() WHERE id = $1`, [run.id]);
    const tis = app.get(TaskInstanceRepository);
    for (const [taskId, state, tries] of [
      ['extract', 'success', 1],
      ['transform', 'failed', 1],
      ['load', 'upstream_failed', 0],
    ] as const) {
      const ti = await tis.find(a.tenantId, run.id, taskId);
      await db.query(`UPDATE task_instance SET state = $2, try_number = $3, hostname = 'worker-7' WHERE id = $1`, [
        ti?.id,
        state,
        tries,
      ]);
      if (tries > 0) {
        await db.query(
          `INSERT INTO task_try (tenant_id, task_instance_id, try_number, hostname, state, exit_reason, start_date, end_date)
           VALUES ($1, $2, 1, 'worker-7', $3, $4, '2024-01-02T00:00:01Z', '2024-01-02T00:00:03.5Z')`,
          [a.tenantId, ti?.id, state, state === 'failed' ? 'exit code 3: table "raw" does not exist' : null],
        );
      }
    }
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await flushRedisPrefix(loadConfig().redisUrl, redisPrefix);
  });

  it("lists a failed task's error line with the run's task instances, and every try with host, timings and exit reason", async () => {
    const list = await call('GET', `${runPath()}/taskInstances`, a.token);
    expect(list.body.items.map((t: { taskId: string; error: string | null }) => [t.taskId, t.error])).toEqual([
      ['extract', null],
      ['load', null],
      ['transform', 'exit code 3: table "raw" does not exist'],
    ]);
    const tries = await call('GET', `${runPath()}/taskInstances/transform/tries`, a.token);
    expect(tries.body).toEqual({
      items: [
        {
          tryNumber: 1,
          state: 'failed',
          hostname: 'worker-7',
          startDate: '2024-01-02T00:00:01.000Z',
          endDate: '2024-01-02T00:00:03.500Z',
          durationMs: 2500,
          exitReason: 'exit code 3: table "raw" does not exist',
        },
      ],
    });
    expect((await call('GET', runPath(), a.token)).body.bundle).toEqual({ name: `bundle-${suffix}`, version: 1 });
    expect((await call('GET', `${runPath()}/taskInstances/transform`, a.token)).body).toMatchObject({
      taskId: 'transform',
      state: 'failed',
      error: 'exit code 3: table "raw" does not exist',
    });
  });

  it('lists what a clear would change with dryRun, changes nothing, and then clears exactly those', async () => {
    const before = await states();
    const dry = await call('POST', `${runPath()}/clear`, a.token, {
      taskIds: ['transform'],
      downstream: true,
      onlyFailed: true,
      dryRun: true,
    });
    expect(dry).toEqual({
      status: 200,
      body: {
        cleared: ['load', 'transform'],
        dryRun: true,
        taskInstances: [
          { taskId: 'load', mapIndex: -1, state: 'upstream_failed' },
          { taskId: 'transform', mapIndex: -1, state: 'failed' },
        ],
      },
    });
    expect(await states()).toEqual(before);
    expect((await db.query(`SELECT state FROM dag_run WHERE id = $1`, [a.runUuid]))[0].state).toBe('failed');

    const done = await call('POST', `${runPath()}/clear`, a.token, {
      taskIds: ['transform'],
      downstream: true,
      onlyFailed: true,
    });
    expect(done.body).toEqual({ ...dry.body, dryRun: false });
    expect(await states()).toEqual({ extract: 'success', transform: 'none', load: 'none' });
  });

  it('says why a cleared task waits: its trigger rule names the upstream task not done, and a retry wait says until when', async () => {
    const load = await call('GET', `${runPath()}/taskInstances/load/dependencies`, a.token);
    expect(load.status).toBe(200);
    expect(load.body.dependencies.filter((d: { met: boolean }) => !d.met)).toContainEqual({
      name: 'trigger_rule',
      met: false,
      reason: 'trigger rule all_success: waiting for transform (none)',
    });
    expect(load.body.dependencies.map((d: { name: string }) => d.name)).toEqual([
      'run_active',
      'task_state',
      'trigger_rule',
      'retry_period',
      'reschedule_period',
      'awaiting_answer',
      'pool_slots',
      'tenant_limit',
      'dag_max_active_tasks',
    ]);

    await db.query(
      `UPDATE task_instance SET state = 'up_for_retry', next_try_at = '2999-01-01T00:00:00Z' WHERE dag_run_id = $1 AND task_id = 'transform'`,
      [a.runUuid],
    );
    await db.query(`UPDATE dag_run SET state = 'running' WHERE id = $1`, [a.runUuid]);
    const transform = await call('GET', `${runPath()}/taskInstances/transform/dependencies`, a.token);
    expect(transform.body.dependencies.filter((d: { met: boolean }) => !d.met)).toEqual([
      { name: 'retry_period', met: false, reason: 'waiting for retry until 2999-01-01T00:00:00.000Z' },
    ]);
  });

  it('says when the pool a task needs is full', async () => {
    expect((await call('POST', `tenants/${a.slug}/pools`, a.token, { name: 'tiny', slots: 1 })).status).toBe(201);
    // Another instance holds the pool's one slot (the pool counts across the tenant's runs).
    await db.query(
      `UPDATE task_instance SET pool = 'tiny', state = 'running' WHERE dag_run_id = $1 AND task_id = 'load'`,
      [a.runUuid],
    );
    await db.query(
      `UPDATE task_instance SET pool = 'tiny', state = 'scheduled', next_try_at = NULL WHERE dag_run_id = $1 AND task_id = 'transform'`,
      [a.runUuid],
    );
    const transform = await call('GET', `${runPath()}/taskInstances/transform/dependencies`, a.token);
    expect(transform.body.dependencies.filter((d: { met: boolean }) => !d.met)).toEqual([
      { name: 'pool_slots', met: false, reason: "pool 'tiny' is full: 1 of 1 in use" },
    ]);
    await db.query(
      `UPDATE task_instance SET pool = 'default_pool', state = 'none' WHERE dag_run_id = $1 AND task_id = 'load'`,
      [a.runUuid],
    );
  });

  it('previews marking a run and a task with dryRun: the unfinished instances, nothing changed', async () => {
    const before = await states();
    const run = await call('PATCH', runPath(), a.token, { state: 'success', dryRun: true });
    expect(run.body).toEqual({
      dryRun: true,
      state: 'success',
      taskInstances: [
        { taskId: 'load', mapIndex: -1, state: 'none' },
        { taskId: 'transform', mapIndex: -1, state: 'scheduled' },
      ],
    });
    const one = await call('PATCH', `${runPath()}/taskInstances/extract`, a.token, { state: 'failed', dryRun: true });
    expect(one.body).toEqual({
      dryRun: true,
      state: 'failed',
      taskInstances: [{ taskId: 'extract', mapIndex: -1, state: 'success' }],
    });
    expect(await states()).toEqual(before);
    expect((await call('PATCH', runPath(), a.token, { state: 'success', dryRun: 'yes' })).body.message).toContain(
      'dryRun must be a boolean',
    );
  });

  it('counts the runs a backfill would make with dryRun and makes none', async () => {
    const plan = await call('POST', `tenants/${a.slug}/dags/${DAG}/backfills`, a.token, {
      from: '2024-01-01',
      to: '2024-01-04',
      dryRun: true,
    });
    expect(plan).toEqual({
      status: 200,
      body: {
        dryRun: true,
        create: ['2024-01-01T00:00:00.000Z', '2024-01-03T00:00:00.000Z', '2024-01-04T00:00:00.000Z'],
        reprocess: [],
        skip: ['2024-01-02T00:00:00.000Z'],
      },
    });
    expect((await call('GET', `tenants/${a.slug}/dags/${DAG}/backfills`, a.token)).body.total).toBe(0);
    expect((await db.query(`SELECT count(*)::int AS n FROM dag_run WHERE dag_id = $1`, [DAG]))[0].n).toBe(1);
  });

  it('triggers a manual run at a chosen logical date, and names a bad one', async () => {
    const run = await call('POST', `tenants/${a.slug}/dags/${DAG}/dagRuns`, a.token, {
      conf: {},
      logicalDate: '2024-03-01T06:00:00Z',
    });
    expect(run.status).toBe(201);
    expect({
      logicalDate: run.body.logicalDate,
      start: run.body.dataIntervalStart,
      end: run.body.dataIntervalEnd,
    }).toEqual({
      logicalDate: '2024-03-01T06:00:00.000Z',
      start: '2024-03-01T06:00:00.000Z',
      end: '2024-03-01T06:00:00.000Z',
    });
    expect(
      (await call('POST', `tenants/${a.slug}/dags/${DAG}/dagRuns`, a.token, { logicalDate: 'tomorrow' })).body,
    ).toMatchObject({ statusCode: 400, message: expect.stringContaining('logicalDate must be an ISO 8601 date-time') });
  });

  it('marks one instance of a mapped task, named by ?mapIndex=, and leaves its siblings alone', async () => {
    const tis = app.get(TaskInstanceRepository);
    const placeholder = await tis.find(a.tenantId, a.runUuid, 'load');
    expect(await tis.expandMapped(a.tenantId, placeholder?.id as string, 2)).toHaveLength(2);
    const dry = await call('PATCH', `${runPath()}/taskInstances/load?mapIndex=1`, a.token, {
      state: 'failed',
      dryRun: true,
    });
    expect(dry.body).toEqual({
      dryRun: true,
      state: 'failed',
      taskInstances: [{ taskId: 'load', mapIndex: 1, state: 'none' }],
    });
    const marked = await call('PATCH', `${runPath()}/taskInstances/load?mapIndex=1`, a.token, { state: 'failed' });
    expect(marked.body).toMatchObject({ taskId: 'load', mapIndex: 1, state: 'failed' });
    const states = await db.query(
      `SELECT map_index, state FROM task_instance WHERE dag_run_id = $1 AND task_id = 'load' ORDER BY map_index`,
      [a.runUuid],
    );
    expect(states.map((r: { map_index: number; state: string }) => [r.map_index, r.state])).toEqual([
      [0, 'none'],
      [1, 'failed'],
    ]);
    expect(
      (await call('PATCH', `${runPath()}/taskInstances/load?mapIndex=5`, a.token, { state: 'failed', dryRun: true }))
        .body,
    ).toMatchObject({
      statusCode: 404,
      message: "task 'load' has no instance with map index 5 in run '" + a.runId + "'",
    });
  });

  it('names who deployed each bundle version', async () => {
    const list = await call('GET', `tenants/${a.slug}/bundles`, a.token);
    expect(list.body.items.map((v: { deployedBy: string | null }) => v.deployedBy)).toEqual([`${a.slug}@example.com`]);
  });

  it("shows another tenant none of it: dry runs, tries and dependencies of A's run answer 404 under either slug", async () => {
    for (const [method, path, body] of [
      ['GET', `${runPath(b.slug)}/taskInstances/transform/dependencies`],
      ['GET', `${runPath(b.slug)}/taskInstances/transform/tries`],
      ['POST', `${runPath(b.slug)}/clear`, { dryRun: true }],
      ['PATCH', runPath(b.slug), { state: 'failed', dryRun: true }],
      ['POST', `tenants/${b.slug}/dags/${DAG}/backfills`, { from: '2024-01-01', to: '2024-01-02', dryRun: true }],
    ] as const) {
      expect({ path, status: (await call(method, path, b.token, body)).status }).toEqual({ path, status: 404 });
    }
    expect((await call('GET', `${runPath()}/taskInstances/transform/dependencies`, b.token)).status).toBe(404);
    expect((await call('GET', `tenants/${b.slug}/bundles`, b.token)).body.items).toEqual([]);
  });
});
