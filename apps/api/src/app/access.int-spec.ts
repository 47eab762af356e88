import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryModule, DiscoveryService, MetadataScanner } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { loadConfig, UPDRAFT_CONFIG } from '@updraft/config';
import { TOKEN_SCOPES } from '@updraft/domain';
import { ChannelVault } from '@updraft/notifications';
import {
  BundleRepository,
  DagRunRepository,
  NotificationChannelEntity,
  TaskInstanceRepository,
  TaskLogRepository,
  variableSecretBinding,
  XComRepository,
} from '@updraft/persistence';
import { MASK, SecretBox } from '@updraft/secrets';
import type { SerializedDag, SerializedTask } from '@updraft/sdk';
import {
  createTestDatabase,
  flushRedisPrefix,
  randomSuffix,
  SmtpCapture,
  startSmtpCapture,
  TestDatabase,
  uniqueRedisPrefix,
} from '@updraft/testing';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { createValidationPipe } from '../services/http/validation';
import { rotateSecrets } from '../services/secrets/rotate-secrets';
import { AppModule } from './app.module';

const suffix = randomSuffix();
/** Values that exist only inside tenant A's data (never in a URL): none may appear in any answer to tenant B or to no one. */
const MARK = {
  description: `dag-description-${suffix}`,
  log: `log-line-${suffix}`,
  xcom: `xcom-value-${suffix}`,
  variable: `variable-value-${suffix}`,
  secret: `secret-value-${suffix}`,
  host: `conn-host-${suffix}`,
  password: `conn-password-${suffix}`,
  teamDescription: `team-description-${suffix}`,
  tokenName: `token-name-${suffix}`,
  email: `owner-a-${suffix}@example.com`,
  conf: `run-conf-${suffix}`,
};

