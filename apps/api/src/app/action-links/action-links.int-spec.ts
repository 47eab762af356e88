import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadConfig, UPDRAFT_CONFIG } from '@updraft/config';
import { ActionLinkSigner } from '@updraft/notifications';
import {
  ApiClient,
  createTestDatabase,
  flushRedisPrefix,
  randomSuffix,
  TestDatabase,
  uniqueRedisPrefix,
} from '@updraft/testing';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { createValidationPipe } from '../../services/http/validation';
import { AuditService } from '../audit/audit.service';
import { AppModule } from '../app.module';
import { ActionLinkRegistry } from './action-link-registry';

const suffix = randomSuffix();

/** The action-link primitive with a feature of the test's own ("door", opened by link), in the real api on PostgreSQL. */
describe('action links (in-process api on PostgreSQL)', () => {
  const redisPrefix = uniqueRedisPrefix();
  let database: TestDatabase;
  let app: INestApplication;
  let base: string;
  let db: DataSource;
  let signer: ActionLinkSigner;
  const opened: string[] = [];
  const a = { tenantId: '', userId: '' };
  const b = { tenantId: '', userId: '' };

  async function signup(slug: string): Promise<{ tenantId: string; userId: string }> {
    const reply = await new ApiClient(base).post<{ user: { id: string }; tenant: { id: string } }>('/auth/signup', {
      json: { email: `${slug}@example.com`, password: `long-and-unusual-${suffix}`, tenantSlug: slug },
    });
    expect(reply.status).toBe(201);
    return { tenantId: reply.body.tenant.id, userId: reply.body.user.id };
  }

  const link = (over: Partial<Parameters<ActionLinkSigner['token']>[0]> = {}) =>
    signer.token({
      tenantId: a.tenantId,
      subjectKind: 'door',
      subjectId: 'front',
      userId: a.userId,
      action: 'open',
      expiresAt: new Date(Date.now() + 60_000),
      ...over,
    });

  const show = (token: string) => fetch(`${base}/api/v1/actionLinks/${token}`);
  const confirm = (token: string) =>
    fetch(`${base}/api/v1/actionLinks`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = { ...loadConfig(), databaseUrl: database.url, redisPrefix };
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(UPDRAFT_CONFIG)
      .useValue(config)
      .compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    app.use(app.get(AuditService).middleware());
    app.setGlobalPrefix('api/v1');
    app.useGlobalPipes(createValidationPipe());
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    db = app.get(DataSource);
    signer = app.get(ActionLinkSigner);
    app.get(ActionLinkRegistry).register({
      subjectKind: 'door',
      describe: async (claims) =>
        claims.subjectId === 'front'
          ? { title: `Open the ${claims.subjectId} door?`, lines: ['It is closed.'], confirmLabel: 'Open' }
          : null,
      perform: async (claims, holder, tx) => {
        await tx.query('SELECT 1');
        opened.push(`${claims.tenantId}:${holder.email}:${claims.action}`);
        return { done: true, message: 'The door is open.' };
      },
    });
    Object.assign(a, await signup(`links-a-${suffix}`));
    Object.assign(b, await signup(`links-b-${suffix}`));
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await flushRedisPrefix(loadConfig().redisUrl, redisPrefix);
  });

  it('asks on GET without acting, acts once on POST, and a replay does nothing', async () => {
    const token = link();
    const page = await show(token);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Open the front door?');
    expect(html).toContain('action="../actionLinks"');
    expect(opened).toEqual([]);

    const done = await confirm(token);
    expect([done.status, await done.text()]).toEqual([200, expect.stringContaining('The door is open.')]);
    expect(opened).toEqual([`${a.tenantId}:links-a-${suffix}@example.com:open`]);

    const again = await confirm(token);
    expect(again.status).toBe(410);
    expect((await show(token)).status).toBe(410);
    expect(opened).toHaveLength(1);

    const [entry] = await db.query(
      `SELECT actor_email, action, target FROM audit_log WHERE tenant_id = $1 AND action = 'POST /actionLinks' ORDER BY id LIMIT 1`,
      [a.tenantId],
    );
    expect(entry).toEqual({ actor_email: `links-a-${suffix}@example.com`, action: 'POST /actionLinks', target: {} });
  });

  it('refuses a forged, an expired, a foreign-tenant and a garbage link without acting', async () => {
    const forged = link().replace(/\.(.)/, (_, c: string) => `.${c === 'A' ? 'B' : 'A'}`);
    const body = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(link().split('.')[0], 'base64url').toString()), a: 'smash' }),
    ).toString('base64url');
    const retargeted = `${body}.${link().split('.')[1]}`;
    const expired = link({ expiresAt: new Date(Date.now() - 1000) });
    // Signed rightly, but for a user who is no member of the tenant it names.
    const foreign = link({ tenantId: b.tenantId, userId: a.userId });
    for (const [what, token, status] of [
      ['forged', forged, 404],
      ['retargeted', retargeted, 404],
      ['expired', expired, 410],
      ['foreign tenant', foreign, 403],
      ['garbage', 'garbage', 404],
    ] as const) {
      expect([what, (await show(token)).status]).toEqual([what, status]);
      expect([what, (await confirm(token)).status]).toEqual([what, status]);
    }
    expect((await confirm('')).status).toBe(404);
    expect(opened).toHaveLength(1);
  });

  it('does nothing when the feature finds nothing to act on', async () => {
    const token = link({ subjectId: 'back' });
    expect((await show(token)).status).toBe(404);
    expect((await confirm(token)).status).toBe(404);
    expect(opened).toHaveLength(1);
  });
});
