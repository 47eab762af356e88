import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { NotificationChannel } from '@updraft/api-types';
import {
  ApiClient,
  AppName,
  createHostNetwork,
  createTestDatabase,
  DEFAULT_REDIS_URL,
  deployBundle,
  flushRedisPrefix,
  HostNetwork,
  migrateWithBuiltApi,
  queryDatabase,
  signupOwner,
  SmtpCapture,
  Stack,
  startSmtpCapture,
  startStack,
  TestDatabase,
  testOutputDir,
  uniqueRedisPrefix,
  waitFor,
} from '@updraft/testing';

/**
 * The platform spread over separate network hosts on one machine (network namespaces joined by
 * veth links, made here): one api, two schedulers and three workers, each on its own host with its
 * own data folder, reaching PostgreSQL, Redis and the mail server over their links. Under a load
 * of 200 runs over 3 tenants: a worker host's link is cut mid-task, a scheduler host is killed,
 * then every app is restarted one at a time. Every run must end in success, no task instance may
 * succeed twice, and each SLA alert must be one message.
 */
const SUITE = 'api-e2e-multi-host';
const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;

const HOSTS: Record<string, AppName> = {
  api: 'api',
  sched1: 'scheduler',
  sched2: 'scheduler',
  w1: 'worker',
  w2: 'worker',
  w3: 'worker',
};
const TENANTS = ['north', 'south', 'east'];

// Retries on every DAG: a task on a host whose link is cut dies with it (zombie), like any task on a lost host.
const DAGS = `import { bash, dag, empty, task } from '@updraft/sdk';

const retried = { retries: 2, retryDelay: '1s' };

dag('steady', { schedule: null, defaultArgs: retried }, () => {
  task('prepare', async () => new Promise((resolve) => setTimeout(() => resolve(1), 200))).then(empty('publish'));
});

dag('long', { schedule: null, defaultArgs: retried }, () => {
  bash('work', { command: 'sleep 5; echo done' }).then(empty('after'));
});

dag('late', { schedule: null, slaChannels: ['ops-mail'], defaultArgs: retried }, () => {
  bash('load', { command: 'sleep 3', sla: '1s' });
});
`;

const FAST = {
  HEARTBEAT_INTERVAL_MS: '300',
  ZOMBIE_THRESHOLD_MS: '8000',
  SCHEDULER_SWEEP_INTERVAL_MS: '1000',
  SLA_CHECK_INTERVAL_MS: '500',
  NOTIFICATION_BACKOFF_MS: '200',
  WORKER_DRAIN_GRACE_MS: '1000',
  WORKER_CONCURRENCY: '4',
};
const OPS_PORT = { scheduler: '9465', worker: '9464' };

