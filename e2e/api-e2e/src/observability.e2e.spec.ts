import type { DagRun } from '@updraft/api-types';
import {
  ApiClient,
  deployBundle,
  OtlpCollector,
  seg,
  signupOwner,
  startOtlpCollector,
  startSuiteStack,
  SuiteStack,
  waitFor,
} from '@updraft/testing';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';

const SUITE = 'api-e2e-observability';
const tenant = 'observed';

const DAGS = `import { bash, dag } from '@updraft/sdk';

dag('observed', { schedule: null }, () => {
  bash('quick', { command: 'echo observed' });
});

dag('slow', { schedule: null }, () => {
  bash('sleepy', { command: 'sleep 6' });
});
`;

async function scrape(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
}

/** The value of one sample (`name{labels} value`), 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const line = text
    .split('\n')
    .find(
      (l) =>
        (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) &&
        Object.entries(labels).every(([key, value]) => l.includes(`${key}="${value}"`)),
    );
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('metrics, health, logs and traces of the apps as processes', () => {
  let stack: SuiteStack;
  let collector: OtlpCollector;
  let owner: ApiClient;
  const port = (app: 'WORKER' | 'SCHEDULER') => `http://127.0.0.1:${stack.env[`${app}_METRICS_PORT`]}`;

  beforeAll(async () => {
    collector = await startOtlpCollector();
    stack = await startSuiteStack(SUITE, { env: { LOG_LEVEL: 'info', OTEL_EXPORTER_OTLP_ENDPOINT: collector.url } });
    owner = await signupOwner(stack.baseUrl, 'observed@e2e.updraft.test', tenant);
    const uploaded = await deployBundle(owner, tenant, 'observed', { 'dags/observed.ts': DAGS });
    expect([uploaded.status, uploaded.body.status, uploaded.body.errors]).toEqual([201, 'active', []]);
  }, 120_000);

  afterAll(async () => {
    await stack?.release();
    await collector?.close();
  }, 60_000);

  async function trigger(dagId: string): Promise<string> {
    const triggered = await owner.post<DagRun>(`/tenants/${tenant}/dags/${dagId}/dagRuns`, { json: {} });
    expect(triggered.status).toBe(201);
    return `/tenants/${tenant}/dags/${dagId}/dagRuns/${seg(triggered.body.runId)}`;
  }

  it('answers live and ready on every app, and not ready while a migration this build needs is missing', async () => {
    for (const base of [stack.baseUrl, port('WORKER'), port('SCHEDULER')]) {
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      const ready = await fetch(`${base}/health/ready`);
      expect([base, ready.status]).toEqual([base, 200]);
    }
    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    try {
      const [last] = (await db.query('SELECT * FROM typeorm_migrations ORDER BY id DESC LIMIT 1')).rows;
      await db.query('DELETE FROM typeorm_migrations WHERE id = $1', [last.id]);
      try {
        const api = await fetch(`${stack.baseUrl}/health/ready`);
        const body = await api.json();
        expect([api.status, body.status, body.error?.database?.message]).toEqual([
          503,
          'error',
          expect.stringMatching(/1 migration\(s\) not applied/),
        ]);
        expect(body.info.redis).toEqual({ status: 'up' });
        const worker = await fetch(`${port('WORKER')}/health/ready`);
        expect([worker.status, (await worker.json()).error]).toEqual([503, expect.stringMatching(/not applied/)]);
      } finally {
        await db.query('INSERT INTO typeorm_migrations (id, timestamp, name) VALUES ($1, $2, $3)', [
          last.id,
          last.timestamp,
          last.name,
        ]);
      }
    } finally {
      await db.end();
    }
    expect((await fetch(`${stack.baseUrl}/health/ready`)).status).toBe(200);
  }, 60_000);

  it('counts a run in Prometheus form: tries by state, time queued, scheduler jobs, HTTP routes by template, queues', async () => {
    const before = await scrape(`${port('WORKER')}/metrics`);
    const path = await trigger('observed');
    await waitFor(
      async () => (await owner.get<DagRun>(path)).body.state,
      (state) => state === 'success',
      { timeoutMs: 60_000, what: 'the run to succeed' },
    );
    const worker = await waitFor(
      () => scrape(`${port('WORKER')}/metrics`),
      (text) => sample(text, 'airflow_ti_finish_total', { state: 'success' }) > 0,
      { timeoutMs: 10_000, what: 'the worker to count the try' },
    );
    expect(sample(worker, 'airflow_ti_finish_total', { state: 'success' })).toBe(
      sample(before, 'airflow_ti_finish_total', { state: 'success' }) + 1,
    );
    expect(sample(worker, 'airflow_task_queued_duration_seconds_count')).toBeGreaterThan(
      sample(before, 'airflow_task_queued_duration_seconds_count'),
    );
    expect(worker).toMatch(/updraft_queue_jobs\{queue="tasks",state="completed",app="worker"\}/);

    const scheduler = await scrape(`${port('SCHEDULER')}/metrics`);
    expect(sample(scheduler, 'updraft_scheduler_job_duration_seconds_count', { job: 'evaluate-run' })).toBeGreaterThan(
      0,
    );
    expect(scheduler).toMatch(/updraft_task_instances\{state="queued",app="scheduler"\} 0/);
    expect(sample(scheduler, 'updraft_dispatch_open_slots')).toBe(32);
    // The tenant has no default_pool row: it has DEFAULT_POOL_SLOTS of it, as the dispatch counts them.
    expect(sample(scheduler, 'airflow_pool_open_slots', { pool: 'default_pool' })).toBe(
      Number(stack.env['DEFAULT_POOL_SLOTS'] ?? 128),
    );
    expect(worker).toContain('# TYPE updraft_sandbox_warm_processes_started_total counter');
    expect(worker).toMatch(/updraft_sandbox_isolation\{feature="network",app="worker"\} [01]/);

    const api = await scrape(`${stack.baseUrl}/metrics`);
    expect(
      sample(api, 'updraft_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/v1/tenants/:tenant/dags/:dagId/dagRuns',
        status: '201',
      }),
    ).toBe(1);
    // Routes by template only: no tenant slug, run id or other unbounded value becomes a label.
    expect(api).not.toContain(tenant);
  }, 90_000);

  it('logs JSON lines with the request id, tenant and DAG, and the request id back to the caller', async () => {
    const response = await fetch(`${stack.baseUrl}/api/v1/tenants/${tenant}/dags/observed`, {
      headers: { authorization: `Bearer ${owner.token}`, 'x-request-id': 'e2e-request-42' },
    });
    expect([response.status, response.headers.get('x-request-id')]).toEqual([200, 'e2e-request-42']);
    const logFile = stack.processes.find((p) => p.app === 'api')?.logFile as string;
    const line = await waitFor(
      async () =>
        readFileSync(logFile, 'utf8')
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l))
          .find((entry) => entry.requestId === 'e2e-request-42'),
      (entry) => entry !== undefined,
      { timeoutMs: 5_000, what: 'the request in the api log' },
    );
    expect(line).toMatchObject({ level: 'info', app: 'api', tenant, dagId: 'observed', res: { statusCode: 200 } });
    expect(JSON.stringify(line)).not.toContain(owner.token as string);
  });

  it("traces a run from the API request through the scheduler's decision to its task's try, under the caller's trace", async () => {
    const hex = (bytes: number) => randomBytes(bytes).toString('hex');
    const [traceId, callerSpan] = [hex(16), hex(8)];
    const response = await fetch(`${stack.baseUrl}/api/v1/tenants/${tenant}/dags/observed/dagRuns`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${owner.token}`,
        'content-type': 'application/json',
        traceparent: `00-${traceId}-${callerSpan}-01`,
      },
      body: '{}',
    });
    expect(response.status).toBe(201);
    const spans = // Each app sends its spans in its own batches: wait for all three.
      (
        await collector.waitForSpans(
          (all) =>
            ['updraft-api', 'updraft-scheduler', 'updraft-worker'].every((service) =>
              all.some((s) => s.traceId === traceId && s.service === service),
            ),
          'the request, the decision and the task try in the trace of the caller',
        )
      ).filter((s) => s.traceId === traceId);
    const request = spans.find((s) => s.service === 'updraft-api');
    expect(request).toMatchObject({
      name: expect.stringMatching(/^POST \/api\/v1\/tenants\/:\w+\/dags\/:\w+\/dagRuns$/),
      parentSpanId: callerSpan,
    });
    expect(spans.find((s) => s.service === 'updraft-scheduler')).toMatchObject({
      name: 'schedule observed',
      parentSpanId: request?.spanId,
      attributes: expect.objectContaining({ 'updraft.dag_id': 'observed', 'updraft.tasks_ready': 1 }),
    });
    expect(spans.find((s) => s.service === 'updraft-worker')).toMatchObject({
      name: 'task observed.quick',
      parentSpanId: request?.spanId,
      attributes: expect.objectContaining({ 'updraft.try_number': 1, 'updraft.outcome': 'success' }),
    });

    // A parent trace context in the run's conf wins (as Airflow 3 allows): the run joins that trace.
    const confTrace = hex(16);
    const viaConf = await owner.post<DagRun>(`/tenants/${tenant}/dags/observed/dagRuns`, {
      json: { conf: { traceparent: `00-${confTrace}-${hex(8)}-01` } },
    });
    expect(viaConf.status).toBe(201);
    await collector.waitForSpans(
      (all) => all.some((s) => s.traceId === confTrace && s.name === 'task observed.quick'),
      'the task try in the trace given in the conf',
    );
  }, 60_000);

  it('reports a draining worker as not ready while it finishes its running try', async () => {
    const path = await trigger('slow');
    await waitFor(
      async () => (await owner.get<{ items: { state: string }[] }>(`${path}/taskInstances`)).body.items[0]?.state,
      (state) => state === 'running',
      { timeoutMs: 30_000, what: 'the slow task to run' },
    );
    const worker = stack.processes.find((p) => p.app === 'worker');
    worker?.child.kill('SIGTERM');
    // The signal reaches the worker's event loop asynchronously: a probe sent at once may be answered first.
    const ready = await waitFor(
      async () => {
        const answer = await fetch(`${port('WORKER')}/health/ready`);
        return [answer.status, (await answer.json()).error];
      },
      ([status]) => status === 503,
      { timeoutMs: 10_000, what: 'the draining worker to report not ready' },
    );
    expect(ready).toEqual([503, expect.stringMatching(/draining/)]);
    expect((await fetch(`${port('WORKER')}/health/live`)).status).toBe(200);
    await worker?.exited;
  }, 60_000);
});
