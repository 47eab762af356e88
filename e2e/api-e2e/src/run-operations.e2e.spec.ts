import type { DagRun, Page, TaskInstance, TaskLog } from '@updraft/api-types';
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

const SUITE = 'api-e2e-operations';
const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;

const DAGS = `import { bash, dag, empty, task } from '@updraft/sdk';

dag('long_wait', { schedule: null }, () => {
  bash('sleepy', { command: 'echo started; sleep 120; echo never' }).then(empty('after'));
});

dag('quick', { schedule: null, params: { size: { type: 'integer', default: 3 } } }, () => {
  task('count', async (ctx) => ({ size: ctx.params.size })).then(empty('done'));
});
`;

describe('run operations over HTTP: cancel, mark, clear, params, filters', () => {
  let db: TestDatabase | undefined;
  let stack: Stack | undefined;
  let owner: ApiClient;
  const redisPrefix = uniqueRedisPrefix();
  const tenant = 'ops';

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: (url) => migrateWithBuiltApi(url, SUITE) });
    stack = await startStack({ databaseUrl: db.url, redisPrefix, redisUrl, suite: SUITE });
    owner = await signupOwner(stack.baseUrl, 'ops@e2e.updraft.test', tenant);
    const uploaded = await deployBundle(owner, tenant, 'ops', { 'dags/ops.ts': DAGS });
    expect([uploaded.status, uploaded.body.status, uploaded.body.errors]).toEqual([201, 'active', []]);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await db?.drop();
    await flushRedisPrefix(redisUrl, redisPrefix);
  }, 60_000);

  const runPath = (dagId: string, runId: string) => `/tenants/${tenant}/dags/${dagId}/dagRuns/${seg(runId)}`;
  const states = async (dagId: string, runId: string) => {
    const [run, tis] = await Promise.all([
      owner.get<DagRun>(runPath(dagId, runId)),
      owner.get<Page<TaskInstance>>(`${runPath(dagId, runId)}/taskInstances`),
    ]);
    return {
      run: run.body.state,
      tasks: Object.fromEntries(tis.body.items.map((t) => [t.taskId, [t.state, t.tryNumber]])),
    };
  };

  /** Reads a Server-Sent Events stream until `until` says stop; returns the events seen. */
  async function readEvents(
    path: string,
    until: (events: { event: string; data: unknown }[]) => boolean,
    onEvent?: (event: { event: string; data: unknown }) => void,
  ) {
    const response = await fetch(new URL(`/api/v1${path}`, owner.baseUrl), {
      headers: { authorization: `Bearer ${owner.token}`, accept: 'text/event-stream' },
    });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const events: { event: string; data: unknown }[] = [];
    let buffer = '';
    while (!until(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (data !== undefined) {
          events.push({ event, data: JSON.parse(data) });
          onEvent?.(events[events.length - 1]);
        }
      }
    }
    await reader.cancel();
    return events;
  }

  it('cancels a run: the running command is killed and nothing downstream runs; its log streams live and ends', async () => {
    const run = (await owner.post<DagRun>(`/tenants/${tenant}/dags/long_wait/dagRuns`, { json: {} })).body;
    await waitFor(
      () => states('long_wait', run.runId),
      (s) => s.tasks['sleepy']?.[0] === 'running',
      { timeoutMs: 30_000, intervalMs: 200, what: 'sleepy to start' },
    );

    let cancelledWhileStreaming = false;
    const streamed = await readEvents(
      `${runPath('long_wait', run.runId)}/taskInstances/sleepy/logs/1/stream`,
      (events) => events.some((e) => e.event === 'end'),
      (event) => {
        if (!cancelledWhileStreaming && (event.data as { message?: string }).message === 'started') {
          cancelledWhileStreaming = true;
          void owner.patch(runPath('long_wait', run.runId), { json: { state: 'failed' } });
        }
      },
    );
    expect(cancelledWhileStreaming).toBe(true);
    expect(streamed.map((e) => (e.data as { message?: string }).message)).toEqual(
      expect.arrayContaining(['started', 'failed: cancelled; the command was killed']),
    );
    expect(streamed[streamed.length - 1]).toEqual({ event: 'end', data: { state: 'failed' } });

    const cancelled = await owner.get<DagRun>(runPath('long_wait', run.runId));
    expect([cancelled.status, cancelled.body.state]).toEqual([200, 'failed']);

    await waitFor(
      async () =>
        (await owner.get<TaskLog>(`${runPath('long_wait', run.runId)}/taskInstances/sleepy/logs/1`)).body.lines
          .map((l) => l.message)
          .join('\n'),
      (log) => log.includes('cancelled; the command was killed'),
      { timeoutMs: 15_000, intervalMs: 250, what: 'the worker to kill the cancelled command' },
    );
    expect(await states('long_wait', run.runId)).toEqual({
      run: 'failed',
      tasks: { sleepy: ['failed', 1], after: ['skipped', 0] },
    });
  });

  it('makes an address wait after repeated wrong passwords (429 with Retry-After, even for the right password), without locking the account', async () => {
    const anonymous = new ApiClient(owner.baseUrl);
    const attempt = (password: string) =>
      anonymous.post<{ message: string }>('/auth/login', { json: { email: 'ops@e2e.updraft.test', password } });
    for (let i = 0; i < 6; i++) expect((await attempt(`wrong-password-${i}`)).status).toBe(401);
    const refused = await attempt('e2e-correct-horse-battery');
    expect([refused.status, refused.body.message, refused.headers.get('retry-after')]).toEqual([
      429,
      'too many failed log-ins for this account from this address; try again in 1 s',
      '1',
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await attempt('e2e-correct-horse-battery')).status).toBe(200);
  });

  it('shows the file that defines a DAG, at its line', async () => {
    const source = await owner.get<{ file: string; line: number; content: string }>(
      `/tenants/${tenant}/dags/quick/source`,
    );
    expect([source.status, source.body.file, source.body.line]).toEqual([200, 'dags/ops.ts', 7]);
    expect(source.body.content).toBe(DAGS);
  });

  it('validates conf against the params, naming the field', async () => {
    const refused = await owner.post<{ message: string }>(`/tenants/${tenant}/dags/quick/dagRuns`, {
      json: { conf: { size: 'big' } },
    });
    expect([refused.status, refused.body.message]).toEqual([400, 'conf.size must be an integer']);
  });

  it('clears a finished run so its tasks run again with their next try', async () => {
    const run = (await owner.post<DagRun>(`/tenants/${tenant}/dags/quick/dagRuns`, { json: { conf: { size: 7 } } }))
      .body;
    await waitFor(
      () => states('quick', run.runId),
      (s) => s.run === 'success',
      { timeoutMs: 30_000, intervalMs: 200, what: 'quick to succeed' },
    );

    const cleared = await owner.post<{ cleared: string[] }>(`${runPath('quick', run.runId)}/clear`, {
      json: { taskIds: ['count'], downstream: true },
    });
    expect(cleared.body.cleared).toEqual(['count', 'done']);
    const again = await waitFor(
      () => states('quick', run.runId),
      (s) => s.run === 'success' && s.tasks['count']?.[1] === 2,
      {
        timeoutMs: 30_000,
        intervalMs: 200,
        what: 'the cleared run to succeed again',
      },
    );
    expect(again.tasks).toEqual({ count: ['success', 2], done: ['success', 2] });
    const xcom = await owner.get<{ items: { key: string; value: unknown }[] }>(
      `${runPath('quick', run.runId)}/taskInstances/count/xcomEntries`,
    );
    expect(xcom.body.items).toEqual([expect.objectContaining({ key: 'return_value', value: { size: 7 } })]);
  });

  it('marks a task failed and filters runs by state', async () => {
    const run = (await owner.post<DagRun>(`/tenants/${tenant}/dags/quick/dagRuns`, { json: {} })).body;
    await waitFor(
      () => states('quick', run.runId),
      (s) => s.run === 'success',
      { timeoutMs: 30_000, intervalMs: 200, what: 'quick to succeed' },
    );
    const marked = await owner.patch<TaskInstance>(`${runPath('quick', run.runId)}/taskInstances/done`, {
      json: { state: 'failed' },
    });
    expect([marked.status, marked.body.state]).toEqual([200, 'failed']);
    await waitFor(
      () => states('quick', run.runId),
      (s) => s.run === 'failed',
      { timeoutMs: 15_000, intervalMs: 200, what: 'the run to follow its task' },
    );
    const failed = await owner.get<Page<DagRun>>(`/tenants/${tenant}/dags/quick/dagRuns`, {
      query: { state: 'failed' },
    });
    expect(failed.body.items.map((r) => r.runId)).toEqual([run.runId]);
    const bad = await owner.get<{ message: string }>(`/tenants/${tenant}/dags/quick/dagRuns`, {
      query: { state: 'exploded' },
    });
    expect([bad.status, bad.body.message]).toEqual([400, 'state must be one of queued, running, success, failed']);
  });
});