describe('spread over hosts: one api, two schedulers, three workers on their own network hosts', () => {
  let network: HostNetwork | undefined;
  let db: TestDatabase | undefined;
  let smtp: SmtpCapture;
  const redisPrefix = uniqueRedisPrefix();
  const running: Record<string, Stack> = {};
  /** Processes this suite stopped or killed on purpose; any other that exits is a crash. */
  const ended = new Set<Stack['processes'][number]>();
  const owners: Record<string, ApiClient> = {};
  const shared = { JWT_SECRET: randomBytes(32).toString('hex'), ENCRYPTION_KEY: randomBytes(32).toString('hex') };
  let relays: { database: number; redis: number; smtp: number };

  /** Starts the host's app with everything it needs reached over the host's own link. */
  async function startOn(hostName: string): Promise<Stack> {
    const host = (network as HostNetwork).hosts[hostName];
    const app = HOSTS[hostName];
    const database = new URL((db as TestDatabase).url);
    database.hostname = host.gateway;
    database.port = String(relays.database);
    const dataDir = join(testOutputDir(SUITE), 'hosts', hostName);
    mkdirSync(dataDir, { recursive: true });
    const stack = await startStack({
      databaseUrl: database.toString(),
      redisPrefix,
      redisUrl: `redis://${host.gateway}:${relays.redis}`,
      smtpUrl: `smtp://${host.gateway}:${relays.smtp}`,
      suite: `${SUITE}/${hostName}`,
      apps: [app],
      launcher: host.launcher,
      host: host.address,
      healthTimeoutMs: 60_000,
      env: {
        ...FAST,
        ...shared,
        PORT: '8080',
        WORKER_METRICS_PORT: OPS_PORT.worker,
        SCHEDULER_METRICS_PORT: OPS_PORT.scheduler,
        WORKER_HOSTNAME: hostName,
        DATA_DIR: dataDir,
      },
    });
    if (app !== 'api') await waitUntilReady(hostName);
    running[hostName] = stack;
    return stack;
  }

  async function waitUntilReady(hostName: string): Promise<void> {
    const url = `http://${(network as HostNetwork).hosts[hostName].address}:${OPS_PORT[HOSTS[hostName] as 'worker']}/health/ready`;
    await waitFor(
      () =>
        fetch(url).then(
          (r) => r.status,
          () => 0,
        ),
      (status) => status === 200,
      { timeoutMs: 60_000, intervalMs: 250, what: `${hostName} to be ready` },
    );
  }

  async function stopOn(hostName: string, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const stack = running[hostName];
    stack.processes.forEach((p) => ended.add(p));
    if (signal === 'SIGKILL') {
      stack.processes.forEach((p) => p.child.kill('SIGKILL'));
      await Promise.all(stack.processes.map((p) => p.exited));
    } else await stack.stop();
  }

  const query = <T>(sql: string, params: unknown[] = []) => queryDatabase<T>((db as TestDatabase).url, sql, params);

  async function trigger(dagId: string, count: number, tenants = TENANTS): Promise<string[]> {
    const runIds: string[] = [];
    for (let i = 0; i < count; i++) {
      const tenant = tenants[i % tenants.length];
      const response = await owners[tenant].post<{ runId: string }>(`/tenants/${tenant}/dags/${dagId}/dagRuns`, {
        json: {},
      });
      expect(response.status).toBe(201);
      runIds.push(response.body.runId);
    }
    return runIds;
  }

  beforeAll(async () => {
    network = await createHostNetwork(Object.keys(HOSTS));
    smtp = await startSmtpCapture();
    db = await createTestDatabase({ migrate: (url) => migrateWithBuiltApi(url, SUITE) });
    relays = {
      database: await network.relay(Number(new URL(db.url).port || 5432)),
      redis: await network.relay(Number(new URL(redisUrl).port || 6379)),
      smtp: await network.relay(Number(new URL(smtp.url).port)),
    };
    // One at a time, as hosts come up in a real cluster; the api first so that its health says the schema is there.
    for (const hostName of Object.keys(HOSTS)) await startOn(hostName);
    const baseUrl = running['api'].baseUrl;
    for (const tenant of TENANTS) {
      owners[tenant] = await signupOwner(baseUrl, `owner@${tenant}.e2e.updraft.test`, tenant);
      const channel = await owners[tenant].post<NotificationChannel>(`/tenants/${tenant}/notificationChannels`, {
        json: { name: 'ops-mail', type: 'email', config: { addresses: [`ops@${tenant}.e2e.updraft.test`] } },
      });
      expect(channel.status).toBe(201);
      const uploaded = await deployBundle(owners[tenant], tenant, 'spread', { 'dags/spread.ts': DAGS });
      expect([uploaded.status, uploaded.body.status, uploaded.body.errors]).toEqual([201, 'active', []]);
    }
  }, 300_000);

  afterAll(async () => {
    await Promise.all(Object.values(running).map((stack) => stack.stop()));
    await network?.destroy();
    await smtp?.close();
    await db?.drop();
    await flushRedisPrefix(redisUrl, redisPrefix);
  }, 120_000);

  it('survives a cut link, a killed scheduler and a rolling restart: every run succeeds once, alerts fire once', async () => {
    const steady = await trigger('steady', 100);
    const long = await trigger('long', 3);
    const late = await trigger('late', 3);

    // A worker host's link is cut while it runs a task: its try is reaped and retried on another host.
    const [victim] = await waitFor(
      () =>
        query<{ id: string; hostname: string }>(
          `SELECT ti.id, ti.hostname FROM task_instance ti JOIN dag_run r ON r.id = ti.dag_run_id
            WHERE r.dag_id = 'long' AND ti.task_id = 'work' AND ti.state = 'running' AND ti.hostname IS NOT NULL`,
        ),
      (rows) => rows.length > 0,
      { timeoutMs: 60_000, intervalMs: 200, what: 'a long task to run on some worker' },
    );
    const cutHost = (network as HostNetwork).hosts[victim.hostname];
    cutHost.cut();
    try {
      await waitFor(
        () =>
          query<{ hostname: string }>(
            `SELECT hostname FROM task_try WHERE task_instance_id = $1 AND try_number > 1 AND hostname IS NOT NULL`,
            [victim.id],
          ),
        (rows) => rows.length > 0 && rows.every((r) => r.hostname !== victim.hostname),
        { timeoutMs: 90_000, intervalMs: 500, what: `the try cut off on ${victim.hostname} to be retried elsewhere` },
      );
    } finally {
      cutHost.restore();
    }
    steady.push(...(await trigger('steady', 50)));

    // A scheduler host dies without a word; the other keeps scheduling.
    await stopOn('sched1', 'SIGKILL');
    steady.push(...(await trigger('steady', 50)));

    // Every app restarted one at a time, each ready before the next goes (the killed scheduler comes back first).
    await startOn('sched1');
    for (const hostName of ['api', 'sched2', 'w1', 'w2', 'w3', 'sched1']) {
      await stopOn(hostName);
      await startOn(hostName);
    }

    const all = [...steady, ...long, ...late];
    const states = await waitFor(
      () => query<{ run_id: string; state: string }>(`SELECT run_id, state FROM dag_run WHERE run_id = ANY($1)`, [all]),
      (rows) => rows.length === all.length && rows.every((r) => r.state === 'success' || r.state === 'failed'),
      { timeoutMs: 240_000, intervalMs: 1000, what: `${all.length} runs to end` },
    );
    expect(states.filter((r) => r.state !== 'success')).toEqual([]);
    expect(steady).toHaveLength(200);

    const [tries] = await query<{ instances: number; succeeded: number; twice: number; untried: number }>(
      `SELECT count(*)::int AS instances,
              count(*) FILTER (WHERE ti.state = 'success')::int AS succeeded,
              count(*) FILTER (WHERE (SELECT count(*) FROM task_try t WHERE t.task_instance_id = ti.id AND t.state = 'success') > 1)::int AS twice,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM task_try t WHERE t.task_instance_id = ti.id))::int AS untried
         FROM task_instance ti JOIN dag_run r ON r.id = ti.dag_run_id WHERE r.run_id = ANY($1)`,
      [all],
    );
    // steady: 2 tasks × 200, long: 2 × 3, late: 1 × 3.
    expect(tries).toEqual({ instances: 409, succeeded: 409, twice: 0, untried: 0 });
    const cutTry = await query<{ state: string }>(
      `SELECT state FROM task_try WHERE task_instance_id = $1 AND hostname = $2`,
      [victim.id, victim.hostname],
    );
    expect(cutTry.map((t) => t.state)).not.toContain('success');
    const workers = await query<{ hostname: string }>(
      `SELECT DISTINCT t.hostname FROM task_try t JOIN task_instance ti ON ti.id = t.task_instance_id
         JOIN dag_run r ON r.id = ti.dag_run_id WHERE r.run_id = ANY($1) ORDER BY 1`,
      [steady],
    );
    expect(workers.map((w) => w.hostname)).toEqual(['w1', 'w2', 'w3']);

    // One SLA miss per late run, each mailed exactly once to its own tenant's channel.
    const misses = await waitFor(
      () =>
        query<{ notified: boolean }>(
          `SELECT m.notified_at IS NOT NULL AS notified FROM sla_miss m JOIN dag_run r ON r.id = m.dag_run_id WHERE r.run_id = ANY($1)`,
          [late],
        ),
      (rows) => rows.length === 3 && rows.every((r) => r.notified),
      { timeoutMs: 30_000, what: 'the 3 SLA misses to be notified' },
    );
    expect(misses).toHaveLength(3);
    // One alert per miss: a mail sent again because its acknowledgement was lost in the cut is the
    // same message (the same Message-ID, shown once by mail clients), never a second alert.
    const alerts = smtp.mails.filter((m) => /SLA missed: late\.load/.test(m.subject));
    const messages = new Map(alerts.map((m) => [m.messageId, m.to.join(',')]));
    expect([...messages.values()].sort()).toEqual(TENANTS.map((t) => `ops@${t}.e2e.updraft.test`).sort());
    expect(alerts.every((m) => /^<[\da-f]{32}@notifications\.updraft>$/.test(m.messageId))).toBe(true);

    // Nothing crashed: every process not stopped on purpose still runs.
    const crashed = Object.values(running)
      .flatMap((stack) => stack.processes)
      .filter((p) => !ended.has(p) && (p.child.exitCode !== null || p.child.signalCode !== null));
    expect(crashed.map((p) => p.app)).toEqual([]);
  }, 600_000);
});
