import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApiClient,
  createTestDatabase,
  DEFAULT_REDIS_URL,
  flushRedisPrefix,
  migrateWithBuiltApi,
  randomSuffix,
  runBuiltCli,
  Stack,
  startStack,
  TestDatabase,
  uniqueRedisPrefix,
} from '@updraft/testing';

const SUITE = 'api-e2e';
const DAG = 'slow_logs';
const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;

const DAG_SOURCE = [
  "import { bash, dag } from '@updraft/sdk';",
  `export default dag('${DAG}', { schedule: null, startDate: '2024-01-01', defaultArgs: { retries: 0 } }, () => {`,
  "  bash('talk', { command: 'for i in 1 2 3 4; do echo \"line $i\"; sleep 0.7; done' });",
  "  bash('broken', { command: 'echo \"about to fail\"; sleep 1.5; exit 3' });",
  '});',
  '',
].join('\n');

/** The built cli against api, scheduler and worker processes: it follows tries while they run. */
describe('updraft logs --follow and runs watch against the real stack', () => {
  let db: TestDatabase | undefined;
  let stack: Stack | undefined;
  let project = '';
  let env: Record<string, string> = {};
  const redisPrefix = uniqueRedisPrefix();

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: (url) => migrateWithBuiltApi(url, SUITE) });
    stack = await startStack({ databaseUrl: db.url, redisPrefix, redisUrl, suite: SUITE });
    const slug = `follow-${randomSuffix(4)}`;
    const signup = await new ApiClient(stack.baseUrl).post<{ accessToken: string }>('/auth/signup', {
      json: {
        email: `${slug}@e2e.updraft.test`,
        password: 'e2e-correct-horse-battery',
        tenantSlug: slug,
        tenantName: 'E2E follow',
      },
    });
    expect(signup.status).toBe(201);
    project = await mkdtemp(join(tmpdir(), 'updraft-e2e-follow-'));
    await mkdir(join(project, 'dags'));
    await writeFile(join(project, 'updraft.json'), JSON.stringify({ name: 'follow', entries: ['dags/slow.ts'] }));
    await writeFile(join(project, 'dags/slow.ts'), DAG_SOURCE);
    env = {
      UPDRAFT_URL: stack.baseUrl,
      UPDRAFT_TOKEN: signup.body.accessToken,
      UPDRAFT_TENANT: slug,
      UPDRAFT_CONFIG_DIR: project,
    };
    const deploy = await runBuiltCli(project, env, 'deploy', '--json');
    expect({ code: deploy.code, status: deploy.code === 0 ? JSON.parse(deploy.stdout).status : deploy.stderr }).toEqual(
      { code: 0, status: 'active' },
    );
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await db?.drop();
    await flushRedisPrefix(redisUrl, redisPrefix);
    if (project) await rm(project, { recursive: true, force: true });
  }, 60_000);

  it('follows a running task to its end (exit 0 on success, non-zero on failure), and watches the run until it ends', async () => {
    const trigger = await runBuiltCli(project, env, 'dags', 'trigger', DAG, '--json');
    expect(trigger.code).toBe(0);
    const runId = JSON.parse(trigger.stdout).runId as string;

    // Started before the tasks run: follow waits for the first try, then streams it as it is written.
    const [talk, broken, watch] = await Promise.all([
      runBuiltCli(project, env, 'logs', DAG, 'talk', '--follow'),
      runBuiltCli(project, env, 'logs', DAG, runId.slice(0, 12), 'broken', '--follow'),
      runBuiltCli(project, { ...env, NO_COLOR: '1' }, 'runs', 'watch', DAG, 'latest', '--interval', '0.3'),
    ]);

    expect({ code: talk.code, stderr: talk.stderr }).toEqual({
      code: 0,
      stderr: `Following talk try 1 of ${DAG} run ${runId}…\ntalk try 1: success\n`,
    });
    const lines = talk.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => line.replace(/^\S+ /, ''));
    expect(lines.filter((line) => !line.startsWith('[system]'))).toEqual(['line 1', 'line 2', 'line 3', 'line 4']);
    expect(lines[lines.length - 1]).toBe('[system] task finished: success');

    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('about to fail');
    expect(broken.stderr).toContain('error: broken try 1 ended failed');

    expect(watch.code).toBe(1);
    expect(watch.stdout).toMatch(/talk {2}success/);
    expect(watch.stdout).toMatch(/broken {2}failed/);
    expect(watch.stdout).toContain(`run ${runId}: failed`);
    expect(watch.stdout).not.toContain('\x1b[');

    const show = await runBuiltCli(project, env, 'runs', 'show', DAG, runId.slice(0, 12), '--json');
    expect(JSON.parse(show.stdout)).toMatchObject({
      runId,
      state: 'failed',
      taskInstances: expect.arrayContaining([expect.objectContaining({ taskId: 'talk', state: 'success' })]),
    });
  }, 90_000);
});
