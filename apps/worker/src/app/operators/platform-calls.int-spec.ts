import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadConfig, UPDRAFT_CONFIG } from '@updraft/config';
import {
  AccountRepository,
  BundleRepository,
  ConnectionRepository,
  connectionSecretBinding,
  DagRepository,
  DagRunRepository,
  TaskInstanceRepository,
  TaskLogRepository,
  variableSecretBinding,
  VariableRepository,
  XComRepository,
} from '@updraft/persistence';
import { MASK, SecretBox } from '@updraft/secrets';
import {
  buildSandboxRunner,
  createTestDatabase,
  DEFAULT_REDIS_URL,
  flushRedisPrefix,
  packBundleFiles,
  TestDatabase,
  uniqueRedisPrefix,
} from '@updraft/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../app.module';
import { BundleParser } from '../bundle-parsing/bundle-parser.service';
import { SANDBOX_RUNNER } from '../sandbox-runner-path';
import { TaskRunner } from '../task-execution/task-runner.service';

const DAG = `import { dag, task } from '@updraft/sdk';
dag('uses_secrets', {}, () => {
  task('read', async (ctx) => {
    const token = await ctx.var.get('api_token');
    ctx.log('token is', token);
    const warehouse = await ctx.conn.get('warehouse').catch((e) => e.message);
    return { token, plain: await ctx.var.get('region', 'fallback'), missing: await ctx.var.get('nope', 'fallback'), warehouse };
  });
});
`;

describe('worker: tenant code reads its own tenant’s variables and connections over the sandbox IPC', () => {
  const redisPrefix = uniqueRedisPrefix();
  let database: TestDatabase;
  let scratch: string;
  let app: INestApplicationContext;
  const tenants: Record<'a' | 'b', string> = { a: '', b: '' };

  beforeAll(async () => {
    database = await createTestDatabase();
    scratch = await mkdtemp(join(tmpdir(), 'updraft-platform-calls-'));
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
    const accounts = app.get(AccountRepository);
    for (const key of ['a', 'b'] as const) {
      tenants[key] = (
        await accounts.createTenantWithOwner({
          email: `${key}@example.com`,
          passwordHash: 'x',
          tenantSlug: `tenant-${key}`,
          tenantName: key,
        })
      ).tenant.id;
    }
    const box = app.get(SecretBox);
    const variables = app.get(VariableRepository);
    for (const [key, secret] of [
      ['a', 'secret-of-tenant-a'],
      ['b', 'secret-of-tenant-b'],
    ] as const) {
      const id = randomUUID();
      await variables.create(tenants[key], {
        id,
        key: 'api_token',
        value: box.encrypt(secret, variableSecretBinding(tenants[key], id)),
        isSecret: true,
        description: null,
      });
    }
    await variables.create(tenants.a, {
      id: randomUUID(),
      key: 'region',
      value: 'eu-west',
      isSecret: false,
      description: null,
    });
    const connId = randomUUID();
    await app.get(ConnectionRepository).create(tenants.a, {
      id: connId,
      connId: 'warehouse',
      connType: 'postgres',
      description: null,
      host: 'db.a.internal',
      port: 5432,
      login: 'etl',
      schema: 'public',
      extra: {},
      password: box.encrypt('warehouse-password-a', connectionSecretBinding(tenants.a, connId)),
    });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await flushRedisPrefix(DEFAULT_REDIS_URL, redisPrefix);
    await rm(scratch, { recursive: true, force: true });
  });

  async function runAs(tenantId: string) {
    const archive = await packBundleFiles(scratch, {
      'updraft.json': JSON.stringify({ name: 'demo', entries: ['dags/main.ts'] }),
      'dags/main.ts': DAG,
    });
    const version = await app
      .get(BundleRepository)
      .createVersion(tenantId, { name: 'demo', archive, format: 'tar.gz', createdBy: null });
    await app.get(BundleParser).parse({ tenantId, bundleVersionId: version.id });
    const dag = await app.get(DagRepository).get(tenantId, 'uses_secrets');
    const now = new Date();
    const run = await app.get(DagRunRepository).create(tenantId, {
      dagId: 'uses_secrets',
      dagVersionId: dag?.dagVersionId as string,
      serialized: dag?.serialized as never,
      runType: 'manual',
      logicalDate: now,
      dataIntervalStart: now,
      dataIntervalEnd: now,
      conf: {},
    });
    const [ti] = await app.get(TaskInstanceRepository).allForRun(tenantId, run.id);
    await app.get(TaskInstanceRepository).transition(tenantId, [ti.id], ['none'], 'queued');
    await app.get(TaskRunner).run({ tenantId, taskInstanceId: ti.id });
    const log = (await app.get(TaskLogRepository).read(tenantId, ti.id, 1)).map((l) => l.message).join('\n');
    return { value: await app.get(XComRepository).get(tenantId, run.id, 'read', 'return_value'), log };
  }

  it('gives a task its tenant’s secret, plain values and connection, and masks the secret in the log', async () => {
    const { value, log } = await runAs(tenants.a);
    expect(value).toEqual({
      token: 'secret-of-tenant-a',
      plain: 'eu-west',
      missing: 'fallback',
      warehouse: {
        connId: 'warehouse',
        connType: 'postgres',
        host: 'db.a.internal',
        port: 5432,
        login: 'etl',
        password: 'warehouse-password-a',
        schema: 'public',
        extra: {},
      },
    });
    expect(log).toContain(`token is ${MASK}`);
    expect(log).not.toContain('secret-of-tenant-a');
  });

  it('answers a task of another tenant with that tenant’s data only', async () => {
    const { value, log } = await runAs(tenants.b);
    expect(value).toEqual({
      token: 'secret-of-tenant-b',
      plain: 'fallback',
      missing: 'fallback',
      warehouse: `connection 'warehouse' is not defined`,
    });
    expect(log).not.toContain('secret-of-tenant');
  });
});
