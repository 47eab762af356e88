import type { DagRun, Page, Pool, TaskInstance } from '@updraft/api-types';
import {
  ApiClient,
  createTestDatabase,
  DEFAULT_REDIS_URL,
  flushRedisPrefix,
  migrateWithBuiltApi,
  deployBundle,
  signupOwner,
  seg,
  Stack,
  startStack,
  TestDatabase,
  uniqueRedisPrefix,
  waitFor,
} from '@updraft/testing';

const SUITE = 'api-e2e-pools';
const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;

const DAGS = `import { bash, dag } from '@updraft/sdk';

dag('one_at_a_time', { schedule: null }, () => {
  bash('low', { command: 'sleep 0.3', pool: 'db', priorityWeight: 1 });
  bash('high', { command: 'sleep 0.3', pool: 'db', priorityWeight: 3 });
  bash('middle', { command: 'sleep 0.3', pool: 'db', priorityWeight: 2 });
});

dag('two_at_a_time', { schedule: null, maxActiveTasks: 2 }, () => {
  for (const id of ['a', 'b', 'c', 'd']) bash(id, { command: 'sleep 0.3' });
});

dag('six_wide', { schedule: null }, () => {
  for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) bash(id, { command: 'sleep 0.3' });
});
`;

describe('pools, priorityWeight, maxActiveTasks and the tenant limit over HTTP, with the scheduler and a worker as processes', () => {
  let db: TestDatabase | undefined;
  let stack: Stack | undefined;
  let owner: ApiClient;
  const redisPrefix = uniqueRedisPrefix();
  const tenant = 'pools';

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: (url) => migrateWithBuiltApi(url, SUITE) });
    // The worker has 8 slots; the tenant may use 3 of them.
    stack = await startStack({
      databaseUrl: db.url,
      redisPrefix,
      redisUrl,
      suite: SUITE,
      env: { WORKER_CONCURRENCY: '8', TENANT_MAX_RUNNING_TASKS: '3' },
    });
    owner = await signupOwner(stack.baseUrl, 'pools@e2e.updraft.test', tenant);
    const uploaded = await deployBundle(owner, tenant, 'pools', { 'dags/pools.ts': DAGS });
    expect([uploaded.status, uploaded.body.status, uploaded.body.errors]).toEqual([201, 'active', []]);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await db?.drop();
    await flushRedisPrefix(redisUrl, redisPrefix);
  }, 60_000);

  async function runToEnd(dagId: string): Promise<TaskInstance[]> {
    const triggered = await owner.post<DagRun>(`/tenants/${tenant}/dags/${dagId}/dagRuns`, { json: {} });
    expect(triggered.status).toBe(201);
    const path = `/tenants/${tenant}/dags/${dagId}/dagRuns/${seg(triggered.body.runId)}`;
    await waitFor(
      async () => (await owner.get<DagRun>(path)).body.state,
      (state) => state === 'success',
      { timeoutMs: 60_000, what: `the run of ${dagId} to succeed` },
    );
    return (await owner.get<Page<TaskInstance>>(`${path}/taskInstances`)).body.items;
  }

  /** The most tries that were under way at one moment. */
  function mostAtOnce(instances: TaskInstance[]): number {
    const edges = instances.flatMap((ti) => [
      [Date.parse(ti.startDate as string), 1],
      [Date.parse(ti.endDate as string), -1],
    ]);
    edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let now = 0;
    let most = 0;
    for (const [, change] of edges) most = Math.max(most, (now += change));
    return most;
  }

  it('lists default_pool, creates a pool, and refuses bad input naming what is wrong', async () => {
    const listed = await owner.get<Page<Pool>>(`/tenants/${tenant}/pools`);
    expect(listed.body.items.map((p) => [p.name, p.slots])).toEqual([['default_pool', 128]]);
    const created = await owner.post<Pool>(`/tenants/${tenant}/pools`, {
      json: { name: 'db', slots: 1, description: 'one connection' },
    });
    expect([created.status, created.body]).toEqual([
      201,
      expect.objectContaining({ name: 'db', slots: 1, openSlots: 1, runningSlots: 0 }),
    ]);

    const negative = await owner.post<{ statusCode: number; message: string }>(`/tenants/${tenant}/pools`, {
      json: { name: 'x', slots: -1 },
    });
    expect([negative.status, negative.body.message]).toEqual([400, expect.stringContaining('slots must be 0 or more')]);
    const twice = await owner.post<{ message: string }>(`/tenants/${tenant}/pools`, { json: { name: 'db', slots: 5 } });
    expect([twice.status, twice.body.message]).toEqual([
      409,
      expect.stringContaining("a pool named 'db' already exists"),
    ]);
    const keepDefault = await owner.request<{ message: string }>('DELETE', `/tenants/${tenant}/pools/default_pool`);
    expect([keepDefault.status, keepDefault.body.message]).toEqual([
      400,
      expect.stringContaining('default_pool cannot be deleted'),
    ]);
    expect((await owner.get<Pool>(`/tenants/${tenant}/pools/db`)).body.slots).toBe(1);
  });

  it('runs a pool of one slot one task at a time, highest priorityWeight first', async () => {
    const instances = await runToEnd('one_at_a_time');
    expect(mostAtOnce(instances)).toBe(1);
    const byStart = [...instances].sort(
      (a, b) => Date.parse(a.startDate as string) - Date.parse(b.startDate as string),
    );
    expect(byStart.map((ti) => ti.taskId)).toEqual(['high', 'middle', 'low']);
  }, 90_000);

  it("never runs more of a DAG's tasks at once than its maxActiveTasks", async () => {
    const instances = await runToEnd('two_at_a_time');
    expect(instances).toHaveLength(4);
    expect(mostAtOnce(instances)).toBeLessThanOrEqual(2);
  }, 90_000);

  it("never runs more of a tenant's tasks at once than TENANT_MAX_RUNNING_TASKS, though the worker has room", async () => {
    const instances = await runToEnd('six_wide');
    expect(instances).toHaveLength(6);
    expect(mostAtOnce(instances)).toBeLessThanOrEqual(3);
  }, 90_000);
});