function serializedDag(dagId: string, team: string | null, description = MARK.description): SerializedDag {
  const task: SerializedTask = {
    taskId: 'extract',
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
  return {
    dagId,
    schedule: null,
    startDate: null,
    endDate: null,
    timezone: 'UTC',
    catchup: false,
    maxActiveRuns: 16,
    maxActiveTasks: 16,
    tags: [],
    description,
    team,
    params: {},
    deadlineMs: null,
    source: null,
    tasks: [task],
  };
}

interface Reply {
  status: number;
  body: string;
  json: () => any;
}

interface Route {
  method: string;
  path: string;
  name: string;
}

describe('tenant isolation and per-DAG access (in-process api on PostgreSQL and Redis)', () => {
  const redisPrefix = uniqueRedisPrefix();
  let database: TestDatabase;
  let smtp: SmtpCapture;
  let app: INestApplication;
  let base: string;
  let db: DataSource;
  let routes: Route[];

  async function call(method: string, path: string, token?: string, body?: unknown): Promise<Reply> {
    const response = await fetch(`${base}/api/v1/${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text, json: () => JSON.parse(text) };
  }

  async function signup(
    slug: string,
    email = `${slug}@example.com`,
  ): Promise<{ token: string; userId: string; tenantId: string }> {
    const reply = await call('POST', 'auth/signup', undefined, {
      email,
      password: `long-and-unusual-${suffix}`,
      tenantSlug: slug,
    });
    expect(reply.status).toBe(201);
    const body = reply.json();
    return { token: body.accessToken, userId: body.user.id, tenantId: body.tenant.id };
  }

  /** Signs a user up (which makes their own tenant) and makes them a member of `tenantId` with `role`. */
  async function memberOf(
    tenantId: string,
    role: string,
    slug: string,
  ): Promise<{ token: string; userId: string; email: string }> {
    const email = `${slug}@example.com`;
    const user = await signup(slug, email);
    await db.query(`INSERT INTO membership (tenant_id, user_id, role) VALUES ($1, $2, $3)`, [
      tenantId,
      user.userId,
      role,
    ]);
    return { token: user.token, userId: user.userId, email };
  }

  function enumerateRoutes(): Route[] {
    const scanner = app.get(MetadataScanner);
    return app
      .get(DiscoveryService)
      .getControllers()
      .flatMap((wrapper) => {
        const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
        if (!controller) return [];
        const prefix = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
        const prototype = controller.prototype as Record<string, object>;
        return scanner.getAllMethodNames(prototype).flatMap((name) => {
          const method = Reflect.getMetadata(METHOD_METADATA, prototype[name]) as RequestMethod | undefined;
          if (method === undefined) return [];
          const own = String(Reflect.getMetadata(PATH_METADATA, prototype[name]) ?? '');
          const path = [prefix, own]
            .filter((p) => p && p !== '/')
            .join('/')
            .replace(/\/+/g, '/')
            .replace(/^\//, '');
          return [{ method: RequestMethod[method], path, name: `${controller.name}.${name}` }];
        });
      });
  }

  const a = {
    slug: `tenant-a-${suffix}`,
    dagId: `dag_a_${suffix}`,
    runId: '',
    team: `team-a-${suffix}`,
    variable: `var_a_${suffix}`,
    secret: `secret_a_${suffix}`,
    conn: `conn_a_${suffix}`,
    tokenId: '',
    owner: '',
    ownerId: '',
    tenantId: '',
    apiToken: '',
  };
  const b = { slug: `tenant-b-${suffix}`, tenantId: '', identities: new Map<string, string>() };

  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await startSmtpCapture();
    const config = { ...loadConfig(), databaseUrl: database.url, redisPrefix, smtpUrl: smtp.url };
    const moduleRef = await Test.createTestingModule({ imports: [AppModule, DiscoveryModule] })
      .overrideProvider(UPDRAFT_CONFIG)
      .useValue(config)
      .compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    app.setGlobalPrefix('api/v1');
    app.useGlobalPipes(createValidationPipe());
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    db = app.get(DataSource);
    routes = enumerateRoutes();

    // Tenant A: one of everything, holding the marker strings.
    const owner = await signup(a.slug, MARK.email);
    Object.assign(a, { owner: owner.token, ownerId: owner.userId, tenantId: owner.tenantId });
    const bundles = app.get(BundleRepository);
    const version = await bundles.createVersion(a.tenantId, {
      name: `bundle-a-${suffix}`,
      archive: Buffer.from(MARK.description),
      format: 'tar.gz',
      createdBy: a.ownerId,
    });
    await bundles.activate(a.tenantId, version.id, [
      { dagId: a.dagId, entryFile: 'dags/a.js', serialized: serializedDag(a.dagId, null) },
    ]);
    const dagVersionId = (await db.query(`SELECT current_version_id FROM dag WHERE tenant_id = $1`, [a.tenantId]))[0]
      .current_version_id;
    const run = await app.get(DagRunRepository).create(a.tenantId, {
      dagId: a.dagId,
      dagVersionId,
      serialized: serializedDag(a.dagId, null),
      runType: 'manual',
      logicalDate: new Date('2024-01-01T00:00:00Z'),
      dataIntervalStart: new Date('2024-01-01T00:00:00Z'),
      dataIntervalEnd: new Date('2024-01-01T00:00:00Z'),
      conf: { note: MARK.conf },
    });
    a.runId = run.runId;
    const ti = await app.get(TaskInstanceRepository).find(a.tenantId, run.id, 'extract');
    await db.query(`UPDATE task_instance SET try_number = 1, state = 'success' WHERE id = $1`, [ti?.id]);
    await app
      .get(TaskLogRepository)
      .append(a.tenantId, ti?.id as string, 1, [{ timestamp: new Date(), stream: 'stdout', message: MARK.log }]);
    await app.get(XComRepository).set(a.tenantId, run.id, 'extract', -1, 'return_value', JSON.stringify(MARK.xcom));
    expect(
      (await call('POST', `tenants/${a.slug}/teams`, a.owner, { name: a.team, description: MARK.teamDescription }))
        .status,
    ).toBe(201);
    expect((await call('PATCH', `tenants/${a.slug}/dags/${a.dagId}`, a.owner, { team: a.team })).status).toBe(200);
    expect(
      (await call('POST', `tenants/${a.slug}/variables`, a.owner, { key: a.variable, value: MARK.variable })).status,
    ).toBe(201);
    expect(
      (
        await call('POST', `tenants/${a.slug}/variables`, a.owner, {
          key: a.secret,
          value: MARK.secret,
          isSecret: true,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call('POST', `tenants/${a.slug}/connections`, a.owner, {
          connId: a.conn,
          connType: 'postgres',
          host: MARK.host,
          port: 5432,
          login: 'etl',
          password: MARK.password,
        })
      ).status,
    ).toBe(201);
    const token = (
      await call('POST', `tenants/${a.slug}/apiTokens`, a.owner, { name: MARK.tokenName, scopes: [...TOKEN_SCOPES] })
    ).json();
    Object.assign(a, { tokenId: token.id, apiToken: token.token });

    // Tenant B: every role, a team member, and an API token for each scope.
    const bOwner = await signup(b.slug);
    b.tenantId = bOwner.tenantId;
    b.identities.set('owner', bOwner.token);
    for (const role of ['admin', 'editor', 'viewer'])
      b.identities.set(role, (await memberOf(b.tenantId, role, `b-${role}-${suffix}`)).token);
    expect((await call('POST', `tenants/${b.slug}/teams`, bOwner.token, { name: a.team })).status).toBe(201);
    const member = await memberOf(b.tenantId, 'member', `b-member-${suffix}`);
    expect(
      (
        await call('PUT', `tenants/${b.slug}/teams/${a.team}/members`, bOwner.token, {
          email: member.email,
          role: 'editor',
        })
      ).status,
    ).toBe(200);
    b.identities.set('member (team editor)', member.token);
    for (const scope of TOKEN_SCOPES) {
      const created = await call('POST', `tenants/${b.slug}/apiTokens`, bOwner.token, {
        name: `b-${scope}`,
        scopes: [scope],
      });
      b.identities.set(`token ${scope}`, created.json().token);
    }
  });

  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await database?.drop();
    await flushRedisPrefix(loadConfig().redisUrl, redisPrefix);
  });

  function leaks(reply: Reply): string[] {
    return Object.values(MARK)
      .filter((marker) => reply.body.includes(marker))
      .concat(reply.body.includes(a.tenantId) ? ['tenant id'] : []);
  }

  function fill(path: string, slug: string): string {
    const values: Record<string, string> = {
      tenant: slug,
      dagId: a.dagId,
      runId: a.runId,
      taskId: 'extract',
      try: '1',
      key: a.variable,
      connId: a.conn,
      team: a.team,
      id: a.tokenId,
      userId: a.ownerId,
    };
    return path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? `a-${name}-${suffix}`));
  }

  it('enumerates every route from Nest’s metadata, including the tenant routes it must cover', () => {
    const paths = routes.map((r) => `${r.method} ${r.path}`);
    for (const expected of [
      'GET tenants/:tenant/dags',
      'GET tenants/:tenant/variables/:key',
      'DELETE tenants/:tenant/apiTokens/:id',
      'GET tenants/:tenant/dags/:dagId/dagRuns/:runId/taskInstances/:taskId/logs/:try/stream',
    ]) {
      expect(paths).toContain(expected);
    }
  });

  it('the owner of A sees what the sweep looks for (the markers are real)', async () => {
    const log = await call(
      'GET',
      `tenants/${a.slug}/dags/${a.dagId}/dagRuns/${a.runId}/taskInstances/extract/logs/1`,
      a.owner,
    );
    expect(log.body).toContain(MARK.log);
    expect(
      (
        await call(
          'GET',
          `tenants/${a.slug}/dags/${a.dagId}/dagRuns/${a.runId}/taskInstances/extract/xcomEntries`,
          a.apiToken,
        )
      ).body,
    ).toContain(MARK.xcom);
    expect((await call('GET', `tenants/${a.slug}/connections/${a.conn}`, a.owner)).body).toContain(MARK.host);
  });

  it('list filters and the SSE log stream of B never reach A', async () => {
    const owner = b.identities.get('owner');
    expect((await call('GET', `tenants/${b.slug}/variables?search=${a.variable}`, owner)).json()).toMatchObject({
      items: [],
      total: 0,
    });
    expect((await call('GET', `tenants/${b.slug}/dags?limit=500`, owner)).json()).toMatchObject({
      items: [],
      total: 0,
    });
    const stream = await call(
      'GET',
      `tenants/${b.slug}/dags/${a.dagId}/dagRuns/${a.runId}/taskInstances/extract/logs/1/stream`,
      owner,
    );
    expect(stream.status).toBe(404);
    expect(leaks(stream)).toEqual([]);
  });

  it('every route, called by each identity of tenant B and anonymously on A’s slug and ids, is denied and shows none of A’s data', async () => {
    const identities: [string, string | undefined][] = [
      ['anonymous', undefined],
      ['garbage bearer', 'not-a-token'],
      ['unknown api token', `updraft_pat_${suffix}`],
      ...b.identities,
    ];
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.path.includes(':tenant'))) {
      for (const [who, token] of identities) {
        const reply = await call(
          route.method,
          fill(route.path, a.slug),
          token,
          route.method === 'GET' ? undefined : {},
        );
        if (![401, 403, 404].includes(reply.status) || leaks(reply).length > 0)
          failures.push(`${who} ${route.method} ${route.path} → ${reply.status} ${leaks(reply).join(',')}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('A’s ids under B’s own slug find nothing of A, and routes outside tenants show nothing of A', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      for (const [who, token] of b.identities) {
        const reply = await call(
          route.method,
          fill(route.path, b.slug),
          token,
          route.method === 'GET' ? undefined : {},
        );
        const namesAResource = /:(dagId|runId|key|connId|id|userId)\b/.test(route.path);
        if (leaks(reply).length > 0 || (namesAResource && reply.status < 300))
          failures.push(`${who} ${route.method} ${route.path} → ${reply.status} ${leaks(reply).join(',')}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('after the sweep, A has lost nothing', async () => {
    expect((await call('GET', `tenants/${a.slug}/dags/${a.dagId}`, a.owner)).json()).toMatchObject({
      isPaused: false,
      team: a.team,
    });
    expect((await call('GET', `tenants/${a.slug}/dags/${a.dagId}/dagRuns/${a.runId}`, a.owner)).json()).toMatchObject({
      state: 'queued',
    });
    expect((await call('GET', `tenants/${a.slug}/variables/${a.variable}`, a.owner)).json()).toMatchObject({
      value: MARK.variable,
    });
    expect((await call('GET', `tenants/${a.slug}/teams/${a.team}`, a.owner)).json()).toMatchObject({
      description: MARK.teamDescription,
    });
    expect((await call('GET', `tenants/${a.slug}/apiTokens`, a.owner)).json().items).toHaveLength(1);
    expect((await call('GET', `tenants/${a.slug}/connections`, a.apiToken)).status).toBe(200);
  });

  describe('teams: a member acts only on its teams’ DAGs', () => {
    let member: { token: string; userId: string; email: string };
    const sdkTeam = `sdk-team-${suffix}`;
    const untouchable = `untouchable-description-${suffix}`;

    beforeAll(async () => {
      const bundles = app.get(BundleRepository);
      const version = await bundles.createVersion(a.tenantId, {
        name: 'other',
        archive: Buffer.from('x'),
        format: 'tar.gz',
        createdBy: null,
      });
      await bundles.activate(a.tenantId, version.id, [
        { dagId: 'untouchable', entryFile: 'x.js', serialized: serializedDag('untouchable', null, untouchable) },
        { dagId: 'sdk_named', entryFile: 'x.js', serialized: serializedDag('sdk_named', sdkTeam) },
      ]);
      member = await memberOf(a.tenantId, 'member', `a-member-${suffix}`);
      expect(
        (
          await call('PUT', `tenants/${a.slug}/teams/${a.team}/members`, a.owner, {
            email: member.email,
            role: 'viewer',
          })
        ).status,
      ).toBe(200);
    });

    it('lists and reads only the team’s DAGs; another DAG of the tenant is a 404', async () => {
      expect((await call('GET', `tenants/${a.slug}/dags`, a.owner)).json().total).toBe(3);
      expect(
        (await call('GET', `tenants/${a.slug}/dags`, member.token)).json().items.map((d: { dagId: string }) => d.dagId),
      ).toEqual([a.dagId]);
      expect(
        (
          await call(
            'GET',
            `tenants/${a.slug}/dags/${a.dagId}/dagRuns/${a.runId}/taskInstances/extract/logs/1`,
            member.token,
          )
        ).body,
      ).toContain(MARK.log);
      expect((await call('GET', `tenants/${a.slug}/dags/untouchable`, member.token)).status).toBe(404);
      expect((await call('GET', `tenants/${a.slug}/dags/untouchable/dagRuns`, member.token)).status).toBe(404);
    });

    it('every route under a DAG, called by the member on a DAG outside their teams, is denied and shows nothing of it', async () => {
      const failures: string[] = [];
      for (const route of routes.filter((r) => r.path.includes(':dagId'))) {
        const path = fill(route.path, a.slug).replace(`/dags/${a.dagId}`, '/dags/untouchable');
        const reply = await call(route.method, path, member.token, route.method === 'GET' ? undefined : {});
        if (![403, 404].includes(reply.status) || reply.body.includes(untouchable))
          failures.push(`${route.method} ${route.path} → ${reply.status}`);
      }
      expect(failures).toEqual([]);
      expect((await call('GET', `tenants/${a.slug}/dags/untouchable`, a.owner)).body).toContain(untouchable);
    });

    it('a team viewer may not trigger; a team editor may; tenant-wide resources stay closed', async () => {
      expect((await call('POST', `tenants/${a.slug}/dags/${a.dagId}/dagRuns`, member.token, {})).status).toBe(403);
      await call('PUT', `tenants/${a.slug}/teams/${a.team}/members`, a.owner, { email: member.email, role: 'editor' });
      expect((await call('POST', `tenants/${a.slug}/dags/${a.dagId}/dagRuns`, member.token, { conf: {} })).status).toBe(
        201,
      );
      expect((await call('POST', `tenants/${a.slug}/dags/untouchable/dagRuns`, member.token, {})).status).toBe(404);
      expect((await call('GET', `tenants/${a.slug}/variables`, member.token)).status).toBe(403);
      expect((await call('POST', `tenants/${a.slug}/bundles`, member.token, {})).status).toBe(403);
      expect((await call('PATCH', `tenants/${a.slug}/dags/${a.dagId}`, member.token, { team: null })).status).toBe(403);
    });

    it('follows the team the DAG’s code names, and loses access when removed from the team', async () => {
      expect((await call('GET', `tenants/${a.slug}/dags/sdk_named`, member.token)).status).toBe(404);
      expect((await call('POST', `tenants/${a.slug}/teams`, a.owner, { name: sdkTeam })).status).toBe(201);
      await call('PUT', `tenants/${a.slug}/teams/${sdkTeam}/members`, a.owner, { email: member.email, role: 'viewer' });
      expect((await call('GET', `tenants/${a.slug}/dags/sdk_named`, member.token)).json()).toMatchObject({
        team: sdkTeam,
      });
      expect(
        (await call('DELETE', `tenants/${a.slug}/teams/${sdkTeam}/members/${member.userId}`, a.owner)).status,
      ).toBe(204);
      expect((await call('GET', `tenants/${a.slug}/dags/sdk_named`, member.token)).status).toBe(404);
    });

    it('shows a member a DAG file’s source only when every DAG the file defines is in their teams', async () => {
      const bundles = app.get(BundleRepository);
      const version = await bundles.createVersion(a.tenantId, {
        name: 'shared',
        archive: Buffer.from('x'),
        format: 'tar.gz',
        createdBy: null,
      });
      await bundles.activate(a.tenantId, version.id, [
        {
          dagId: 'shared_mine',
          entryFile: 'dags/shared.js',
          serialized: { ...serializedDag('shared_mine', a.team), source: 'dags/shared.ts:3' },
        },
        {
          dagId: 'shared_theirs',
          entryFile: 'dags/shared.js',
          serialized: { ...serializedDag('shared_theirs', null, untouchable), source: 'dags/shared.ts:9' },
        },
      ]);
      expect((await call('GET', `tenants/${a.slug}/dags/shared_mine`, member.token)).status).toBe(200);
      const source = await call('GET', `tenants/${a.slug}/dags/shared_mine/source`, member.token);
      expect(source.status).toBe(403);
      expect(source.json().message).toBe(
        'dags/shared.ts also defines DAGs outside your teams; ask a tenant admin for its source',
      );
      expect(source.body).not.toContain('shared_theirs');
    });

    it('refuses a team that does not exist and a duplicate team, naming them', async () => {
      const unknown = await call('PATCH', `tenants/${a.slug}/dags/${a.dagId}`, a.owner, { team: 'nope' });
      expect(unknown.status).toBe(400);
      expect(unknown.json().message).toContain(`team 'nope' does not exist`);
      expect((await call('POST', `tenants/${a.slug}/teams`, a.owner, { name: a.team })).status).toBe(409);
      expect((await call('GET', `tenants/${a.slug}/dags/${a.dagId}`, a.owner)).json()).toMatchObject({ team: a.team });
    });
  });

  describe('API tokens', () => {
    it('act within their scopes, on their tenant only, and not as a user', async () => {
      const read = (
        await call('POST', `tenants/${a.slug}/apiTokens`, a.owner, {
          name: 'ci-read',
          scopes: ['read'],
          expiresInDays: 1,
        })
      ).json();
      expect(read.token).toMatch(/^updraft_pat_/);
      expect((await call('GET', `tenants/${a.slug}/dags/${a.dagId}`, read.token)).status).toBe(200);
      expect((await call('POST', `tenants/${a.slug}/dags/${a.dagId}/dagRuns`, read.token, {})).status).toBe(403);
      expect((await call('POST', `tenants/${a.slug}/variables`, read.token, { key: 'k', value: 'v' })).status).toBe(
        403,
      );
      expect((await call('GET', `tenants/${a.slug}/apiTokens`, read.token)).status).toBe(403);
      expect((await call('GET', 'auth/me', read.token)).status).toBe(403);
      const listed = (await call('GET', `tenants/${a.slug}/apiTokens`, a.owner))
        .json()
        .items.find((t: { id: string }) => t.id === read.id);
      expect(listed).toMatchObject({ name: 'ci-read', scopes: ['read'], hint: expect.stringMatching(/^updraft_pat_/) });
      expect(listed.lastUsedAt).not.toBeNull();
      expect(JSON.stringify(listed)).not.toContain(read.token);
    });

    it('are stored only as a hash, and stop working when revoked, expired, or their creator leaves', async () => {
      const make = async (owner = a.owner) =>
        (await call('POST', `tenants/${a.slug}/apiTokens`, owner, { name: 'ci', scopes: ['dags:trigger'] })).json();
      const revoked = await make();
      const stored = await db.query(`SELECT * FROM api_token WHERE id = $1`, [revoked.id]);
      expect(JSON.stringify(stored)).not.toContain(revoked.token.slice('updraft_pat_'.length));
      expect((await call('DELETE', `tenants/${a.slug}/apiTokens/${revoked.id}`, a.owner)).status).toBe(204);
      expect((await call('GET', `tenants/${a.slug}/dags`, revoked.token)).status).toBe(401);

      const expired = await make();
      await db.query(`UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.id]);
      expect((await call('GET', `tenants/${a.slug}/dags`, expired.token)).status).toBe(401);

      const editor = await memberOf(a.tenantId, 'editor', `a-editor-${suffix}`);
      const orphan = await make(editor.token);
      expect((await call('GET', `tenants/${a.slug}/dags`, orphan.token)).status).toBe(200);
      await db.query(`DELETE FROM membership WHERE tenant_id = $1 AND user_id = $2`, [a.tenantId, editor.userId]);
      expect((await call('GET', `tenants/${a.slug}/dags`, orphan.token)).status).toBe(401);
    });

    it('cannot be given scopes beyond the creator’s role', async () => {
      const viewer = await memberOf(a.tenantId, 'viewer', `a-viewer-${suffix}`);
      expect(
        (await call('POST', `tenants/${a.slug}/apiTokens`, viewer.token, { name: 'x', scopes: ['read'] })).status,
      ).toBe(403);
      const bad = await call('POST', `tenants/${a.slug}/apiTokens`, a.owner, { name: 'x', scopes: ['everything'] });
      expect(bad.status).toBe(400);
      expect(bad.json().message).toContain('each scope must be one of');
    });
  });

  describe('variables and connections', () => {
    it('keep secrets encrypted at rest, bound to their row, and masked in every answer', async () => {
      const [raw] = await db.query(`SELECT id, value FROM variable WHERE tenant_id = $1 AND key = $2`, [
        a.tenantId,
        a.secret,
      ]);
      expect(raw.value).not.toContain(MARK.secret);
      expect(app.get(SecretBox).decrypt(raw.value, variableSecretBinding(a.tenantId, raw.id))).toBe(MARK.secret);
      expect(() => app.get(SecretBox).decrypt(raw.value, variableSecretBinding(b.tenantId, raw.id))).toThrow();
      const [conn] = await db.query(`SELECT password FROM connection WHERE tenant_id = $1`, [a.tenantId]);
      expect(conn.password).not.toContain(MARK.password);
      for (const path of [`variables`, `variables/${a.secret}`, `connections`, `connections/${a.conn}`]) {
        const reply = await call('GET', `tenants/${a.slug}/${path}`, a.owner);
        expect(reply.status).toBe(200);
        expect(reply.body).not.toContain(MARK.secret);
        expect(reply.body).not.toContain(MARK.password);
        expect(reply.body).toContain(MASK);
      }
    });

    it('re-encrypt under a new key with rotate-secrets, staying readable in between', async () => {
      const oldKey = loadConfig().encryptionKey;
      const newKey = randomBytes(32).toString('hex');
      const [before] = await db.query(`SELECT id, value FROM variable WHERE tenant_id = $1 AND key = $2`, [
        a.tenantId,
        a.secret,
      ]);
      const rotating = new SecretBox(newKey, [oldKey]);
      expect(rotating.decrypt(before.value, variableSecretBinding(a.tenantId, before.id))).toBe(MARK.secret);
      const channel = await db.getRepository(NotificationChannelEntity).save({
        tenantId: a.tenantId,
        name: 'rotating-hook',
        type: 'slack',
        settings: {},
        secrets: new ChannelVault(new SecretBox(oldKey)).seal(a.tenantId, 'rotating-hook', {
          webhookUrl: 'https://hooks.example.test/T0/B0/x',
        }),
      });
      expect(await rotateSecrets(db, rotating)).toMatchObject({ variables: 1, connections: 1, channels: 1 });
      expect(await rotateSecrets(db, rotating)).toEqual({ variables: 0, connections: 0, channels: 0, webhooks: 0 });
      const [sealed] = await db.query(`SELECT secrets FROM notification_channel WHERE id = $1`, [channel.id]);
      expect(new ChannelVault(new SecretBox(newKey)).open(a.tenantId, 'rotating-hook', sealed.secrets)).toEqual({
        webhookUrl: 'https://hooks.example.test/T0/B0/x',
      });
      await db.getRepository(NotificationChannelEntity).delete({ id: channel.id });
      const [after] = await db.query(`SELECT id, value FROM variable WHERE tenant_id = $1 AND key = $2`, [
        a.tenantId,
        a.secret,
      ]);
      expect(new SecretBox(newKey).decrypt(after.value, variableSecretBinding(a.tenantId, after.id))).toBe(MARK.secret);
      await rotateSecrets(db, new SecretBox(oldKey, [newKey]));
    });

    it('update without losing what was there, and refuse bad input naming the field', async () => {
      const described = await call('PATCH', `tenants/${a.slug}/variables/${a.secret}`, a.owner, {
        description: 'rotated monthly',
      });
      expect(described.json()).toMatchObject({ value: MASK, isSecret: true, description: 'rotated monthly' });
      const [raw] = await db.query(`SELECT id, value FROM variable WHERE tenant_id = $1 AND key = $2`, [
        a.tenantId,
        a.secret,
      ]);
      expect(app.get(SecretBox).decrypt(raw.value, variableSecretBinding(a.tenantId, raw.id))).toBe(MARK.secret);
      expect(
        (await call('PATCH', `tenants/${a.slug}/variables/${a.secret}`, a.owner, { isSecret: false })).status,
      ).toBe(400);
      const badKey = await call('POST', `tenants/${a.slug}/variables`, a.owner, { key: 'has space', value: 'v' });
      expect(badKey.status).toBe(400);
      expect(badKey.json().details[0].field).toBe('key');
      expect(
        (await call('POST', `tenants/${a.slug}/variables`, a.owner, { key: a.variable, value: 'again' })).status,
      ).toBe(409);
      const badPort = await call('PATCH', `tenants/${a.slug}/connections/${a.conn}`, a.owner, { port: 70000 });
      expect(badPort.status).toBe(400);
      expect(badPort.json().message).toContain('port must be 1 to 65535');
      const kept = await call('PATCH', `tenants/${a.slug}/connections/${a.conn}`, a.owner, { login: 'loader' });
      expect(kept.json()).toMatchObject({ host: MARK.host, login: 'loader', password: MASK });
      expect((await call('DELETE', `tenants/${a.slug}/variables/${a.variable}`, a.owner)).status).toBe(204);
      expect((await call('GET', `tenants/${a.slug}/variables/${a.variable}`, a.owner)).status).toBe(404);
    });
  });
});
