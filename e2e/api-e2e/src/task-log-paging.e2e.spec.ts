import type { DagRun, TaskLog, TaskLogLine } from '@updraft/api-types';
import { ApiClient, deployBundle, SuiteStack, seg, signupOwner, startSuiteStack, waitFor } from '@updraft/testing';

const tenant = 'logs';

const DAGS = `import { bash, dag } from '@updraft/sdk';

dag('line_flood', { schedule: null }, () => {
  bash('shout', { command: 'yes flood | head -c 200000000; echo done' });
});

dag('byte_flood', { schedule: null }, () => {
  bash('shout', { command: 'head -c 50000000 /dev/zero | tr "\\\\0" x; echo; echo done' });
});

dag('short', { schedule: null }, () => {
  bash('shout', { command: 'seq 1 25000' });
});
`;

describe('task logs: paged to the end, truncation marked, the last line kept through any flood', () => {
  let platform: SuiteStack | undefined;
  let owner: ApiClient;

  beforeAll(async () => {
    platform = await startSuiteStack('api-e2e-task-log-paging');
    owner = await signupOwner(platform.baseUrl, 'logs@e2e.updraft.test', tenant);
    const uploaded = await deployBundle(owner, tenant, 'logs', { 'dags/logs.ts': DAGS });
    expect([uploaded.status, uploaded.body.status, uploaded.body.errors]).toEqual([201, 'active', []]);
  }, 120_000);

  afterAll(() => platform?.release(), 60_000);

  const logPath = (dagId: string, runId: string) =>
    `/tenants/${tenant}/dags/${dagId}/dagRuns/${seg(runId)}/taskInstances/shout/logs/1`;

  async function runToEnd(dagId: string): Promise<string> {
    const run = (await owner.post<DagRun>(`/tenants/${tenant}/dags/${dagId}/dagRuns`, { json: {} })).body;
    const ended = await waitFor(
      async () => (await owner.get<DagRun>(`/tenants/${tenant}/dags/${dagId}/dagRuns/${seg(run.runId)}`)).body,
      (r) => r.state === 'success' || r.state === 'failed',
      { timeoutMs: 120_000, intervalMs: 500, what: `the run of ${dagId} to end` },
    );
    expect(ended.state).toBe('success');
    return run.runId;
  }

  /** Every page of the try's log, following `next`. */
  async function allPages(path: string): Promise<TaskLog[]> {
    const pages: TaskLog[] = [];
    for (let after: string | null | undefined = '0'; typeof after === 'string'; after = pages[pages.length - 1].next) {
      const page: { status: number; body: TaskLog } = await owner.get<TaskLog>(path, { query: { after } });
      expect(page.status).toBe(200);
      pages.push(page.body);
    }
    return pages;
  }

  /** The try's log as its Server-Sent Events stream gives it, up to the `end` event. */
  async function streamed(path: string): Promise<{ lines: TaskLogLine[]; end: unknown }> {
    const response = await fetch(new URL(`/api/v1${path}/stream`, owner.baseUrl), {
      headers: { authorization: `Bearer ${owner.token}`, accept: 'text/event-stream' },
    });
    expect(response.status).toBe(200);
    const decoder = new TextDecoder();
    const lines: TaskLogLine[] = [];
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop() ?? '';
      for (const block of blocks) {
        const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null');
        if (/^event: end$/m.test(block)) return { lines, end: data };
        lines.push(data);
      }
    }
    throw new Error('the log stream closed without an end event');
  }

  it.each([
    ['line_flood', /^log truncated: output exceeded 100000 lines/],
    ['byte_flood', /^log truncated: output exceeded 5242880 bytes/],
  ])(
    '%s: the stored log, its pages and its stream all mark the cut and end with the task finished line',
    async (dagId, notice) => {
      const path = logPath(dagId, await runToEnd(dagId));
      const pages = await allPages(path);
      const lines = pages.flatMap((p) => p.lines);
      console.log(
        `${dagId}: ${lines.length} lines in ${pages.length} page(s), ${lines.reduce((n, l) => n + l.message.length, 0)} characters kept`,
      );
      expect(pages.every((p) => p.truncated)).toBe(true);
      const notices = lines.filter((l) => l.stream === 'system' && notice.test(l.message));
      expect(notices).toHaveLength(1);
      expect(lines.some((l) => l.message === 'done')).toBe(false);
      expect(lines[lines.length - 1]).toMatchObject({ stream: 'system', message: 'task finished: success' });

      const stream = await streamed(path);
      expect(stream.lines).toHaveLength(lines.length);
      expect(stream.lines.filter((l) => l.stream === 'system' && notice.test(l.message))).toHaveLength(1);
      expect(stream.lines[stream.lines.length - 1].message).toBe('task finished: success');
      expect(stream.end).toEqual({ state: 'success' });
    },
    300_000,
  );

  it('pages through a log of more than 10,000 lines, not truncated, in order and without a gap', async () => {
    const path = logPath('short', await runToEnd('short'));
    const pages = await allPages(path);
    expect(pages.map((p) => p.lines.length)).toEqual([10_000, 10_000, expect.any(Number)]);
    expect(pages.map((p) => p.truncated)).toEqual([false, false, false]);
    const stdout = pages
      .flatMap((p) => p.lines)
      .filter((l) => l.stream === 'stdout')
      .map((l) => Number(l.message));
    expect(stdout).toEqual(Array.from({ length: 25_000 }, (_, i) => i + 1));

    const small = await owner.get<TaskLog>(path, { query: { limit: 100, after: pages[0].next as string } });
    expect(small.body.lines).toEqual(pages[1].lines.slice(0, 100));
    expect(small.body.next).not.toBeNull();
  }, 180_000);

  it('refuses a page cursor or size it cannot serve, naming the parameter', async () => {
    const path = logPath(
      'short',
      (await owner.get<{ items: DagRun[] }>(`/tenants/${tenant}/dags/short/dagRuns`)).body.items[0].runId,
    );
    const badCursor = await owner.get<{ message: string[] | string }>(path, { query: { after: 'abc' } });
    expect([badCursor.status, JSON.stringify(badCursor.body.message)]).toEqual([400, expect.stringContaining('after')]);
    const tooMany = await owner.get<{ message: string[] | string }>(path, { query: { limit: 10_001 } });
    expect([tooMany.status, JSON.stringify(tooMany.body.message)]).toEqual([400, expect.stringContaining('limit')]);
  });
});
