import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadConfig, UPDRAFT_CONFIG } from '@updraft/config';
import {
  AccountRepository,
  BundleRepository,
  ConnectionRepository,
  DagRepository,
  DagRunEntity,
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
import { isFinished } from '@updraft/domain';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../app.module';
import { BundleParser } from '../bundle-parsing/bundle-parser.service';
import { SANDBOX_RUNNER } from '../sandbox-runner-path';
import { TaskRunner } from '../task-execution/task-runner.service';

/** Templates rendered in the sandbox, and the http and triggerDagRun operators, on real PostgreSQL, Redis, sandbox processes and a loopback HTTP server. */
describe('worker: templates, http and triggerDagRun', () => {
  const redisPrefix = uniqueRedisPrefix();
  let database: TestDatabase;
  let scratch: string;
  let app: INestApplicationContext;
  let tenantId: string;
  let server: Server;
  let baseUrl: string;
  let runs = 0;
  const received: { method: string; url: string; body: string; contentType: string | undefined }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    scratch = await mkdtemp(join(tmpdir(), 'updraft-authoring-'));
    const runnerPath = await buildSandboxRunner(scratch);
    const config = loadConfig({
      DATABASE_URL: database.url,
      REDIS_URL: DEFAULT_REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      DATA_DIR: join(scratch, 'data'),
      NODE_ENV: 'test',
      EGRESS_ALLOWED_HOSTS: '127.0.0.1',
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
        .createTenantWithOwner({ email: 'a@example.com', passwordHash: 'x', tenantSlug: 'acme', tenantName: 'Acme' })
    ).tenant.id;
    // The tenant's "warehouse" is this test's own database (loopback is allowed for the test); "internal" is a private address that is not.
    const target = new URL(database.url);
    const connections = app.get(ConnectionRepository);
    await connections.create(tenantId, {
      id: randomUUID(),
      connId: 'warehouse',
      connType: 'postgres',
      description: null,
      host: target.hostname,
      port: Number(target.port || 5432),
      login: decodeURIComponent(target.username) || 'postgres',
      schema: target.pathname.slice(1),
      extra: {},
      password: null,
    });
    await connections.create(tenantId, {
      id: randomUUID(),
      connId: 'internal',
      connType: 'postgres',
      description: null,
      host: '10.20.30.40',
      port: 5432,
      login: 'x',
      schema: 'x',
      extra: {},
      password: null,
    });
    server = createServer(async (req: IncomingMessage, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      received.push({ method: req.method ?? '', url: req.url ?? '', body, contentType: req.headers['content-type'] });
      if (req.url?.startsWith('/missing')) return void res.writeHead(404).end('no such thing');
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: true, echoed: body ? JSON.parse(body) : null }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await upload(`import { bash, chain, dag, http, sql, triggerDagRun } from '@updraft/sdk';
dag('templated', { params: { region: { type: 'string', default: 'eu' } } }, () => {
  const produce = bash('produce', { command: 'echo 42' });
  const echo = bash('echo', { command: 'echo "day={{ ds }} region={{ params.region }} rows={{ ti.xcomPull(\\'produce\\') }} next={{ macros.ds_add(ds, 1) }}"', env: { PLAIN: 'no template here' } });
  bash('broken', { command: 'echo {{ ds ' });
  bash('own_files', { command: 'head -c 6 "$UPDRAFT_BUNDLE_DIR/dags/main.ts"; echo; pwd; ls ${join(scratch, 'data')} || echo "the data folder is out of sight"' });
  produce.then(echo);
});
dag('calls', {}, () => {
  http('post', { url: '${baseUrl}/items/{{ ds_nodash }}', method: 'POST', body: { day: '{{ ds }}', n: 3 }, expectStatus: [200], bodyContains: '"ok":true' });
  http('missing', { url: '${baseUrl}/missing', retries: 0 });
  http('wrong_body', { url: '${baseUrl}/x', bodyContains: 'nope' });
  http('platform_database', { url: 'http://localhost:5432/', retries: 0 });
  http('cloud_metadata', { url: 'http://169.254.169.254/latest/meta-data/', retries: 0 });
});
dag('queries', {}, () => {
  const create = sql('create', { connection: 'warehouse', statement: 'CREATE TABLE IF NOT EXISTS sales (day date, amount int)' });
  const insert = sql('insert', { connection: 'warehouse', statement: "INSERT INTO sales VALUES ('{{ ds }}', $1), ('{{ ds }}', $2)", parameters: [5, 7] });
  const total = sql('total', { connection: 'warehouse', statement: 'SELECT day::text AS day, sum(amount)::int AS total FROM sales GROUP BY day' });
  sql('typo', { connection: 'warehouse', statement: 'SELEC 1', retries: 0 });
  sql('too_many', { connection: 'warehouse', statement: 'SELECT generate_series(1, 20) AS n', maxRows: 10 });
  sql('private', { connection: 'internal', statement: 'SELECT 1', retries: 0 });
  sql('unknown', { connection: 'nope', statement: 'SELECT 1' });
  chain(create, insert, total);
});
dag('child', { params: { day: { type: 'string' } } }, () => { bash('noop', { command: 'true' }); });
dag('parent', {}, () => {
  triggerDagRun('fire', { dagId: 'child', conf: { day: '{{ ds }}' } });
  triggerDagRun('fire_and_wait', { dagId: 'child', conf: { day: 'waited' }, waitForCompletion: true, pokeInterval: '100ms' });
  triggerDagRun('ghost', { dagId: 'no_such_dag' });
});
`);
  });

  afterAll(async () => {
    await app?.close();
    server?.close();
    await database?.drop();
    await flushRedisPrefix(DEFAULT_REDIS_URL, redisPrefix);
    await rm(scratch, { recursive: true, force: true });
  });

  async function upload(source: string) {
    const dir = await mkdtemp(join(scratch, 'bundle-'));
    await mkdir(join(dir, 'dags'));
    await writeFile(join(dir, 'updraft.json'), JSON.stringify({ name: 'authoring', entries: ['dags/main.ts'] }));
    await writeFile(join(dir, 'dags/main.ts'), source);
    const bundles = app.get(BundleRepository);
    const version = await bundles.createVersion(tenantId, {
      name: 'authoring',
      archive: await packBundle(dir),
      format: 'tar.gz',
      createdBy: null,
    });
    await app.get(BundleParser).parse({ tenantId, bundleVersionId: version.id });
    expect((await bundles.get(tenantId, version.id))?.errors).toEqual([]);
  }

  async function startRun(dagId: string): Promise<DagRunEntity> {
    const dag = await app.get(DagRepository).get(tenantId, dagId);
    const day = new Date(Date.UTC(2024, 2, 5, 0, 0, runs++));
    return app.get(DagRunRepository).create(tenantId, {
      dagId,
      dagVersionId: dag?.dagVersionId as string,
      serialized: dag?.serialized as never,
      runType: 'scheduled',
      logicalDate: day,
      dataIntervalStart: new Date('2024-03-04T00:00:00Z'),
      dataIntervalEnd: day,
      conf: {},
    });
  }

  async function runTask(run: DagRunEntity, taskId: string) {
    const taskInstances = app.get(TaskInstanceRepository);
    const ti = await taskInstances.find(tenantId, run.id, taskId);
    // Run it here unless the worker's hand-off after its upstream already queued it: then wait for that try.
    const taken = await taskInstances.transition(tenantId, [ti?.id as string], ['none', 'scheduled'], 'queued');
    if (taken.length > 0) await app.get(TaskRunner).run({ tenantId, taskInstanceId: ti?.id as string });
    const done = await waitFor(
      () => taskInstances.find(tenantId, run.id, taskId),
      (t) => isFinished(t?.state ?? 'none') || t?.state === 'up_for_retry',
      { timeoutMs: 30_000, what: `task ${taskId} to end` },
    );
    const log = (await app.get(TaskLogRepository).read(tenantId, done?.id as string, 1)).map((l) => l.message);
    return {
      state: done?.state,
      log,
      xcom: await app.get(XComRepository).get(tenantId, run.id, taskId, 'return_value'),
    };
  }

  it('renders a bash command with dates, params, macros and an upstream XCom, in the sandbox', async () => {
    const run = await startRun('templated');
    const produce = await runTask(run, 'produce');
    expect(produce.state).toBe('success');
    const echo = await runTask(run, 'echo');
    expect(echo.state).toBe('success');
    expect(echo.log).toContain('day=2024-03-05 region=eu rows=42 next=2024-03-06');
  });

  (process.getuid?.() === 0 ? it : it.skip)(
    'runs bash confined: its bundle version read-only, its scratch as /scratch, nothing of DATA_DIR',
    async () => {
      const own = await runTask(await startRun('templated'), 'own_files');
      expect(own.state).toBe('success');
      expect(own.log).toEqual(
        expect.arrayContaining([
          'import',
          '/scratch',
          expect.stringMatching(/data': No such file or directory/),
          'the data folder is out of sight',
        ]),
      );
    },
  );

  it('fails a try whose template does not compile, naming the field', async () => {
    const broken = await runTask(await startRun('templated'), 'broken');
    expect(broken.state).toBe('failed');
    expect(broken.log.join('\n')).toMatch(/rendering templates failed: template in 'command': .*expected variable end/);
  });

  it('makes templated HTTP requests, keeps the JSON response as XCom, and fails on an unexpected status or body', async () => {
    const run = await startRun('calls');
    const post = await runTask(run, 'post');
    expect(post.state).toBe('success');
    expect(received.at(-1)).toEqual({
      method: 'POST',
      url: '/items/20240305',
      body: expect.any(String),
      contentType: 'application/json',
    });
    expect(JSON.parse(received.at(-1)?.body ?? '')).toEqual({ day: '2024-03-05', n: 3 });
    expect(post.xcom).toEqual({ ok: true, echoed: { day: '2024-03-05', n: 3 } });
    const missing = await runTask(run, 'missing');
    expect(missing.state).toBe('failed');
    expect(missing.log.join('\n')).toMatch(
      /GET http:\/\/127\.0\.0\.1:\d+\/missing: status 404, expected 2xx; body: no such thing/,
    );
    const wrongBody = await runTask(run, 'wrong_body');
    expect(wrongBody.state).toBe('failed');
    expect(wrongBody.log.join('\n')).toContain("the body does not contain 'nope'");
  });

  it('refuses requests to private addresses that are not allowed (the platform database, cloud metadata)', async () => {
    const run = await startRun('calls');
    const database = await runTask(run, 'platform_database');
    expect(database.state).toBe('failed');
    expect(database.log.join('\n')).toMatch(
      /refused: 'localhost' resolves to (127\.0\.0\.1|::1), a private or loopback address/,
    );
    const metadata = await runTask(run, 'cloud_metadata');
    expect(metadata.state).toBe('failed');
    expect(metadata.log.join('\n')).toMatch(/refused: '169\.254\.169\.254' resolves to 169\.254\.169\.254/);
  });

  it('runs sql on a tenant postgres connection: templated statement, parameters, rows as XCom, clear errors', async () => {
    const run = await startRun('queries');
    expect((await runTask(run, 'create')).state).toBe('success');
    const insert = await runTask(run, 'insert');
    expect(insert.state).toBe('success');
    expect(insert.xcom).toEqual({ rowCount: 2, rows: [] });
    const total = await runTask(run, 'total');
    expect(total.xcom).toEqual({ rowCount: 1, rows: [{ day: '2024-03-05', total: 12 }] });
    const typo = await runTask(run, 'typo');
    expect(typo.state).toBe('failed');
    expect(typo.log.join('\n')).toMatch(
      /sql on warehouse failed \(42601\) at character 1: syntax error at or near "SELEC"/,
    );
    const tooMany = await runTask(run, 'too_many');
    expect(tooMany.log.join('\n')).toContain('the statement returned 20 rows; maxRows is 10');
    const internal = await runTask(run, 'private');
    expect(internal.state).toBe('failed');
    expect(internal.log.join('\n')).toMatch(
      /connection 'internal' refused: '10\.20\.30\.40' resolves to 10\.20\.30\.40, a private or loopback address/,
    );
    expect((await runTask(run, 'unknown')).log.join('\n')).toContain("connection 'nope' is not defined");
  });

  it('triggers a run of another DAG of the tenant with a rendered conf, and fails for an unknown DAG', async () => {
    const run = await startRun('parent');
    const fire = await runTask(run, 'fire');
    expect(fire.state).toBe('success');
    const childRun = await app.get(DagRunRepository).get(tenantId, 'child', (fire.xcom as { runId: string }).runId);
    expect(childRun?.conf).toEqual({ day: '2024-03-05' });
    const ghost = await runTask(run, 'ghost');
    expect(ghost.state).toBe('failed');
    expect(ghost.log.join('\n')).toContain("DAG 'no_such_dag' not found in this tenant");
  });

  it('waits for the triggered run and fails when it fails', async () => {
    const runs = app.get(DagRunRepository);
    const run = await startRun('parent');
    const waiting = runTask(run, 'fire_and_wait');
    const child = (await waitFor(
      async () =>
        (await runs.list(tenantId, 'child', { limit: 50, offset: 0 })).items.find(
          (r) => (r.conf as { day?: string }).day === 'waited',
        ),
      (found) => found !== undefined,
      { timeoutMs: 20_000, what: 'the triggered child run' },
    )) as DagRunEntity;
    const stillRunning = await app.get(TaskInstanceRepository).find(tenantId, run.id, 'fire_and_wait');
    expect(stillRunning?.state).toBe('running');
    await runs.mark(tenantId, child.id, 'failed');
    const result = await waiting;
    expect(result.state).toBe('failed');
    expect(result.log.join('\n')).toContain(`the triggered run ${child.runId} of DAG 'child' failed`);
  });
});
