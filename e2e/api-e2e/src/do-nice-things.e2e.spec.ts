import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  ApiClient,
  ApiResponse,
  createTestDatabase,
  DEFAULT_REDIS_URL,
  flushRedisPrefix,
  migrateWithBuiltApi,
  packBundle,
  randomSuffix,
  runBuiltCli,
  seg,
  Stack,
  startStack,
  TestDatabase,
  uniqueRedisPrefix,
  waitFor,
  workspaceRoot,
} from '@updraft/testing';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  stack?: unknown;
}
interface SignupBody {
  accessToken: string;
  user: { id: string; email: string };
  tenant: { id: string; slug: string; name: string };
  role: string;
}
interface BundleBody {
  id: string;
  version: number;
  status: string;
  errors: { file: string; line?: number; message: string }[];
  dagIds: string[];
}
interface RunBody {
  runId: string;
  state: string;
}
interface TaskInstanceBody {
  taskId: string;
  state: string;
  tryNumber: number;
}
interface Page<T> {
  items: T[];
  total: number;
}
interface LogBody {
  taskId: string;
  tryNumber: number;
  lines: { timestamp: string; stream: string; message: string }[];
}

const SUITE = 'api-e2e';
const DAG = 'do_nice_things';
const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;

function explain(response: ApiResponse): string {
  return `HTTP ${response.status}: ${JSON.stringify(response.body)}`;
}

async function signUp(client: ApiClient, label: string): Promise<{ api: ApiClient; slug: string; token: string }> {
  const suffix = randomSuffix(4);
  const slug = `${label}-${suffix}`;
  const response = await client.post<SignupBody>('/auth/signup', {
    json: {
      email: `${label}-${suffix}@e2e.updraft.test`,
      password: 'e2e-correct-horse-battery',
      tenantSlug: slug,
      tenantName: `E2E ${label}`,
    },
  });
  if (response.status !== 201) throw new Error(`signup failed: ${explain(response)}`);
  expect(response.body.role).toBe('owner');
  expect(response.body.tenant.slug).toBe(slug);
  return { api: client.withToken(response.body.accessToken), slug, token: response.body.accessToken };
}

