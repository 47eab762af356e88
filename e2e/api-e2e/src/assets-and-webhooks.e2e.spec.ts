import type {
  AssetEventPage,
  AssetList,
  CreatedAssetEvent,
  DagRun,
  Page,
  QueuedAssetEventList,
  WebhookCallResult,
  WebhookDeliveryPage,
  WebhookWithSecret,
  XComEntryList,
} from '@updraft/api-types';
import {
  ApiClient,
  createTestDatabase,
  DEFAULT_REDIS_URL,
  deployBundle,
  flushRedisPrefix,
  migrateWithBuiltApi,
  runBuiltCli,
  seg,
  signupOwner,
  Stack,
  startStack,
  TestDatabase,
  uniqueRedisPrefix,
  waitFor,
} from '@updraft/testing';
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SUITE = 'api-e2e-assets';
const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;
const A = 's3://lake/a';
const B = 's3://lake/b';

const DAGS = `import { and, asset, assetOrTime, bash, dag, empty, or, task } from '@updraft/sdk';

const a = asset('${A}');
const b = asset('${B}');
const fromHook = asset('s3://lake/from-hook');

dag('producer', { schedule: null }, () => {
  task('write_a', async (ctx) => {
    await ctx.setOutletExtra(a, { rows: 42 });
    return 'a';
  }, { outlets: [a] }).then(bash('write_b', { command: 'echo b', outlets: [b] }));
});

dag('on_both', { schedule: and(a, b) }, () => {
  task('see', async (ctx) => ctx.triggeringAssetEvents);
  bash('templated', { command: "echo rows={{ triggering_asset_events['${A}'][0].extra.rows }}" });
});

dag('on_either', { schedule: or(a, b) }, () => {
  task('see', async (ctx) =>
    Object.values(ctx.triggeringAssetEvents).flat().map((e) => e.id).sort((x, y) => Number(x) - Number(y)),
  );
});

dag('daily_or_both', { schedule: assetOrTime('0 0 1 1 *', [a, b]), startDate: '2999-01-01' }, () => {
  empty('e');
});

dag('on_hook', { schedule: fromHook }, () => {
  task('see', async (ctx) => ctx.triggeringAssetEvents['s3://lake/from-hook'].map((e) => e.extra));
});

dag('hooked', { schedule: null, params: { orderId: { type: 'string' } } }, () => {
  bash('echo', { command: 'echo order {{ params.orderId }}' });
});
`;

