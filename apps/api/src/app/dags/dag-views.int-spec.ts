import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { DagListItem, DagSource, DagVersionDiff, DagVersionView, GridData } from '@updraft/api-types';
import { GRID_STATE_CODES } from '@updraft/api-types';
import { loadConfig, UPDRAFT_CONFIG } from '@updraft/config';
import { BundleRepository, DagRunRepository } from '@updraft/persistence';
import type { SerializedDag, SerializedTask } from '@updraft/sdk';
import {
  createTestDatabase,
  flushRedisPrefix,
  packBundle,
  QueryCounter,
  randomSuffix,
  TestDatabase,
  uniqueRedisPrefix,
} from '@updraft/testing';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createValidationPipe } from '../../services/http/validation';
import { AppModule } from '../app.module';

const suffix = randomSuffix();

function task(taskId: string, upstream: string[] = [], extra: Partial<SerializedTask> = {}): SerializedTask {
  return {
    taskId,
    operator: 'bash',
    upstream,
    config: { command: 'echo hi' },
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
    ...extra,
  };
}

function serialized(dagId: string, extra: Partial<SerializedDag> = {}): SerializedDag {
  return {
    dagId,
    schedule: '@daily',
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
    source: 'dags/etl.ts:3',
    tasks: [task('extract')],
    ...extra,
  };
}