describe('do_nice_things over HTTP against api, scheduler and worker processes', () => {
  let db: TestDatabase | undefined;
  let stack: Stack | undefined;
  const redisPrefix = uniqueRedisPrefix();
  let anonymous: ApiClient;
  let owner: ApiClient;
  let tenant: string;
  let token: string;
  let runId: string;
  const exposed: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: (url) => migrateWithBuiltApi(url, SUITE) });
    stack = await startStack({ databaseUrl: db.url, redisPrefix, redisUrl, suite: SUITE });
    anonymous = new ApiClient(stack.baseUrl);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await db?.drop();
    await flushRedisPrefix(redisUrl, redisPrefix);
  }, 60_000);

  it('signs up a tenant with its owner', async () => {
    ({ api: owner, slug: tenant, token } = await signUp(anonymous, 'nice'));
  });

  it('uploads the example bundle and parses it before answering (?wait=true)', async () => {
    const form = new FormData();
    const archive = await packBundle(join(workspaceRoot(), 'examples', 'do-nice-things'));
    form.append('file', new Blob([new Uint8Array(archive)], { type: 'application/gzip' }), 'do-nice-things.tar.gz');

    const response = await owner.post<BundleBody>(`/tenants/${tenant}/bundles`, { form, query: { wait: true } });

    expect({ status: response.status, bundleStatus: response.body.status, errors: response.body.errors }).toEqual({
      status: 201,
      bundleStatus: 'active',
      errors: [],
    });
    expect(response.body.dagIds).toContain(DAG);
  });

  it('runs do_nice_things to success when triggered', async () => {
    const triggered = await owner.post<RunBody>(`/tenants/${tenant}/dags/${DAG}/dagRuns`, { json: {} });
    expect(triggered.status).toBe(201);
    runId = triggered.body.runId;
    const runPath = `/tenants/${tenant}/dags/${DAG}/dagRuns/${seg(runId)}`;

    const finished = await waitFor(
      async () => {
        const [run, tasks] = await Promise.all([
          owner.get<RunBody>(runPath),
          owner.get<Page<TaskInstanceBody>>(`${runPath}/taskInstances`),
        ]);
        return {
          run: run.body.state,
          tasks: Object.fromEntries((tasks.body.items ?? []).map((t) => [t.taskId, t.state])),
        };
      },
      (seen) => seen.run === 'success' || seen.run === 'failed',
      { timeoutMs: 60_000, intervalMs: 500, what: `run ${runId} to finish` },
    );

    expect(finished).toEqual({ run: 'success', tasks: { fetch_the_data: 'success', clean_the_data: 'success' } });
  });

  it("keeps each task's log for try 1, with the bash task's output in it", async () => {
    const logs: Record<string, string> = {};
    for (const taskId of ['fetch_the_data', 'clean_the_data']) {
      const response = await owner.get<LogBody>(
        `/tenants/${tenant}/dags/${DAG}/dagRuns/${seg(runId)}/taskInstances/${taskId}/logs/1`,
      );
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ taskId, tryNumber: 1 });
      logs[taskId] = response.body.lines.map((line) => line.message).join('\n');
      exposed.push(JSON.stringify(response.body));
    }
    expect(logs['fetch_the_data']).toContain('1,ada');
  });

  it("stores the function task's return value as its return_value XCom", async () => {
    const response = await owner.get<{ items: { key: string; value: unknown }[] }>(
      `/tenants/${tenant}/dags/${DAG}/dagRuns/${seg(runId)}/taskInstances/clean_the_data/xcomEntries`,
    );
    expect(response.status).toBe(200);
    expect(response.body.items.find((x) => x.key === 'return_value')?.value).toEqual({ rows: 1 });
    exposed.push(JSON.stringify(response.body));
  });

  it('exposes no platform secret through what the sandboxed tasks left behind', async () => {
    const instances = await owner.get(`/tenants/${tenant}/dags/${DAG}/dagRuns/${seg(runId)}/taskInstances`);
    exposed.push(JSON.stringify(instances.body));
    const env = stack?.env ?? {};
    const secrets = ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'ENCRYPTION_KEY'].map(
      (name) => [name, env[name]] as const,
    );
    const everything = exposed.join('\n');

    expect(exposed.length).toBeGreaterThanOrEqual(4);
    for (const [name, value] of secrets) {
      expect(value).toBeTruthy();
      expect({ name, leaked: everything.includes(value as string) }).toEqual({ name, leaked: false });
    }
    expect(everything).not.toMatch(/postgres(ql)?:\/\/|redis:\/\//);
  });

  it('deploys a project\'s "files" with `updraft deploy`, and a bash task runs the shipped script from $UPDRAFT_BUNDLE_DIR', async () => {
    const project = await mkdtemp(join(tmpdir(), 'updraft-e2e-files-'));
    try {
      const files: Record<string, string> = {
        'updraft.json': JSON.stringify({
          name: 'shipped-files',
          entries: ['dags/shipped.ts'],
          files: ['scripts/**', 'sql/*.sql'],
        }),
        'dags/shipped.ts': [
          "import { bash, dag } from '@updraft/sdk';",
          "export default dag('shipped_script', { schedule: null, startDate: '2024-01-01' }, () => {",
          "  bash('hello', { command: '\"$UPDRAFT_BUNDLE_DIR/scripts/hello.sh\" {{ ds }}' });",
          '});',
          '',
        ].join('\n'),
        'scripts/hello.sh':
          '#!/usr/bin/env bash\nset -euo pipefail\nsource "$(dirname "$0")/lib/greet.sh"\ngreet "$1"\necho "query: $(cat "$UPDRAFT_BUNDLE_DIR/sql/count.sql")"\necho shipped-ok\n',
        'scripts/lib/greet.sh': 'greet() { echo "hello from the shipped script on $1"; }\n',
        'sql/count.sql': 'select count(*) from things;',
      };
      for (const [path, text] of Object.entries(files)) {
        await mkdir(dirname(join(project, path)), { recursive: true });
        await writeFile(join(project, path), text);
      }
      await chmod(join(project, 'scripts/hello.sh'), 0o755);

      const deploy = await runBuiltCli(
        project,
        {
          UPDRAFT_URL: stack?.baseUrl ?? '',
          UPDRAFT_TOKEN: token,
          UPDRAFT_TENANT: tenant,
          UPDRAFT_CONFIG_DIR: project,
        },
        'deploy',
        '--json',
      );
      expect({ code: deploy.code, stderr: deploy.stderr }).toEqual({
        code: 0,
        stderr: expect.not.stringMatching(/error/i),
      });
      expect(JSON.parse(deploy.stdout)).toMatchObject({
        name: 'shipped-files',
        status: 'active',
        errors: [],
        dagIds: ['shipped_script'],
      });
    } finally {
      await rm(project, { recursive: true, force: true });
    }

    const triggered = await owner.post<RunBody>(`/tenants/${tenant}/dags/shipped_script/dagRuns`, { json: {} });
    expect(triggered.status).toBe(201);
    const runPath = `/tenants/${tenant}/dags/shipped_script/dagRuns/${seg(triggered.body.runId)}`;
    const state = await waitFor(
      async () => (await owner.get<RunBody>(runPath)).body.state,
      (seen) => seen === 'success' || seen === 'failed',
      { timeoutMs: 60_000, intervalMs: 500, what: `run ${triggered.body.runId} of shipped_script to finish` },
    );
    const log = await owner.get<LogBody>(`${runPath}/taskInstances/hello/logs/1`);
    const lines = (log.body.lines ?? []).map((line) => line.message).join('\n');
    expect({ state, lines }).toEqual({
      state: 'success',
      lines: expect.stringMatching(/hello from the shipped script on \d{4}-\d\d-\d\d/),
    });
    expect(lines).toContain('query: select count(*) from things;');
    expect(lines).toContain('shipped-ok');
  }, 120_000);

  describe('bad input', () => {
    it('answers 401 JSON without a stack trace when the token is missing', async () => {
      const response = await anonymous.get<ErrorBody>(`/tenants/${tenant}/dags`);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(response.body).toMatchObject({ statusCode: 401 });
      expect(response.body).not.toHaveProperty('stack');
      expect(JSON.stringify(response.body)).not.toMatch(/\bat \S+ \(|\.ts:\d+|node_modules/);
    });

    it('answers 400 naming the field when the signup body is invalid', async () => {
      const response = await anonymous.post<ErrorBody>('/auth/signup', {
        json: { email: 'not-an-email', password: 'long-enough-password', tenantSlug: `bad-${randomSuffix(3)}` },
      });
      expect(response.status).toBe(400);
      expect(response.body.statusCode).toBe(400);
      expect([response.body.message].flat().join(' ')).toMatch(/email/);
    });

    it('answers 404 JSON for an unknown route', async () => {
      const response = await anonymous.get<ErrorBody>('/no-such-route');
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(response.body.statusCode).toBe(404);
    });

    it('answers 404 for a tenant you are not a member of, as if it did not exist', async () => {
      const { slug: otherTenant } = await signUp(anonymous, 'other');
      const theirs = await owner.get<ErrorBody>(`/tenants/${otherTenant}/dags`);
      const nobodys = await owner.get<ErrorBody>(`/tenants/no-such-tenant-${randomSuffix(3)}/dags`);
      expect(theirs.status).toBe(404);
      expect(theirs.body.statusCode).toBe(404);
      expect(String(theirs.body.message).replace(otherTenant, '<tenant>')).toEqual(
        String(nobodys.body.message).replace(/no-such-tenant-\w+/, '<tenant>'),
      );
    });
  });

  // NestJS's shutdown hooks re-raise the signal once they have closed everything, so a clean stop
  // ends in SIGTERM (or exit 0); SIGKILL would mean an app ignored SIGTERM for the whole grace period.
  it('stops every process on SIGTERM without needing SIGKILL', async () => {
    const exits = await stack?.stop();
    expect(exits?.map(({ app, code, signal }) => ({ app, clean: code === 0 || signal === 'SIGTERM' }))).toEqual([
      { app: 'api', clean: true },
      { app: 'scheduler', clean: true },
      { app: 'worker', clean: true },
    ]);
  });
});
