import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadConfig, UPDRAFT_CONFIG } from '@updraft/config';
import { MailModule } from '@updraft/mail';
import { AccountMailProcessor } from '@updraft/notifications';
import {
  BundleRepository,
  DagRunRepository,
  NotificationDeliveryRepository,
  TaskInstanceRepository,
} from '@updraft/persistence';
import { MASK } from '@updraft/secrets';
import type { SerializedDag } from '@updraft/sdk';
import {
  ApiClient,
  createTestDatabase,
  emptyTask,
  flushRedisPrefix,
  randomSuffix,
  serializedDagOf,
  SmtpCapture,
  startSmtpCapture,
  TestDatabase,
  uniqueRedisPrefix,
} from '@updraft/testing';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { createValidationPipe } from '../../services/http/validation';
import { AppModule } from '../app.module';

const suffix = randomSuffix();

const serializedDag = (dagId: string): SerializedDag => serializedDagOf(dagId, [emptyTask('extract')]);

interface Reply {
  status: number;
  body: string;
  json: () => any;
}

/** The endpoints the console's administration pages need beyond plain CRUD: settings and usage, search, masking, test connection, SLA filters. */
describe('administration endpoints (in-process api on PostgreSQL and Redis)', () => {
  const redisPrefix = uniqueRedisPrefix();
  let database: TestDatabase;
  let smtp: SmtpCapture;
  let app: INestApplication;
  let base: string;
  let db: DataSource;
  let httpTarget: Server;
  let httpPort: number;
  const a = { slug: `admin-a-${suffix}`, tenantId: '', owner: '', ownerId: '', runId: '', runPk: '' };
  const b = { slug: `admin-b-${suffix}`, tenantId: '', owner: '' };
  const tokens: Record<string, string> = {};

  async function call(method: string, path: string, token?: string, json?: unknown): Promise<Reply> {
    const reply = await new ApiClient(base).request(method, path, { token: token ?? null, json });
    return { status: reply.status, body: JSON.stringify(reply.body), json: () => reply.body };
  }

  async function signup(slug: string): Promise<{ token: string; userId: string; tenantId: string; email: string }> {
    const email = `${slug}@example.com`;
    const reply = await call('POST', 'auth/signup', undefined, {
      email,
      password: `long-and-unusual-${suffix}`,
      tenantSlug: slug,
    });
    expect(reply.status).toBe(201);
    const body = reply.json();
    return { token: body.accessToken, userId: body.user.id, tenantId: body.tenant.id, email };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await startSmtpCapture();
    httpTarget = createServer((_, res) => res.end('ok'));
    await new Promise<void>((resolve) => httpTarget.listen(0, '127.0.0.1', resolve));
    httpPort = (httpTarget.address() as AddressInfo).port;
    // Loopback is private: only 127.0.0.1 by that literal name is let through, as an operator would allow-list one host.
    const config = {
      ...loadConfig(),
      databaseUrl: database.url,
      redisPrefix,
      smtpUrl: smtp.url,
      egressAllowPrivateNetworks: false,
      egressAllowedHosts: ['127.0.0.1'],
    };
    // AccountMailProcessor: the worker's delivery of the account mails the api queues (invitations here).
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule, MailModule],
      providers: [AccountMailProcessor],
    })
      .overrideProvider(UPDRAFT_CONFIG)
      .useValue(config)
      .compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    app.setGlobalPrefix('api/v1');
    app.useGlobalPipes(createValidationPipe());
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    db = app.get(DataSource);

    const owner = await signup(a.slug);
    Object.assign(a, { owner: owner.token, ownerId: owner.userId, tenantId: owner.tenantId });
    const bOwner = await signup(b.slug);
    Object.assign(b, { owner: bOwner.token, tenantId: bOwner.tenantId });
    for (const role of ['admin', 'editor', 'viewer', 'member']) {
      const user = await signup(`admin-a-${role}-${suffix}`);
      await db.query(`INSERT INTO membership (tenant_id, user_id, role) VALUES ($1, $2, $3)`, [
        a.tenantId,
        user.userId,
        role,
      ]);
      tokens[role] = user.token;
      if (role === 'member') {
        expect((await call('POST', `tenants/${a.slug}/teams`, a.owner, { name: 'data' })).status).toBe(201);
        expect(
          (await call('PUT', `tenants/${a.slug}/teams/data/members`, a.owner, { email: user.email, role: 'editor' }))
            .status,
        ).toBe(200);
      }
    }

    const bundles = app.get(BundleRepository);
    const version = await bundles.createVersion(a.tenantId, {
      name: 'b',
      archive: Buffer.from('x'),
      format: 'tar.gz',
      createdBy: a.ownerId,
    });
    await bundles.activate(a.tenantId, version.id, [
      { dagId: 'usage_dag', entryFile: 'd.js', serialized: serializedDag('usage_dag') },
    ]);
    const [{ current_version_id: dagVersionId }] = await db.query(
      `SELECT current_version_id FROM dag WHERE tenant_id = $1`,
      [a.tenantId],
    );
    const run = await app.get(DagRunRepository).create(a.tenantId, {
      dagId: 'usage_dag',
      dagVersionId,
      serialized: serializedDag('usage_dag'),
      runType: 'manual',
      logicalDate: new Date(),
      dataIntervalStart: new Date(),
      dataIntervalEnd: new Date(),
      conf: {},
    });
    Object.assign(a, { runId: run.runId, runPk: run.id });
    const ti = await app.get(TaskInstanceRepository).find(a.tenantId, run.id, 'extract');
    await db.query(`UPDATE task_instance SET state = 'running', try_number = 1 WHERE id = $1`, [ti?.id]);
  });

  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await new Promise((resolve) => httpTarget?.close(resolve));
    await database?.drop();
    await flushRedisPrefix(loadConfig().redisUrl, redisPrefix);
  });

  describe('tenant settings', () => {
    it('shows the tenant’s usage now, and nothing of it to another tenant', async () => {
      const mine = await call('GET', `tenants/${a.slug}/settings`, a.owner);
      expect(mine.status).toBe(200);
      expect(mine.json()).toMatchObject({
        slug: a.slug,
        usage: { dags: 1, runsToday: 1, tasksRunning: 1 },
        runningTaskLimit: { value: loadConfig().tenantMaxRunningTasks, source: 'platform', editable: false },
      });
      expect((await call('GET', `tenants/${b.slug}/settings`, b.owner)).json().usage).toEqual({
        dags: 0,
        runsToday: 0,
        tasksRunning: 0,
      });
      expect((await call('GET', `tenants/${a.slug}/settings`, b.owner)).status).toBe(404);
    });

    it('says what the caller may do: the role’s permissions and their team roles', async () => {
      const you = async (token: string) => (await call('GET', `tenants/${a.slug}/settings`, token)).json().you;
      const ownerPermissions: string[] = (await you(a.owner)).permissions;
      expect(ownerPermissions).toEqual(expect.arrayContaining(['members:manage', 'tenant:manage', 'dags:trigger']));
      expect(ownerPermissions).toHaveLength(new Set(ownerPermissions).size);
      const viewer = await you(tokens['viewer']);
      expect(viewer.role).toBe('viewer');
      expect(viewer.permissions).toContain('dags:read');
      expect(viewer.permissions).not.toContain('dags:trigger');
      expect((await you(tokens['editor'])).permissions).not.toContain('members:manage');
      expect(await you(tokens['member'])).toEqual({
        role: 'member',
        permissions: ['tenant:read', 'teams:read'],
        teamRoles: { data: 'editor' },
      });
    });

    it('is renamed by owners and admins only, and refuses a blank name naming the field', async () => {
      expect(
        (await call('PATCH', `tenants/${a.slug}/settings`, tokens['editor'], { name: 'Editor Was Here' })).status,
      ).toBe(403);
      const blank = await call('PATCH', `tenants/${a.slug}/settings`, tokens['admin'], { name: '   ' });
      expect(blank.status).toBe(400);
      expect(blank.json().details[0].field).toBe('name');
      const renamed = await call('PATCH', `tenants/${a.slug}/settings`, tokens['admin'], { name: ' Acme Data ' });
      expect(renamed.json()).toMatchObject({ slug: a.slug, name: 'Acme Data' });
      expect((await call('GET', 'auth/me', a.owner)).json().tenants[0]).toMatchObject({
        slug: a.slug,
        name: 'Acme Data',
      });
    });

    it('keeps data for the platform default days until owners or admins set the tenant’s own; a field left out goes back to the default', async () => {
      const defaults = await call('GET', `tenants/${a.slug}/settings/retention`, tokens['viewer']);
      expect(defaults.json()).toEqual({
        runs: { days: 90, source: 'platform' },
        logs: { days: 30, source: 'platform' },
        xcom: { days: 30, source: 'platform' },
        auditLog: { days: 365, source: 'platform' },
      });
      expect(
        (await call('PUT', `tenants/${a.slug}/settings/retention`, tokens['editor'], { runsDays: 7 })).status,
      ).toBe(403);
      const zero = await call('PUT', `tenants/${a.slug}/settings/retention`, tokens['admin'], { logsDays: 0 });
      expect([zero.status, zero.json().details[0].field]).toEqual([400, 'logsDays']);
      const set = await call('PUT', `tenants/${a.slug}/settings/retention`, tokens['admin'], {
        runsDays: 7,
        auditLogDays: 730,
      });
      expect(set.json()).toMatchObject({
        runs: { days: 7, source: 'tenant' },
        logs: { days: 30, source: 'platform' },
        auditLog: { days: 730, source: 'tenant' },
      });
      expect((await call('GET', `tenants/${b.slug}/settings/retention`, b.owner)).json().runs).toEqual({
        days: 90,
        source: 'platform',
      });
      await call('PUT', `tenants/${a.slug}/settings/retention`, a.owner, { auditLogDays: 730 });
      expect((await call('GET', `tenants/${a.slug}/settings/retention`, a.owner)).json().runs.source).toBe('platform');
      expect((await call('GET', `tenants/${a.slug}/settings/retention`, b.owner)).status).toBe(404);
    });

    it('lists the default channels', async () => {
      const created = await call('POST', `tenants/${a.slug}/notificationChannels`, a.owner, {
        name: 'oncall',
        type: 'email',
        isDefault: true,
        config: { addresses: ['oncall@example.com'] },
      });
      expect(created.status).toBe(201);
      expect((await call('GET', `tenants/${a.slug}/settings`, a.owner)).json().defaultChannels).toEqual([
        { id: created.json().id, name: 'oncall', type: 'email' },
      ]);
    });
  });

  describe('invitations', () => {
    it('are withdrawn by owners and admins: the link stops working; another tenant cannot touch them', async () => {
      const invite = async (email: string, role: string, token = a.owner) =>
        (await call('POST', `tenants/${a.slug}/invitations`, token, { email, role })).json();
      const viewer = await invite(`invitee-${suffix}@example.com`, 'viewer');
      const owner = await invite(`future-owner-${suffix}@example.com`, 'owner');
      const mail = await smtp.waitForMail(`invitee-${suffix}@example.com`);
      const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];

      expect((await call('DELETE', `tenants/${b.slug}/invitations/${viewer.id}`, b.owner)).status).toBe(404);
      expect((await call('DELETE', `tenants/${a.slug}/invitations/${viewer.id}`, tokens['editor'])).status).toBe(403);
      expect((await call('DELETE', `tenants/${a.slug}/invitations/${owner.id}`, tokens['admin'])).status).toBe(403);
      expect((await call('DELETE', `tenants/${a.slug}/invitations/${viewer.id}`, tokens['admin'])).status).toBe(204);
      expect((await call('DELETE', `tenants/${a.slug}/invitations/${viewer.id}`, tokens['admin'])).status).toBe(404);
      expect((await call('DELETE', `tenants/${a.slug}/invitations/not-a-uuid`, a.owner)).status).toBe(404);
      const pending = (await call('GET', `tenants/${a.slug}/invitations`, a.owner))
        .json()
        .items.map((i: { id: string }) => i.id);
      expect(pending).toEqual([owner.id]);
      const accepted = await call('POST', 'auth/invitations/accept', undefined, {
        token,
        password: `long-and-unusual-${suffix}`,
      });
      expect(accepted.status).toBeGreaterThanOrEqual(400);
    });
  });

  describe('connections', () => {
    it('are searched by connId within the tenant only', async () => {
      for (const connId of ['warehouse_pg', 'Warehouse_http', 'crm']) {
        expect(
          (
            await call('POST', `tenants/${a.slug}/connections`, a.owner, {
              connId,
              connType: 'http',
              host: 'example.com',
            })
          ).status,
        ).toBe(201);
      }
      const found = (await call('GET', `tenants/${a.slug}/connections?search=WAREHOUSE`, a.owner)).json();
      expect(found.items.map((c: { connId: string }) => c.connId)).toEqual(['Warehouse_http', 'warehouse_pg']);
      expect(found.total).toBe(2);
      expect((await call('GET', `tenants/${b.slug}/connections?search=warehouse`, b.owner)).json()).toMatchObject({
        items: [],
        total: 0,
      });
    });

    it('never send credentials in extra back, and keep them when the mask comes back on edit', async () => {
      const secret = `Bearer sk-${suffix}`;
      const created = await call('POST', `tenants/${a.slug}/connections`, a.owner, {
        connId: 'with_headers',
        connType: 'http',
        host: 'example.com',
        extra: { headers: { Authorization: secret }, apiKey: `key-${suffix}`, region: 'eu' },
      });
      expect(created.body).not.toContain(suffix);
      expect(created.json().extra).toEqual({ headers: { Authorization: MASK }, apiKey: MASK, region: 'eu' });
      const listed = await call('GET', `tenants/${a.slug}/connections`, a.owner);
      expect(listed.body).not.toContain(suffix);
      const edited = await call('PATCH', `tenants/${a.slug}/connections/with_headers`, a.owner, {
        extra: { ...created.json().extra, region: 'us' },
      });
      expect(edited.json().extra).toEqual({ headers: { Authorization: MASK }, apiKey: MASK, region: 'us' });
      const [row] = await db.query(`SELECT extra FROM connection WHERE tenant_id = $1 AND conn_id = 'with_headers'`, [
        a.tenantId,
      ]);
      expect(row.extra).toEqual({ headers: { Authorization: secret }, apiKey: `key-${suffix}`, region: 'us' });
    });

    it('test connection: http and postgres through the egress policy, saying why when it fails', async () => {
      const make = async (connId: string, body: Record<string, unknown>) =>
        expect((await call('POST', `tenants/${a.slug}/connections`, a.owner, { connId, ...body })).status).toBe(201);
      await make('http_ok', { connType: 'http', host: '127.0.0.1', port: httpPort });
      await make('http_private', { connType: 'http', host: 'localhost', port: httpPort });
      await make('pg_ok', {
        connType: 'postgres',
        host: '127.0.0.1',
        port: 5432,
        login: 'postgres',
        schema: 'postgres',
      });
      await make('pg_closed', { connType: 'postgres', host: '127.0.0.1', port: 1, login: 'postgres' });
      await make('mystery', { connType: 'ftp', host: 'example.com' });
      const test = (connId: string, token = a.owner) =>
        call('POST', `tenants/${a.slug}/connections/${connId}/test`, token);

      expect((await test('http_ok')).json()).toMatchObject({ ok: true });
      const refused = (await test('http_private')).json();
      expect(refused.ok).toBe(false);
      expect(refused.message).toContain('private or loopback address');
      expect((await test('pg_ok')).json()).toMatchObject({ ok: true });
      const closed = (await test('pg_closed')).json();
      expect(closed.ok).toBe(false);
      expect(closed.message).toContain('sql on pg_closed failed');
      const unknown = await test('mystery');
      expect(unknown.status).toBe(400);
      expect(unknown.json().message).toContain(`not 'ftp'`);
      expect((await test('http_ok', tokens['viewer'])).status).toBe(403);
      expect((await call('POST', `tenants/${b.slug}/connections/http_ok/test`, b.owner)).status).toBe(404);
    });
  });

  describe('SLA misses', () => {
    it('filter by detection time and lead to their notification deliveries', async () => {
      const [old] = await db.query(
        `INSERT INTO sla_miss (tenant_id, dag_id, dag_run_id, task_id, expected_at, detected_at) VALUES ($1, 'usage_dag', $2, 'extract', '2024-01-01T00:00:00Z', '2024-01-01T01:00:00Z') RETURNING id`,
        [a.tenantId, a.runPk],
      );
      const [recent] = await db.query(
        `INSERT INTO sla_miss (tenant_id, dag_id, dag_run_id, task_id, expected_at) VALUES ($1, 'usage_dag', $2, NULL, now() - interval '1 hour') RETURNING id`,
        [a.tenantId, a.runPk],
      );
      const list = async (query: string) =>
        (await call('GET', `tenants/${a.slug}/slaMisses?${query}`, tokens['viewer'])).json();
      expect((await list('')).total).toBe(2);
      expect((await list('from=2024-06-01T00:00:00Z')).items.map((m: { id: string }) => m.id)).toEqual([recent.id]);
      expect((await list('to=2024-06-01T00:00:00Z')).items).toMatchObject([
        { id: old.id, runId: a.runId, taskId: 'extract', notificationKey: `sla-miss:${old.id}` },
      ]);
      const bad = await call('GET', `tenants/${a.slug}/slaMisses?from=yesterday`, a.owner);
      expect(bad.status).toBe(400);
      expect(bad.json().message).toContain('from must be an ISO 8601 time');

      const [channel] = await db.query(`SELECT id FROM notification_channel WHERE tenant_id = $1`, [a.tenantId]);
      const deliveries = app.get(NotificationDeliveryRepository);
      await deliveries.record(a.tenantId, {
        channelId: channel.id,
        notificationKey: `sla-miss:${old.id}`,
        kind: 'sla_miss',
        subject: 'late',
        status: 'failed',
        attempt: 1,
        error: 'mailbox full',
      });
      await deliveries.record(a.tenantId, {
        channelId: channel.id,
        notificationKey: `sla-miss:${recent.id}`,
        kind: 'deadline_miss',
        subject: 'late',
        status: 'sent',
        attempt: 1,
        error: null,
      });
      const attempts = (
        await call('GET', `tenants/${a.slug}/notificationDeliveries?notificationKey=sla-miss:${old.id}`, a.owner)
      ).json();
      expect(attempts.items).toMatchObject([
        { notificationKey: `sla-miss:${old.id}`, status: 'failed', error: 'mailbox full' },
      ]);
      expect(
        (
          await call('GET', `tenants/${b.slug}/notificationDeliveries?notificationKey=sla-miss:${old.id}`, b.owner)
        ).json().total,
      ).toBe(0);
    });
  });
});