function sign(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

describe('asset-triggered runs and webhooks with the api, a worker and two schedulers as processes', () => {
  let db: TestDatabase | undefined;
  let stack: Stack | undefined;
  let second: Stack | undefined;
  const redisPrefix = uniqueRedisPrefix();
  let ownerA: ApiClient;
  let ownerB: ApiClient;
  const tenantA = 'assets-a';
  const tenantB = 'assets-b';

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: (url) => migrateWithBuiltApi(url, SUITE) });
    stack = await startStack({ databaseUrl: db.url, redisPrefix, redisUrl, suite: SUITE });
    // A second scheduler on the same database and Redis: every event must still be consumed once.
    second = await startStack({
      databaseUrl: db.url,
      redisPrefix,
      redisUrl,
      suite: `${SUITE}-second`,
      apps: ['scheduler'],
      env: { ENCRYPTION_KEY: stack.env['ENCRYPTION_KEY'], JWT_SECRET: stack.env['JWT_SECRET'] },
    });
    ownerA = await signupOwner(stack.baseUrl, 'a@e2e.updraft.test', tenantA);
    ownerB = await signupOwner(stack.baseUrl, 'b@e2e.updraft.test', tenantB);
    for (const [owner, tenant] of [
      [ownerA, tenantA],
      [ownerB, tenantB],
    ] as const) {
      const uploaded = await deployBundle(owner, tenant, 'assets', { 'dags/assets.ts': DAGS });
      expect([uploaded.status, uploaded.body.status, uploaded.body.errors]).toEqual([201, 'active', []]);
    }
  }, 180_000);

  afterAll(async () => {
    await second?.stop();
    await stack?.stop();
    await db?.drop();
    await flushRedisPrefix(redisUrl, redisPrefix);
  }, 60_000);

  const assetRuns = async (owner: ApiClient, tenant: string, dagId: string) =>
    (
      await owner.get<Page<DagRun>>(`/tenants/${tenant}/dags/${dagId}/dagRuns`, {
        query: { runType: 'asset_triggered', limit: 100 },
      })
    ).body.items.sort((x, y) => x.logicalDate.localeCompare(y.logicalDate));

  const queued = async (owner: ApiClient, tenant: string) =>
    (await owner.get<QueuedAssetEventList>(`/tenants/${tenant}/assets/queuedEvents`)).body.items;

  async function settle(what: string, done: () => Promise<boolean>): Promise<void> {
    await waitFor(done, (ok) => ok, { timeoutMs: 90_000, what });
  }

  async function allRunsFinished(owner: ApiClient, tenant: string, dagIds: string[]): Promise<boolean> {
    for (const dagId of dagIds)
      if ((await assetRuns(owner, tenant, dagId)).some((r) => r.state !== 'success' && r.state !== 'failed'))
        return false;
    return true;
  }

  async function runProducer(): Promise<void> {
    const run = await ownerA.post<DagRun>(`/tenants/${tenantA}/dags/producer/dagRuns`, { json: {} });
    expect(run.status).toBe(201);
    await waitFor(
      async () =>
        (await ownerA.get<DagRun>(`/tenants/${tenantA}/dags/producer/dagRuns/${seg(run.body.runId)}`)).body.state,
      (state) => state === 'success' || state === 'failed',
      { timeoutMs: 60_000, what: 'the producer run to end' },
    );
  }

  async function xcom(tenant: string, dagId: string, runId: string, taskId: string): Promise<unknown> {
    const entries = await ownerA.get<XComEntryList>(
      `/tenants/${tenant}/dags/${dagId}/dagRuns/${seg(runId)}/taskInstances/${taskId}/xcomEntries`,
    );
    return entries.body.items.find((e) => e.key === 'return_value')?.value;
  }

  it('runs an and() consumer once per pair of updates, and the time-or-asset DAG on both, each event consumed once', async () => {
    for (let pair = 1; pair <= 2; pair++) {
      await runProducer();
      await settle(`pair ${pair} to be consumed`, async () => {
        const waiting = await queued(ownerA, tenantA);
        return (
          waiting.length === 0 &&
          (await assetRuns(ownerA, tenantA, 'on_both')).length === pair &&
          (await allRunsFinished(ownerA, tenantA, ['on_both', 'on_either', 'daily_or_both']))
        );
      });
    }
    const both = await assetRuns(ownerA, tenantA, 'on_both');
    expect(both.map((r) => r.state)).toEqual(['success', 'success']);
    expect((await assetRuns(ownerA, tenantA, 'daily_or_both')).map((r) => r.state)).toEqual(['success', 'success']);

    const events = await ownerA.get<AssetEventPage>(`/tenants/${tenantA}/assets/events`, { query: { uri: A } });
    expect(events.body.total).toBe(2);
    expect(events.body.items.map((e) => [e.sourceDagId, e.sourceTaskId, e.extra])).toEqual([
      ['producer', 'write_a', { rows: 42 }],
      ['producer', 'write_a', { rows: 42 }],
    ]);
    // Each run sees its own pair, and the templates see the same events.
    const seen = (await xcom(tenantA, 'on_both', both[1].runId, 'see')) as Record<string, { id: string }[]>;
    expect(Object.keys(seen).sort()).toEqual([A, B]);
    expect(seen[A].map((e) => e.id)).toEqual([events.body.items[0].id]);
    expect(await xcom(tenantA, 'on_both', both[0].runId, 'templated')).toBe('rows=42');

    // The or() consumer ran at least once per pair and consumed each of the four events exactly once.
    const either = await assetRuns(ownerA, tenantA, 'on_either');
    expect(either.length).toBeGreaterThanOrEqual(2);
    const consumed = (
      await Promise.all(either.map((r) => xcom(tenantA, 'on_either', r.runId, 'see') as Promise<string[]>))
    ).flat();
    const eventsOfB = await ownerA.get<AssetEventPage>(`/tenants/${tenantA}/assets/events`, { query: { uri: B } });
    const produced = [...events.body.items, ...eventsOfB.body.items].map((e) => e.id);
    expect(consumed.sort()).toEqual(produced.sort());
  });

  it('runs an or() consumer on each update made by hand', async () => {
    const before = (await assetRuns(ownerA, tenantA, 'on_either')).length;
    for (const [n, uri] of [A, B].entries()) {
      const emitted = await ownerA.post<CreatedAssetEvent>(`/tenants/${tenantA}/assets/events`, {
        json: { uri, extra: { by: 'hand' } },
      });
      expect(emitted.status).toBe(201);
      expect(emitted.body.queuedFor).toEqual(expect.arrayContaining(['on_either', 'on_both', 'daily_or_both']));
      await settle(`the or() consumer to run for ${uri}`, async () => {
        const runs = await assetRuns(ownerA, tenantA, 'on_either');
        return runs.length === before + n + 1 && runs.every((r) => r.state === 'success');
      });
      const runs = await assetRuns(ownerA, tenantA, 'on_either');
      expect(await xcom(tenantA, 'on_either', runs[runs.length - 1].runId, 'see')).toEqual([emitted.body.event.id]);
    }
    // The and() consumer ran once for the pair made by hand.
    await settle(
      'the and() consumer to run for the pair made by hand',
      async () => (await assetRuns(ownerA, tenantA, 'on_both')).length === 3,
    );
  });

  it('lists assets with producers and consumers; a read-only token may not emit or manage webhooks', async () => {
    const list = await ownerA.get<AssetList>(`/tenants/${tenantA}/assets`);
    const a = list.body.items.find((x) => x.uri === A);
    expect(a?.producers).toEqual([{ dagId: 'producer', taskId: 'write_a' }]);
    expect(a?.consumers.map((c) => [c.dagId, c.condition])).toEqual([
      ['daily_or_both', `(${A} & ${B})`],
      ['on_both', `(${A} & ${B})`],
      ['on_either', `(${A} | ${B})`],
    ]);
    const unknown = await ownerA.post(`/tenants/${tenantA}/assets/events`, { json: { uri: 's3://nowhere' } });
    expect(unknown.status).toBe(404);
    // A token that may only read sees the assets but may not emit.
    const token = await ownerA.post<{ token: string }>(`/tenants/${tenantA}/apiTokens`, {
      json: { name: 'reader', scopes: ['read'] },
    });
    expect(token.status).toBe(201);
    const reader = new ApiClient(stack?.baseUrl as string).withToken(token.body.token);
    expect((await reader.get(`/tenants/${tenantA}/assets`)).status).toBe(200);
    expect((await reader.post(`/tenants/${tenantA}/assets/events`, { json: { uri: A } })).status).toBe(403);
    expect((await reader.post(`/tenants/${tenantA}/webhooks`, { json: { name: 'x', assetUri: A } })).status).toBe(403);
  });

  describe('webhooks', () => {
    let assetHook: WebhookWithSecret;
    let dagHook: WebhookWithSecret;

    const call = async (
      tenant: string,
      hook: string,
      secret: string,
      body: string,
      over: Record<string, string> = {},
    ) => {
      const timestamp = Math.floor(Date.now() / 1000);
      const response = await fetch(`${stack?.baseUrl}/api/v1/hooks/${tenant}/${hook}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-updraft-timestamp': String(timestamp),
          'x-updraft-signature': sign(secret, timestamp, body),
          'x-updraft-delivery': `d-${Math.random()}`,
          ...over,
        },
        body,
      });
      return { status: response.status, body: (await response.json()) as WebhookCallResult & { message?: string } };
    };

    beforeAll(async () => {
      const created = await ownerA.post<WebhookWithSecret>(`/tenants/${tenantA}/webhooks`, {
        json: { name: 'landed', assetUri: 's3://lake/from-hook' },
      });
      expect(created.status).toBe(201);
      assetHook = created.body;
      const forDag = await ownerA.post<WebhookWithSecret>(`/tenants/${tenantA}/webhooks`, {
        json: { name: 'orders', dagId: 'hooked', confMapping: { orderId: '$.order.id' } },
      });
      expect(forDag.status).toBe(201);
      dagHook = forDag.body;
    });

    it('refuses a bad signature, an old timestamp and a replayed delivery id, creating nothing', async () => {
      const body = JSON.stringify({ order: { id: 'o-1' } });
      const old = Math.floor(Date.now() / 1000) - 3600;
      const refused = [
        await call(tenantA, 'orders', 'not-the-secret', body),
        await call(tenantA, 'orders', dagHook.secret, body, {
          'x-updraft-timestamp': String(old),
          'x-updraft-signature': sign(dagHook.secret, old, body),
        }),
        await call(tenantA, 'orders', dagHook.secret, body, { 'x-updraft-signature': 'sha256=00' }),
      ];
      expect(refused.map((r) => r.status)).toEqual([401, 401, 401]);
      expect(JSON.stringify(refused.map((r) => r.body))).not.toMatch(/at .*\.js/);

      const accepted = await call(tenantA, 'orders', dagHook.secret, body, { 'x-updraft-delivery': 'delivery-1' });
      expect([accepted.status, accepted.body.outcome]).toEqual([200, 'accepted']);
      const replayed = await call(tenantA, 'orders', dagHook.secret, body, { 'x-updraft-delivery': 'delivery-1' });
      expect([replayed.status, replayed.body.outcome, replayed.body.dagRunId]).toEqual([200, 'duplicate', null]);

      const runs = (await ownerA.get<Page<DagRun>>(`/tenants/${tenantA}/dags/hooked/dagRuns`)).body.items;
      expect(runs.map((r) => [r.runId, r.conf])).toEqual([[accepted.body.dagRunId, { orderId: 'o-1' }]]);

      const log = await ownerA.get<WebhookDeliveryPage>(`/tenants/${tenantA}/webhooks/orders/deliveries`);
      expect(log.body.items.map((d) => [d.outcome, d.statusCode]).reverse()).toEqual([
        ['bad_signature', 401],
        ['stale_timestamp', 401],
        ['bad_signature', 401],
        ['accepted', 200],
        ['duplicate', 200],
      ]);
    });

    it('records an event of its asset that triggers the DAG scheduled on it, and stops taking the old secret once rotated', async () => {
      const accepted = await call(tenantA, 'landed', assetHook.secret, JSON.stringify({ file: 'x.csv' }));
      expect([accepted.status, accepted.body.outcome]).toEqual([200, 'accepted']);
      await settle('the hook-triggered run', async () => {
        const runs = await assetRuns(ownerA, tenantA, 'on_hook');
        return runs.length === 1 && runs[0].state === 'success';
      });
      const [run] = await assetRuns(ownerA, tenantA, 'on_hook');
      expect(await xcom(tenantA, 'on_hook', run.runId, 'see')).toEqual([{ file: 'x.csv' }]);

      const rotated = await ownerA.post<WebhookWithSecret>(`/tenants/${tenantA}/webhooks/landed/rotateSecret`);
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).not.toBe(assetHook.secret);
      expect((await call(tenantA, 'landed', assetHook.secret, '{}')).status).toBe(401);
      expect((await call(tenantA, 'landed', rotated.body.secret, '{}')).status).toBe(200);
      await settle('the second hook-triggered run', async () => {
        const runs = await assetRuns(ownerA, tenantA, 'on_hook');
        return runs.length === 2 && runs.every((r) => r.state === 'success');
      });
    });

    it("never lets tenant B's webhook or event trigger tenant A's DAGs", async () => {
      const countsA = async () =>
        Promise.all(['on_both', 'on_either', 'on_hook'].map(async (d) => (await assetRuns(ownerA, tenantA, d)).length));
      const before = await countsA();
      const eventsOfA = async () =>
        (await ownerA.get<AssetEventPage>(`/tenants/${tenantA}/assets/events`, { query: { uri: A } })).body.total;
      const eventsBefore = await eventsOfA();

      const hookB = await ownerB.post<WebhookWithSecret>(`/tenants/${tenantB}/webhooks`, {
        json: { name: 'landed', assetUri: A },
      });
      expect(hookB.status).toBe(201);
      expect((await call(tenantB, 'landed', hookB.body.secret, '{}')).status).toBe(200);
      // B's secret does not open A's hook of the same name, and A's hook cannot be reached through B.
      expect((await call(tenantA, 'landed', hookB.body.secret, '{}')).status).toBe(401);
      expect((await call(tenantB, 'orders', dagHook.secret, '{}')).status).toBe(404);
      const emitted = await ownerB.post<CreatedAssetEvent>(`/tenants/${tenantB}/assets/events`, { json: { uri: B } });
      expect(emitted.status).toBe(201);

      await settle(
        "tenant B's own consumer to run",
        async () => (await assetRuns(ownerB, tenantB, 'on_both')).length === 1,
      );
      expect(await countsA()).toEqual(before);
      expect(await eventsOfA()).toBe(eventsBefore);
      expect((await queued(ownerA, tenantA)).filter((q) => q.uri === A || q.uri === B)).toEqual([]);
      // A's token cannot read B's assets.
      expect([403, 404]).toContain((await ownerA.get(`/tenants/${tenantB}/assets`)).status);
    });
  });

  it('lists, shows and emits through `updraft assets` (the built CLI)', async () => {
    const token = await ownerA.post<{ token: string }>(`/tenants/${tenantA}/apiTokens`, {
      json: { name: 'cli', scopes: ['read', 'assets:emit'] },
    });
    expect(token.status).toBe(201);
    const dir = await mkdtemp(join(tmpdir(), 'updraft-e2e-assets-'));
    const env = {
      UPDRAFT_URL: stack?.baseUrl as string,
      UPDRAFT_TOKEN: token.body.token,
      UPDRAFT_TENANT: tenantA,
      UPDRAFT_CONFIG_DIR: dir,
      NO_COLOR: '1',
    };
    try {
      const emit = await runBuiltCli(dir, env, 'assets', 'emit', B, '--extra', '{"by":"cli"}');
      expect([emit.code, emit.stderr]).toEqual([0, '']);
      expect(emit.stdout).toMatch(
        /^Recorded event \d+ of s3:\/\/lake\/b\nQueued for daily_or_both, on_both, on_either\n$/,
      );
      const list = await runBuiltCli(dir, env, 'assets', 'list');
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(
        /s3:\/\/lake\/b\s+producer\.write_b\s+daily_or_both( \(waiting\))?, on_both \(waiting\), on_either/,
      );
      const events = await runBuiltCli(dir, env, 'assets', 'events', B, '--json');
      expect(events.code).toBe(0);
      expect(JSON.parse(events.stdout).items[0]).toMatchObject({ sourceKind: 'api', extra: { by: 'cli' } });
      const bad = await runBuiltCli(dir, env, 'assets', 'emit', 's3://nowhere');
      expect([bad.code, bad.stderr]).toEqual([1, expect.stringContaining("asset 's3://nowhere' not found")]);
      if (process.env['SHOW_CLI']) console.log(emit.stdout + list.stdout + events.stdout + bad.stderr);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
