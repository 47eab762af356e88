import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listArchive } from './testing/archive';
import { makeTempDir, page, runCli, StandInApi, type RecordedRequest } from './testing/stand-in-api';

const RUN_ID = 'manual__2024-01-01T00:00:00.000+00:00';
const RUN_PATH = `/api/v1/tenants/acme/dags/nice/dagRuns/${encodeURIComponent(RUN_ID)}`;

const dag = {
  dagId: 'nice',
  description: 'does nice things',
  schedule: '@daily',
  isPaused: false,
  isActive: true,
  tags: ['team-a'],
  bundleName: 'nice',
  bundleVersion: 3,
  lastRun: { runId: RUN_ID, state: 'success', logicalDate: '2024-01-01T00:00:00.000Z' },
};

async function uploadedFile(request: RecordedRequest): Promise<{ name: string; content: Buffer }> {
  const form = await new Response(new Uint8Array(request.body), {
    headers: { 'content-type': String(request.headers['content-type']) },
  }).formData();
  const file = form.get('file') as File;
  return { name: file.name, content: Buffer.from(await file.arrayBuffer()) };
}

describe('updraft commands against a stand-in API', () => {
  let bundleReply: Record<string, unknown>;
  const api = new StandInApi({
    'POST /api/v1/auth/login': (req) => {
      const { password } = JSON.parse(req.body.toString()) as { password: string };
      if (password !== 'right') {
        return { status: 401, json: { statusCode: 401, error: 'Unauthorized', message: 'Invalid email or password' } };
      }
      return {
        json: {
          accessToken: 'jwt-1',
          user: { id: 'u1', email: 'ann@example.com' },
          tenants: [
            { slug: 'acme', name: 'Acme', role: 'owner' },
            { slug: 'globex', name: 'Globex', role: 'viewer' },
          ],
        },
      };
    },
    'POST /api/v1/tenants/acme/bundles': () => ({ status: 201, json: bundleReply }),
    'GET /api/v1/tenants/acme/dags': () => ({ json: page([dag]) }),
    'GET /api/v1/tenants/acme/dags/nice': () => ({
      json: {
        ...dag,
        tasks: [
          { taskId: 'fetch', operator: 'bash', upstream: [], downstream: ['clean'] },
          { taskId: 'clean', operator: 'function', upstream: ['fetch'], downstream: [] },
        ],
      },
    }),
    'PATCH /api/v1/tenants/acme/dags/nice': (req) => ({
      json: { ...dag, isPaused: JSON.parse(req.body.toString()).isPaused },
    }),
    'POST /api/v1/tenants/acme/dags/nice/dagRuns': (req) => ({
      status: 201,
      json: {
        runId: RUN_ID,
        dagId: 'nice',
        state: 'queued',
        runType: 'manual',
        conf: JSON.parse(req.body.toString()).conf,
      },
    }),
    'GET /api/v1/tenants/acme/dags/nice/dagRuns': (req) => ({
      json: {
        items: [
          { runId: RUN_ID, dagId: 'nice', state: 'success', runType: 'manual', logicalDate: '2024-01-01T00:00:00Z' },
        ],
        total: 7,
        limit: Number(req.query.get('limit')),
        offset: 0,
      },
    }),
    [`GET ${RUN_PATH}`]: () => ({
      json: { runId: RUN_ID, dagId: 'nice', state: 'success', runType: 'manual', logicalDate: '2024-01-01T00:00:00Z' },
    }),
    [`GET ${RUN_PATH}/taskInstances`]: () => ({
      json: page([
        { taskId: 'fetch', mapIndex: -1, state: 'failed', tryNumber: 3, maxTries: 3 },
        { taskId: 'clean', mapIndex: -1, state: 'upstream_failed', tryNumber: 0, maxTries: 1 },
      ]),
    }),
    [`GET ${RUN_PATH}/taskInstances/fetch/logs/3`]: () => ({
      json: {
        taskId: 'fetch',
        tryNumber: 3,
        lines: [
          { timestamp: '2024-01-01T00:00:01Z', stream: 'stdout', message: 'fetching' },
          { timestamp: '2024-01-01T00:00:02Z', stream: 'stderr', message: 'boom' },
        ],
      },
    }),
    [`GET ${RUN_PATH}/taskInstances/fetch/logs/1`]: () => ({ json: { taskId: 'fetch', tryNumber: 1, lines: [] } }),
  });
  const session = () => ({ url: api.url, token: 'jwt-1', tenant: 'acme' });

  beforeAll(() => api.start());
  afterAll(() => api.stop());

  describe('login', () => {
    let dir: ReturnType<typeof makeTempDir>;
    beforeEach(() => (dir = makeTempDir()));
    afterEach(() => dir.remove());

    it('stores url, token and the chosen tenant with mode 0600', async () => {
      const credentialsPath = join(dir.path, 'credentials.json');
      const result = await runCli(
        ['login', '--url', api.url, '--email', 'ann@example.com', '--tenant', 'acme'],
        { credentialsPath },
        ['right'],
      );
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain(`Logged in to ${api.url} as ann@example.com`);
      expect(JSON.parse(readFileSync(credentialsPath, 'utf8'))).toEqual({
        url: api.url,
        accessToken: 'jwt-1',
        tenant: 'acme',
      });
      expect(statSync(credentialsPath).mode & 0o777).toBe(0o600);
    });

    it('asks for --tenant when the account has several', async () => {
      const result = await runCli(['login', '--url', api.url, '--email', 'a@b.c', '--password', 'right'], {
        credentialsPath: join(dir.path, 'credentials.json'),
      });
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr: 'error: you belong to several tenants (acme, globex): choose one with --tenant\n',
      });
    });

    it('stores an API token for a tenant once the API accepts it', async () => {
      const credentialsPath = join(dir.path, 'credentials.json');
      const result = await runCli(['login', '--url', api.url, '--token', 'updraft_pat_ci', '--tenant', 'acme'], {
        credentialsPath,
      });
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(readFileSync(credentialsPath, 'utf8'))).toEqual({
        url: api.url,
        accessToken: 'updraft_pat_ci',
        tenant: 'acme',
      });
      expect(api.requests.at(-1)?.headers['authorization']).toBe('Bearer updraft_pat_ci');
    });

    it('refuses a token without --tenant, and one the API rejects', async () => {
      const credentialsPath = join(dir.path, 'credentials.json');
      expect(await runCli(['login', '--url', api.url, '--token', 'updraft_pat_ci'], { credentialsPath })).toMatchObject(
        { code: 1, stderr: 'error: --token needs --tenant <slug>: a token belongs to one tenant\n' },
      );
      const rejected = await runCli(['login', '--url', api.url, '--token', 'updraft_pat_ci', '--tenant', 'nowhere'], {
        credentialsPath,
      });
      expect(rejected.code).toBe(1);
      expect(() => readFileSync(credentialsPath)).toThrow();
    });

    it('reports bad credentials in one line', async () => {
      const result = await runCli(['login', '--url', api.url, '--email', 'a@b.c', '--password', 'wrong'], {
        credentialsPath: join(dir.path, 'credentials.json'),
      });
      expect(result).toEqual({ code: 1, stdout: '', stderr: 'error: Invalid email or password (HTTP 401)\n' });
    });
  });

  describe('deploy', () => {
    let dir: ReturnType<typeof makeTempDir>;
    beforeEach(() => {
      dir = makeTempDir();
      mkdirSync(join(dir.path, 'dags'));
      mkdirSync(join(dir.path, 'node_modules'));
      writeFileSync(join(dir.path, 'updraft.json'), JSON.stringify({ name: 'nice', entries: ['dags/nice.ts'] }));
      writeFileSync(join(dir.path, 'dags/nice.ts'), 'export default 1;');
      writeFileSync(join(dir.path, 'node_modules/big.js'), 'x');
    });
    afterEach(() => dir.remove());

    it('uploads the packed folder as multipart field "file" and prints version, status and DAGs', async () => {
      bundleReply = {
        id: 'b1',
        version: 4,
        name: 'nice',
        status: 'active',
        errors: [],
        dagIds: ['nice', 'nicer'],
        createdAt: '',
      };
      const before = api.requests.length;

      const result = await runCli(['deploy', dir.path], session());

      expect(result.code).toBe(0);
      expect(result.stdout).toBe('Bundle:  nice\nVersion: 4\nStatus:  active\nDAGs:    nice, nicer\n');
      const upload = api.requests.slice(before).find((r) => r.method === 'POST');
      expect(upload?.query.get('wait')).toBe('true');
      expect(upload?.headers['authorization']).toBe('Bearer jwt-1');
      const file = await uploadedFile(upload as RecordedRequest);
      expect(file.name).toBe('nice.tar.gz');
      expect([...(await listArchive(file.content)).keys()].sort()).toEqual(['dags/nice.js', 'updraft.json']);
    });

    it('prints each error as file:line message and exits 1 when the bundle failed', async () => {
      bundleReply = {
        id: 'b2',
        version: 5,
        name: 'nice',
        status: 'failed',
        errors: [
          { file: 'dags/nice.ts', line: 3, message: "Cannot find name 'dag'" },
          { file: 'updraft.json', message: 'no DAG found' },
        ],
        dagIds: [],
        createdAt: '',
      };
      const result = await runCli(['deploy', dir.path], session());
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        "Errors:\n  dags/nice.ts:3 Cannot find name 'dag'\n  updraft.json no DAG found\n",
      );
      expect(result.stderr).toMatch(
        /^Not type-checked: .*package\.json names no typescript \(`updraft init` projects do\)\.\nUploading nice\.tar\.gz \(\d+ B\) to tenant acme…\nerror: bundle nice v5 failed to parse; the previous version stays active\n$/,
      );
    });

    it('prints the bundle as JSON with --json', async () => {
      bundleReply = {
        id: 'b1',
        version: 4,
        name: 'nice',
        status: 'active',
        errors: [],
        dagIds: ['nice'],
        createdAt: '',
      };
      const result = await runCli(['deploy', dir.path, '--json'], session());
      expect(JSON.parse(result.stdout)).toEqual(bundleReply);
      expect(result.stderr).toBe('');
    });

    it('fails before uploading when not logged in', async () => {
      const result = await runCli(['deploy', dir.path], {});
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr: 'error: not logged in: run `updraft login` (or set UPDRAFT_TOKEN)\n',
      });
    });
  });

  describe('dags', () => {
    it('lists DAGs as a table', async () => {
      const result = await runCli(['dags', 'list'], session());
      expect(result.stdout.split('\n')[0]).toMatch(/^DAG ID\s+SCHEDULE\s+PAUSED\s+BUNDLE\s+LAST RUN\s+STATE$/);
      expect(result.stdout).toMatch(/nice\s+@daily\s+no\s+nice v3\s+2024-01-01 00:00:00\s+success/);
    });

    it('lists DAGs as JSON with --json', async () => {
      const result = await runCli(['dags', 'list', '--json'], session());
      expect(JSON.parse(result.stdout)).toEqual([dag]);
    });

    it('shows a DAG with its tasks', async () => {
      const result = await runCli(['dags', 'show', 'nice'], session());
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Schedule:    @daily');
      expect(result.stdout).toMatch(/clean\s+function\s+fetch\s+-/);
    });

    it('reports an unknown DAG in one line', async () => {
      const result = await runCli(['dags', 'show', 'nope'], session());
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr: 'error: Cannot GET /api/v1/tenants/acme/dags/nope (HTTP 404)\n',
      });
    });

    it('triggers a run with --conf', async () => {
      const result = await runCli(['dags', 'trigger', 'nice', '--conf', '{"region":"us"}', '--json'], session());
      expect(JSON.parse(result.stdout)).toMatchObject({ runId: RUN_ID, state: 'queued', conf: { region: 'us' } });
    });

    it.each([
      ['pause', true, 'Paused nice\n'],
      ['unpause', false, 'Unpaused nice\n'],
    ])('%s sends PATCH { isPaused: %s } for the DAG', async (command, isPaused, printed) => {
      const before = api.requests.length;
      const result = await runCli(['dags', command, 'nice'], session());
      expect(result).toEqual({ code: 0, stdout: printed, stderr: '' });
      const sent = api.requests.slice(before);
      expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['PATCH /api/v1/tenants/acme/dags/nice']);
      expect(sent[0].headers['content-type']).toBe('application/json');
      expect(sent[0].headers['authorization']).toBe('Bearer jwt-1');
      expect(JSON.parse(sent[0].body.toString())).toEqual({ isPaused });
    });

    it('pause reports an unknown DAG in one line', async () => {
      const result = await runCli(['dags', 'pause', 'nope'], session());
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr: 'error: Cannot PATCH /api/v1/tenants/acme/dags/nope (HTTP 404)\n',
      });
    });

    it('refuses --conf that is not a JSON object', async () => {
      const result = await runCli(['dags', 'trigger', 'nice', '--conf', '{region'], session());
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^error: --conf is not valid JSON: .*\n$/);
    });
  });

  describe('runs list', () => {
    it('lists runs and says when there are more', async () => {
      const result = await runCli(['runs', 'list', 'nice', '--limit', '1'], session());
      expect(result.stdout).toContain(RUN_ID);
      expect(result.stdout).toContain('(1 of 7 runs; see --limit and --offset)');
    });

    it('rejects a bad --limit through commander in one line', async () => {
      const result = await runCli(['runs', 'list', 'nice', '--limit', 'lots'], session());
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    });
  });

  describe('logs', () => {
    it("defaults to the task instance's latest try", async () => {
      const result = await runCli(['logs', 'nice', RUN_ID, 'fetch'], session());
      expect(result).toEqual({
        code: 0,
        stdout: '2024-01-01T00:00:01Z fetching\n2024-01-01T00:00:02Z [stderr] boom\n',
        stderr: '',
      });
    });

    it('reads the try given with --try', async () => {
      const result = await runCli(['logs', 'nice', RUN_ID, 'fetch', '--try', '1', '--json'], session());
      expect(JSON.parse(result.stdout)).toEqual({ taskId: 'fetch', tryNumber: 1, lines: [] });
    });

    it('explains a task that has not run yet', async () => {
      const result = await runCli(['logs', 'nice', RUN_ID, 'clean'], session());
      expect(result.stderr).toBe('error: task "clean" has not run yet (state: upstream_failed), so it has no log\n');
      expect(result.code).toBe(1);
    });
  });

  it('reports an unknown command in one line with exit code 1', async () => {
    const result = await runCli(['deplyo'], session());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: unknown command 'deplyo'/);
  });
});
