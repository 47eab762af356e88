import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApiClient,
  createTestDatabase,
  DEFAULT_REDIS_URL,
  deployBundle,
  flushRedisPrefix,
  migrateWithBuiltApi,
  signupOwner,
  Stack,
  startStack,
  TestDatabase,
  uniqueRedisPrefix,
  workspaceRoot,
} from '@updraft/testing';

const SUITE = 'api-e2e-contract';
const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;

describe('the API contract: the served OpenAPI document and how bodies are read', () => {
  let db: TestDatabase | undefined;
  let stack: Stack | undefined;
  let owner: ApiClient;
  const redisPrefix = uniqueRedisPrefix();
  const tenant = 'contract';

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: (url) => migrateWithBuiltApi(url, SUITE) });
    stack = await startStack({ databaseUrl: db.url, redisPrefix, redisUrl, suite: SUITE, apps: ['api', 'worker'] });
    owner = await signupOwner(stack.baseUrl, 'contract@e2e.updraft.test', tenant);
    const uploaded = await deployBundle(owner, tenant, 'contract', {
      'dags/c.ts': `import { dag, empty } from '@updraft/sdk';\ndag('c', { schedule: null }, () => { empty('only'); });\n`,
    });
    expect([uploaded.status, uploaded.body.status]).toEqual([201, 'active']);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await db?.drop();
    await flushRedisPrefix(redisUrl, redisPrefix);
  }, 60_000);

  it('serves the committed document at /api/docs-json (else run `npx nx run api-client:generate`)', async () => {
    const served = await (await fetch(new URL('/api/docs-json', (stack as Stack).baseUrl))).json();
    expect(served).toEqual(
      JSON.parse(readFileSync(join(workspaceRoot(), 'libs', 'api-client', 'openapi.json'), 'utf8')),
    );
  });

  it('refuses a body that is not JSON with 415 instead of reading it as empty', async () => {
    const trigger = await fetch(new URL(`/api/v1/tenants/${tenant}/dags/c/dagRuns`, (stack as Stack).baseUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'text/plain' },
      body: '{"conf":{"size":5}}',
    });
    expect(trigger.status).toBe(415);
    expect(await trigger.json()).toMatchObject({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: expect.stringMatching(/must be JSON.*text\/plain/),
    });
    const runs = await owner.get<{ total: number }>(`/tenants/${tenant}/dags/c/dagRuns`);
    expect(runs.body.total).toBe(0);
    // Without a body, a trigger still works (conf defaults to {}).
    expect((await owner.post(`/tenants/${tenant}/dags/c/dagRuns`)).status).toBe(201);
  });

  it('names a missing field as required, not by the rule its absence breaks', async () => {
    const login = await new ApiClient((stack as Stack).baseUrl).post('/auth/login', { json: { password: 'x' } });
    expect(login.status).toBe(400);
    expect(login.body).toMatchObject({
      message: 'email is required',
      details: [{ field: 'email', problems: ['email is required'] }],
    });
  });

  it("answers the console's read routes and the dry runs as the document declares them (the client refuses any other shape)", async () => {
    const run = await owner.post<{ runId: string }>(`/tenants/${tenant}/dags/c/dagRuns`, { json: { conf: {} } });
    expect(run.status).toBe(201);
    const runPath = `/tenants/${tenant}/dags/c/dagRuns/${encodeURIComponent(run.body.runId)}`;
    const versions = await owner.get<{ id: string }[]>(`/tenants/${tenant}/dags/c/versions`);
    const answers = [
      await owner.get(`/tenants/${tenant}/dags?recentRuns=3`),
      await owner.get(`/tenants/${tenant}/dags/c/grid?runs=5`),
      versions,
      await owner.get(`/tenants/${tenant}/dags/c/versions/diff?from=${versions.body[0].id}&to=${versions.body[0].id}`),
      await owner.get(`/tenants/${tenant}/dags/c/source`),
      await owner.get(`/tenants/${tenant}/dagRuns`),
      await owner.get(runPath),
      await owner.get(`${runPath}/taskInstances/only`),
      await owner.get(`${runPath}/taskInstances/only/tries`),
      await owner.get(`${runPath}/taskInstances/only/dependencies`),
      await owner.patch(runPath, { json: { state: 'success', dryRun: true } }),
      await owner.patch(`${runPath}/taskInstances/only`, { json: { state: 'failed', dryRun: true } }),
      await owner.post(`${runPath}/clear`, { json: { dryRun: true } }),
      await owner.get(`/tenants/${tenant}/settings`),
      await owner.get('/auth/sessions'),
    ];
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
  });
});
