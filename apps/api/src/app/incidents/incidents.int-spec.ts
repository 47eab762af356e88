import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Incident, IncidentDetail, IncidentPage } from '@updraft/api-types';
import { loadConfig, UPDRAFT_CONFIG } from '@updraft/config';
import { ActionLinkSigner, INCIDENT_LINK_KIND } from '@updraft/notifications';
import { DagRunRepository, IncidentRepository } from '@updraft/persistence';
import type { SerializedDag } from '@updraft/sdk';
import {
  ApiClient,
  createTestDatabase,
  deploySerialized,
  emptyTask,
  flushRedisPrefix,
  randomSuffix,
  serializedDagOf,
  TestDatabase,
  uniqueRedisPrefix,
} from '@updraft/testing';
import type { AddressInfo } from 'node:net';
import { createValidationPipe } from '../../services/http/validation';
import { AppModule } from '../app.module';
import { AuditService } from '../audit/audit.service';

const suffix = randomSuffix();

interface Member {
  tenantId: string;
  userId: string;
  slug: string;
  api: ApiClient;
}

/** The incidents API and the acknowledge/resolve links of incident alerts, in the real api on PostgreSQL. */
describe('incidents API and action links (in-process api on PostgreSQL)', () => {
  const redisPrefix = uniqueRedisPrefix();
  let database: TestDatabase;
  let app: INestApplication;
  let base: string;
  let signer: ActionLinkSigner;
  let incidents: IncidentRepository;
  let a: Member;
  let b: Member;

  async function signup(slug: string): Promise<Member> {
    const reply = await new ApiClient(base).post<{
      user: { id: string };
      tenant: { id: string };
      accessToken: string;
    }>('/auth/signup', {
      json: { email: `${slug}@example.com`, password: `long-and-unusual-${suffix}`, tenantSlug: slug },
    });
    expect(reply.status).toBe(201);
    return {
      tenantId: reply.body.tenant.id,
      userId: reply.body.user.id,
      slug,
      api: new ApiClient(base, reply.body.accessToken),
    };
  }

  /** A failed run of a critical DAG, taken through the scheduler's own signal handling: one open incident. */
  async function failedCriticalRun(tenantId: string, dagId: string): Promise<string> {
    const serialized: SerializedDag = serializedDagOf(dagId, [emptyTask('charge')], {
      critical: true,
      incidents: { severity: 'critical', escalateAfterMs: null, escalateTo: [] },
    });
    const runs = app.get(DagRunRepository);
    const currentVersionId = await deploySerialized(app, tenantId, serialized);
    const when = new Date();
    const run = await runs.create(tenantId, {
      dagId,
      dagVersionId: currentVersionId,
      serialized,
      runType: 'manual',
      logicalDate: when,
      dataIntervalStart: when,
      dataIntervalEnd: when,
      conf: {},
    });
    await runs.mark(tenantId, run.id, 'failed');
    expect(await incidents.recordSignals(60_000, 100)).toBe(1);
    const [handled] = await incidents.handleSignals(100);
    expect(handled.opened).toBe(true);
    return handled.incidentId;
  }

  const link = (member: Member, incidentId: string, action: string, expiresInMs = 60_000) =>
    signer.token({
      tenantId: member.tenantId,
      subjectKind: INCIDENT_LINK_KIND,
      subjectId: incidentId,
      userId: member.userId,
      action,
      expiresAt: new Date(Date.now() + expiresInMs),
    });
  const show = (token: string) => fetch(`${base}/api/v1/actionLinks/${token}`);
  const confirm = (token: string) =>
    fetch(`${base}/api/v1/actionLinks`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    });
  const stateOf = async (member: Member, incidentId: string) =>
    (await incidents.get(member.tenantId, incidentId))?.state;

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
    signer = app.get(ActionLinkSigner);
    incidents = app.get(IncidentRepository);
    a = await signup(`inc-a-${suffix}`);
    b = await signup(`inc-b-${suffix}`);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await flushRedisPrefix(loadConfig().redisUrl, redisPrefix);
  });

  it('lists unresolved incidents first, shows the timeline, and acknowledges, notes and resolves once each', async () => {
    const older = await failedCriticalRun(a.tenantId, 'payments');
    const resolved = await a.api.post<Incident>(`/tenants/${a.slug}/incidents/${older}/resolve`, {
      json: { note: 'card processor was down' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ state: 'resolved', resolvedBy: `${a.slug}@example.com` });
    const open = await failedCriticalRun(a.tenantId, 'payouts');

    const list = await a.api.get<IncidentPage>(`/tenants/${a.slug}/incidents`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((i) => [i.dagId, i.state])).toEqual([
      ['payouts', 'open'],
      ['payments', 'resolved'],
    ]);
    const filtered = await a.api.get<IncidentPage>(`/tenants/${a.slug}/incidents`, {
      query: { state: 'unresolved', severity: 'critical' },
    });
    expect(filtered.body.items.map((i) => i.id)).toEqual([open]);
    expect((await a.api.get(`/tenants/${a.slug}/incidents`, { query: { state: 'sideways' } })).status).toBe(400);

    const acked = await a.api.post<Incident>(`/tenants/${a.slug}/incidents/${open}/acknowledge`);
    expect(acked.body).toMatchObject({ state: 'acknowledged', acknowledgedBy: `${a.slug}@example.com` });
    const again = await a.api.post<{ message: string }>(`/tenants/${a.slug}/incidents/${open}/acknowledge`);
    expect([again.status, again.body.message]).toEqual([
      409,
      `incident '${open}' was acknowledged already by ${a.slug}@example.com`,
    ]);
    const noted = await a.api.post<IncidentDetail>(`/tenants/${a.slug}/incidents/${open}/notes`, {
      json: { text: 'retrying the payouts by hand' },
    });
    expect(noted.status).toBe(201);
    expect(noted.body.runs).toHaveLength(1);
    expect(noted.body.timeline.map((e) => [e.kind, e.actor, e.via, e.text])).toEqual([
      ['opened', null, 'scheduler', expect.stringMatching(/^run manual__.* failed$/)],
      ['acknowledged', `${a.slug}@example.com`, 'api', ''],
      ['note', `${a.slug}@example.com`, 'api', 'retrying the payouts by hand'],
    ]);
    expect((await a.api.post(`/tenants/${a.slug}/incidents/${older}/resolve`, { json: {} })).status).toBe(409);
  });

  it("keeps each tenant's incidents to itself, and a read-only token cannot respond", async () => {
    const [incident] = (await a.api.get<IncidentPage>(`/tenants/${a.slug}/incidents`)).body.items;
    expect((await b.api.get<IncidentPage>(`/tenants/${b.slug}/incidents`)).body.total).toBe(0);
    expect((await b.api.get(`/tenants/${b.slug}/incidents/${incident.id}`)).status).toBe(404);
    expect((await b.api.post(`/tenants/${b.slug}/incidents/${incident.id}/resolve`, { json: {} })).status).toBe(404);
    expect((await b.api.get(`/tenants/${a.slug}/incidents`)).status).toBe(404);

    const token = await a.api.post<{ token: string }>(`/tenants/${a.slug}/apiTokens`, {
      json: { name: 'dashboards', scopes: ['read'] },
    });
    const reader = a.api.withToken(token.body.token);
    expect((await reader.get<IncidentPage>(`/tenants/${a.slug}/incidents`)).body.total).toBe(2);
    expect((await reader.post(`/tenants/${a.slug}/incidents/${incident.id}/resolve`, { json: {} })).status).toBe(403);
    expect(await stateOf(a, incident.id)).toBe('acknowledged');
  });

  it('acknowledges by link once, after a confirmation page; a forged, replayed, expired or foreign-tenant link does nothing', async () => {
    const incidentId = await failedCriticalRun(a.tenantId, 'refunds');
    const ack = link(a, incidentId, 'acknowledge');

    const page = await show(ack);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Acknowledge the incident &#34;refunds: run failed&#34;?');
    expect(await stateOf(a, incidentId)).toBe('open');

    const forged = ack.replace(/\.(.)/, (_, c: string) => `.${c === 'A' ? 'B' : 'A'}`);
    const expired = link(a, incidentId, 'acknowledge', -1_000);
    // Signed rightly, by tenant b's own member, but naming tenant a's incident: b has no such incident.
    const foreign = link(b, incidentId, 'acknowledge');
    // Tenant a's incident, but held by someone who is not a member of tenant a.
    const stranger = link({ ...b, tenantId: a.tenantId }, incidentId, 'acknowledge');
    for (const [what, token, status] of [
      ['forged', forged, 404],
      ['expired', expired, 410],
      ['foreign tenant', foreign, 404],
      ['not a member', stranger, 403],
      ['unknown action', link(a, incidentId, 'delete'), 404],
    ] as const) {
      expect([what, (await show(token)).status]).toEqual([what, status]);
      expect([what, (await confirm(token)).status]).toEqual([what, status]);
    }
    expect(await stateOf(a, incidentId)).toBe('open');

    const done = await confirm(ack);
    expect([done.status, await done.text()]).toEqual([200, expect.stringContaining('The incident is acknowledged.')]);
    expect((await confirm(ack)).status).toBe(410);
    const taken = await confirm(link(a, incidentId, 'acknowledge'));
    expect([taken.status, await taken.text()]).toEqual([
      409,
      expect.stringContaining(`acknowledged already by ${a.slug}@example.com`),
    ]);

    expect((await confirm(link(a, incidentId, 'resolve'))).status).toBe(200);
    const detail = await a.api.get<IncidentDetail>(`/tenants/${a.slug}/incidents/${incidentId}`);
    expect(detail.body).toMatchObject({ state: 'resolved', resolvedBy: `${a.slug}@example.com` });
    expect(detail.body.timeline.map((e) => [e.kind, e.via])).toEqual([
      ['opened', 'scheduler'],
      ['acknowledged', 'link'],
      ['resolved', 'link'],
    ]);
  });
});