/** What `updraft deploy` uploads: the built `.js` entry only, with an inline source map carrying the project's `.ts` text. */
function builtEntry(tsText: string): string {
  const map = { version: 3, sources: ['etl.ts'], sourcesContent: [tsText], mappings: '', names: [] };
  return `"use strict";\nexports.x = 1;\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
}

describe('the console views of DAGs: list, grid, source, versions (in-process api on PostgreSQL)', () => {
  const redisPrefix = uniqueRedisPrefix();
  let database: TestDatabase;
  let app: INestApplication;
  let base: string;
  let db: DataSource;
  const a = { slug: `views-a-${suffix}`, token: '', tenantId: '', userId: '' };
  const b = { slug: `views-b-${suffix}`, token: '' };
  const TS_V1 = `import { dag, bash } from '@updraft/sdk';\nexport default dag('etl', {}, () => {\n  bash('extract', { command: 'echo ${suffix}' });\n});\n`;
  const TS_V2 = TS_V1.replace('});\n', "  bash('load', { command: 'echo load' });\n});\n");
  const versionIds: { v1: string; v2: string } = { v1: '', v2: '' };
  const gridRunIds: string[] = [];

  async function call(path: string, token: string, method = 'GET'): Promise<{ status: number; body: any }> {
    const response = await fetch(`${base}/api/v1/${path}`, { method, headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: await response.json() };
  }

  async function signup(slug: string) {
    const response = await fetch(`${base}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${slug}@example.com`, password: `long-and-unusual-${suffix}`, tenantSlug: slug }),
    });
    const body = await response.json();
    return { token: body.accessToken as string, tenantId: body.tenant.id as string, userId: body.user.id as string };
  }

  // As the worker stores it: the entry compiled by the platform, under .compiled/.
  const ENTRY = '.compiled/dags/etl.js';

  async function deploy(
    files: Record<string, string>,
    dags: { dagId: string; entryFile: string; serialized: SerializedDag }[],
  ): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'views-bundle-'));
    try {
      for (const [path, text] of Object.entries(files)) {
        await mkdir(join(dir, path, '..'), { recursive: true });
        await writeFile(join(dir, path), text);
      }
      const bundles = app.get(BundleRepository);
      const version = await bundles.createVersion(a.tenantId, {
        name: 'etl-bundle',
        archive: await packBundle(dir),
        format: 'tar.gz',
        createdBy: a.userId,
      });
      await bundles.activate(a.tenantId, version.id, dags);
      return version.id;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

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

    // Bundle 1: etl (deployed as `updraft deploy` builds it) and fifty more DAGs to search, filter and page through.
    const others = Array.from({ length: 50 }, (_, i) =>
      serialized(`report_${String(i).padStart(2, '0')}`, {
        description: i === 7 ? 'Monthly revenue numbers' : null,
        tags: i % 2 === 0 ? ['finance'] : ['marketing'],
        tasks: [task('build', [], { owner: i < 5 ? 'alice' : 'bob' })],
        source: null,
      }),
    );
    await deploy({ 'dags/etl.js': builtEntry(TS_V1) }, [
      {
        dagId: 'etl',
        entryFile: ENTRY,
        serialized: serialized('etl', { tags: ['core'], tasks: [task('extract', [], { owner: 'carol' })] }),
      },
      ...others.map((s) => ({ dagId: s.dagId, entryFile: ENTRY, serialized: s })),
    ]);
    versionIds.v1 = (
      await db.query(`SELECT current_version_id FROM dag WHERE tenant_id = $1 AND dag_id = 'etl'`, [a.tenantId])
    )[0].current_version_id;

    // Bundle 2: etl gains a mapped task `load` downstream of `extract`, and a retry.
    const etl2 = serialized('etl', {
      tags: ['core'],
      tasks: [
        task('extract', [], { owner: 'carol', retries: 2 }),
        task('load', ['extract'], { expand: { n: { kind: 'literal', values: [1, 2, 3] } } as never }),
      ],
    });
    await deploy({ 'dags/etl.js': builtEntry(TS_V2) }, [
      { dagId: 'etl', entryFile: ENTRY, serialized: etl2 },
      ...others.map((s) => ({ dagId: s.dagId, entryFile: ENTRY, serialized: s })),
    ]);
    versionIds.v2 = (
      await db.query(`SELECT current_version_id FROM dag WHERE tenant_id = $1 AND dag_id = 'etl'`, [a.tenantId])
    )[0].current_version_id;

    // Three runs of etl on v2: the newest still running with its mapped task half done.
    const runs = app.get(DagRunRepository);
    for (const day of [1, 2, 3]) {
      const date = new Date(`2024-01-0${day}T00:00:00Z`);
      const run = await runs.create(a.tenantId, {
        dagId: 'etl',
        dagVersionId: versionIds.v2,
        serialized: etl2,
        runType: 'scheduled',
        logicalDate: date,
        dataIntervalStart: date,
        dataIntervalEnd: date,
        conf: {},
      });
      gridRunIds.push(run.runId);
      await db.query(`UPDATE dag_run SET state = $2, start_date = $3, end_date = $4 WHERE id = $1`, [
        run.id,
        day < 3 ? 'success' : 'running',
        date,
        day < 3 ? new Date(date.getTime() + 60_000) : null,
      ]);
      await db.query(`UPDATE task_instance SET state = 'success' WHERE dag_run_id = $1 AND task_id = 'extract'`, [
        run.id,
      ]);
      await db.query(`DELETE FROM task_instance WHERE dag_run_id = $1 AND task_id = 'load'`, [run.id]);
      for (const mapIndex of [0, 1, 2]) {
        const state = day < 3 || mapIndex === 0 ? 'success' : mapIndex === 1 ? 'running' : 'failed';
        await db.query(
          `INSERT INTO task_instance (tenant_id, dag_run_id, task_id, map_index, operator, state) VALUES ($1, $2, 'load', $3, 'bash', $4)`,
          [a.tenantId, run.id, mapIndex, state],
        );
      }
      if (day === 2)
        await db.query(
          `INSERT INTO sla_miss (tenant_id, dag_id, dag_run_id, task_id, expected_at, detected_at) VALUES ($1, 'etl', $2, 'extract', now(), now())`,
          [a.tenantId, run.id],
        );
    }
    await db.query(`UPDATE dag SET is_paused = true WHERE tenant_id = $1 AND dag_id = 'report_03'`, [a.tenantId]);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await flushRedisPrefix(loadConfig().redisUrl, redisPrefix);
  });

  const list = async (query: string) =>
    (await call(`tenants/${a.slug}/dags?${query}`, a.token)).body as { items: DagListItem[]; total: number };

  it('searches the DAG list by id and by description, any case', async () => {
    expect((await list('search=REPORT_1')).items.map((d) => d.dagId)).toEqual(
      Array.from({ length: 10 }, (_, i) => `report_1${i}`),
    );
    expect((await list('search=revenue')).items.map((d) => d.dagId)).toEqual(['report_07']);
    expect((await list('search=100%25')).total).toBe(0);
  });

  it('filters by tags, owner, paused and last run state, and combines them', async () => {
    expect((await list('tags=finance&limit=100')).total).toBe(25);
    expect((await list('tags=finance,core&limit=100')).total).toBe(26);
    expect((await list('owner=alice')).items.map((d) => d.dagId)).toEqual([
      'report_00',
      'report_01',
      'report_02',
      'report_03',
      'report_04',
    ]);
    expect((await list('owner=alice&tags=marketing&paused=true')).items.map((d) => d.dagId)).toEqual(['report_03']);
    expect((await list('lastRunState=running')).items.map((d) => d.dagId)).toEqual(['etl']);
  });

  it('sorts and pages on the server', async () => {
    const page = await list('sort=-dagId&limit=5&offset=5');
    expect(page.total).toBe(51);
    expect(page.items.map((d) => d.dagId)).toEqual(['report_44', 'report_43', 'report_42', 'report_41', 'report_40']);
    expect((await list('sort=-lastRun&limit=1')).items[0].dagId).toBe('etl');
  });

  it('gives each listed DAG its newest runs, SLA misses and owners in a fixed number of statements', async () => {
    const counter = new QueryCounter();
    const original = db.logger;
    Object.assign(db, { logger: counter });
    let page: { items: DagListItem[] };
    try {
      page = await list('recentRuns=2&limit=100');
    } finally {
      Object.assign(db, { logger: original });
    }
    const etl = page.items.find((d) => d.dagId === 'etl');
    expect(etl?.recentRuns.map((r) => r.runId)).toEqual([gridRunIds[2], gridRunIds[1]]);
    expect(etl?.recentRuns.map((r) => r.state)).toEqual(['running', 'success']);
    expect(etl?.slaMisses).toBe(1);
    expect(etl?.owners).toEqual(['carol']);
    expect(page.items.find((d) => d.dagId === 'report_00')?.recentRuns).toEqual([]);
    // Membership lookups by the auth guard, then count, page, recent runs, SLA misses: never one per DAG.
    const viewStatements = counter.statements.filter((s) => /dag_run|sla_miss|FROM dag /.test(s));
    expect(viewStatements.length).toBeGreaterThanOrEqual(3);
    expect(viewStatements.length).toBeLessThanOrEqual(4);
  });

  it('names a bad filter in a 400', async () => {
    const reply = await call(`tenants/${a.slug}/dags?lastRunState=green&sort=size`, a.token);
    expect(reply.status).toBe(400);
    expect(reply.body.message).toMatch(/lastRunState must be one of/);
    expect(reply.body.message).toMatch(/sort must be one of/);
  });

  it('answers the grid as the task structure once and a state string per run, mapped tasks counted per state', async () => {
    const reply = await call(`tenants/${a.slug}/dags/etl/grid?runs=2`, a.token);
    expect(reply.status).toBe(200);
    const grid = reply.body as GridData;
    expect(grid.tasks).toEqual([
      { taskId: 'extract', operator: 'bash', groupId: null, mapped: false },
      { taskId: 'load', operator: 'bash', groupId: null, mapped: true },
    ]);
    expect(grid.runs.map((r) => r.runId)).toEqual([gridRunIds[1], gridRunIds[2]]);
    expect(grid.runs[0].states).toBe(`${GRID_STATE_CODES.success}${GRID_STATE_CODES.success}`);
    expect(grid.runs[1].states).toBe(`${GRID_STATE_CODES.success}${GRID_STATE_CODES.running}`);
    expect(grid.runs[1].mapped).toEqual({ 1: { success: 1, running: 1, failed: 1 } });
    expect(grid.runs[0].endDate).toBe('2024-01-02T00:01:00.000Z');
  });

  it('shows the source of a DAG deployed as `updraft deploy` builds it, at the current version and at a chosen one', async () => {
    const current = await call(`tenants/${a.slug}/dags/etl/source`, a.token);
    expect(current.status).toBe(200);
    expect(current.body as DagSource).toMatchObject({
      file: 'dags/etl.ts',
      line: 3,
      content: TS_V2,
      dagVersionId: versionIds.v2,
    });
    expect((await call(`tenants/${a.slug}/dags/etl/source?versionId=${versionIds.v1}`, a.token)).body.content).toBe(
      TS_V1,
    );
    expect(
      (await call(`tenants/${a.slug}/dags/etl/source?runId=${encodeURIComponent(gridRunIds[0])}`, a.token)).body
        .content,
    ).toBe(TS_V2);
    expect((await call(`tenants/${a.slug}/dags/etl/source?runId=nope`, a.token)).status).toBe(404);
  });

  it('lists the versions of a DAG and diffs two of them', async () => {
    const versions = (await call(`tenants/${a.slug}/dags/etl/versions`, a.token)).body as DagVersionView[];
    expect(versions.map((v) => [v.id, v.bundleVersion, v.isCurrent, v.taskCount])).toEqual([
      [versionIds.v2, 2, true, 2],
      [versionIds.v1, 1, false, 1],
    ]);
    const diff = (
      await call(`tenants/${a.slug}/dags/etl/versions/diff?from=${versionIds.v1}&to=${versionIds.v2}`, a.token)
    ).body as DagVersionDiff;
    expect(diff.structure.addedTasks).toEqual(['load']);
    expect(diff.structure.addedEdges).toEqual([['extract', 'load']]);
    expect(diff.structure.changedTasks).toEqual([
      { taskId: 'extract', changed: [{ option: 'retries', from: 0, to: 2 }] },
    ]);
  });

  it("lists runs across the tenant's DAGs, newest first, by state, and only the tenant's", async () => {
    const all = (await call(`tenants/${a.slug}/dagRuns`, a.token)).body as {
      items: { runId: string; dagId: string }[];
      total: number;
    };
    expect(all.total).toBe(3);
    expect(all.items.map((r) => r.runId)).toEqual([...gridRunIds].reverse());
    const running = (await call(`tenants/${a.slug}/dagRuns?state=running`, a.token)).body;
    expect(running.items.map((r: { runId: string }) => r.runId)).toEqual([gridRunIds[2]]);
    expect((await call(`tenants/${b.slug}/dagRuns`, b.token)).body.total).toBe(0);
    expect((await call(`tenants/${a.slug}/dagRuns`, b.token)).status).toBe(404);
  });

  it('keeps every view of a DAG to its own tenant', async () => {
    for (const path of ['grid', 'source', 'versions', `versions/diff?from=${versionIds.v1}&to=${versionIds.v2}`]) {
      for (const slug of [a.slug, b.slug]) {
        const reply = await call(`tenants/${slug}/dags/etl/${path}`, b.token);
        expect(reply.status).toBe(404);
        expect(JSON.stringify(reply.body)).not.toMatch(/extract|load|etl\.ts/);
      }
    }
    expect((await call(`tenants/${b.slug}/dags?search=etl&recentRuns=5`, b.token)).body.total).toBe(0);
  });
});
