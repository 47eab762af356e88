// `npm run bench [-- chain|throughput|lag|all|bundles|console|schedules|api-scale|soak] [--no-build] [--concurrency N] [--runs N] [--repeat N] [--cpu-prof DIR] [--trace DIR] [--keep-database]`
//
// Measures Updraft end to end, the way a tenant sees it: the built api, scheduler and worker run
// as separate processes against a fresh database and Redis prefix, a generated bundle is uploaded
// over the API, runs are triggered over the API and polled every 20 ms until they finish.
// Prints ONE JSON object on stdout; progress goes to stderr. Not a test: nothing is asserted.
// Figures and their reading: docs/benchmarks.md.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, ensureServices } from '../services.mjs';
import { bundleFiles, CHAIN_CPU_MS, CHAIN_LENGTH, DAGS, PARALLEL_EMPTY, PARALLEL_FUNCTION } from './dags.mjs';
import { callApi } from '../api-call.mjs';
import { BUNDLE_DAGS, bigBundleFiles, sampleDescendantsPeak, TASKS_PER_DAG } from './bundles.mjs';
import { benchConsole } from './console.mjs';
import { benchSchedules } from './schedules.mjs';
import { benchApiScale } from './api-scale.mjs';
import { benchSoak } from './soak.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const Bull = require('bull');
// ioredis is Bull's own client: resolve it from where bull resolves it.
const Redis = createRequire(require.resolve('bull'))('ioredis');
const { Client: PgClient } = require('pg');
const tar = require('tar');

const say = (text) => process.stderr.write(`[bench] ${text}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (value, digits = 3) =>
  value === null || value === undefined || Number.isNaN(value) ? null : Number(value.toFixed(digits));

// ---------------------------------------------------------------------------------------------
// Arguments

const PUBLISHED_CHAIN_SECONDS = {
  airflow: 116,
  prefect: 4.9,
  windmill: 4.4,
  windmillDedicatedWorkers: 2.1,
  temporal: 3.0,
  hatchet: 1.2,
};
const GOALS = {
  chainSeconds: 0.8,
  throughputTasksPerSecond: 1000,
  throughputFractionOfRawBull: 0.3,
  lagP50Ms: 5,
  lagP99Ms: 25,
};

function parseArgs(argv) {
  const options = { mode: 'all', build: true, concurrency: 8, runs: 3, repeat: 1 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (['chain', 'throughput', 'lag', 'all', 'bundles', 'console', 'schedules', 'api-scale', 'soak'].includes(arg))
      options.mode = arg;
    else if (
      [
        '--tenants',
        '--dags',
        '--minutes',
        '--runs-per-dag',
        '--tasks-per-run',
        '--clients',
        '--seconds',
        '--rate',
      ].includes(arg)
    ) {
      const value = Number(argv[++i]);
      if (!(value > 0)) throw new Error(`${arg} needs a positive number`);
      options.size = { ...options.size, [arg.slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase())]: value };
    } else if (arg === '--no-build') options.build = false;
    else if (arg === '--cpu-prof') options.cpuProfDir = argv[++i];
    else if (arg === '--trace') options.traceDir = argv[++i];
    else if (arg === '--keep-database') options.keepDatabase = true;
    else if (arg === '--concurrency' || arg === '--runs' || arg === '--repeat') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1) throw new Error(`${arg} needs a positive whole number`);
      options[arg.slice(2)] = value;
    } else if (arg === '--help' || arg === '-h') {
      process.stderr.write(
        'usage: node tools/bench/run.mjs [chain|throughput|lag|all|bundles|console|schedules|api-scale|soak] [--no-build] [--concurrency N] [--runs N] [--repeat N] [--trace DIR]\n' +
          '  schedules [--tenants 100] [--dags 100] [--minutes 10]\n' +
          '  api-scale [--tenants 100] [--dags 100] [--runs-per-dag 20] [--tasks-per-run 10] [--clients 20] [--seconds 10]\n' +
          '  soak [--tenants 20] [--rate 50] [--minutes 60]\n',
      );
      process.exit(0);
    } else throw new Error(`unknown argument '${arg}' (see --help)`);
  }
  return options;
}

// ---------------------------------------------------------------------------------------------
// Clean-up: everything created is registered here and undone in reverse order, whatever happens.

const cleanups = [];
let cleaning = null;
function onCleanup(what, fn) {
  cleanups.push({ what, fn });
}
function cleanupAll() {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const { what, fn } = cleanups.pop();
      try {
        await fn();
      } catch (error) {
        say(`clean-up of ${what} failed: ${error.message}`);
      }
    }
  })();
  return cleaning;
}

// ---------------------------------------------------------------------------------------------
// Databases, Redis, processes

async function withPg(url, work) {
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new PgClient({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function flushRedisPrefix(redisUrl, prefix) {
  if (!/^updraft_bench_[a-z0-9]+$/.test(prefix)) throw new Error(`refusing to flush the prefix "${prefix}"`);
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

function freePort() {
  return new Promise((resolve, reject) => {
    import('node:net').then(({ createServer }) => {
      const server = createServer();
      server.unref();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address();
        server.close(() => resolve(port));
      });
    });
  });
}

function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Peak resident set size (VmHWM) of a live process, in MB. */
function peakRssMb(pid) {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? round(Number(match[1]) / 1024, 1) : null;
  } catch {
    return null;
  }
}

/** CPU seconds a live process has used: its own (user+sys) and its reaped children's (the sandboxes, for the worker). */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime=14, stime=15, cutime=16, cstime=17 (clock ticks, 100 Hz on Linux)
    const tick = (n) => Number(fields[n - 3]) / 100;
    return { self: tick(14) + tick(15), children: tick(16) + tick(17) };
  } catch {
    return { self: null, children: null };
  }
}

/**
 * CPU seconds used so far by the live descendants of `rootPid` (with what each has reaped): the
 * worker's warm sandbox processes, which live across tries and are killed, never reaped, at the end.
 */
function liveDescendantsCpuSeconds(rootPid) {
  const parentOf = new Map();
  const cpuOf = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(entry), Number(fields[1]));
      cpuOf.set(
        Number(entry),
        [14, 15, 16, 17].reduce((sum, n) => sum + Number(fields[n - 3]) / 100, 0),
      );
    } catch {
      // gone meanwhile
    }
  }
  const isDescendant = (pid) => {
    for (let parent = parentOf.get(pid); parent !== undefined && parent > 1; parent = parentOf.get(parent))
      if (parent === rootPid) return true;
    return false;
  };
  return [...cpuOf].filter(([pid]) => isDescendant(pid)).reduce((sum, [, cpu]) => sum + cpu, 0);
}

/** CPU seconds used so far by every live process whose command name is `comm` (PostgreSQL's backends, Redis), machine-wide. */
function cpuSecondsOfCommand(comm) {
  let sum = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== comm) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      sum += Number(fields[14 - 3]) / 100 + Number(fields[15 - 3]) / 100;
    } catch {
      // gone meanwhile
    }
  }
  return sum;
}

/** A fresh platform: its own database, Redis prefix, DATA_DIR, port and api/scheduler/worker processes. */
async function startPlatform(label, options, tempRoot) {
  const suffix = randomBytes(5).toString('hex');
  const baseDbUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const dbUrl = new URL(baseDbUrl);
  dbUrl.pathname = `/updraft_bench_${suffix}`;
  const databaseUrl = dbUrl.toString();
  const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  const redisPrefix = `updraft_bench_${suffix}`;
  const dir = join(tempRoot, label);
  mkdirSync(join(dir, 'data'), { recursive: true });
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    PORT: String(port),
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    DATA_DIR: join(dir, 'data'),
    WORKER_CONCURRENCY: String(options.concurrency),
    // Replicas (and other benches) on one machine cannot share the metrics ports: none is opened.
    WORKER_METRICS_PORT: '0',
    SCHEDULER_METRICS_PORT: '0',
  };

  if (options.keepDatabase) say(`${label}: keeping database updraft_bench_${suffix} (--keep-database)`);
  else
    onCleanup(`database ${databaseUrl.replace(/\/\/[^@]*@/, '//')}`, async () => {
      await withPg(databaseUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "updraft_bench_${suffix}" WITH (FORCE)`),
      );
    });
  onCleanup(`Redis prefix ${redisPrefix}`, async () => {
    const deleted = await flushRedisPrefix(redisUrl, redisPrefix);
    say(`${label}: removed ${deleted} Redis keys under ${redisPrefix}:`);
  });

  say(`${label}: migrating database updraft_bench_${suffix}`);
  const migrate = spawnSync(process.execPath, [join(root, 'dist', 'apps', 'api', 'main.js'), 'migrate'], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  if (migrate.status !== 0)
    throw new Error(`migrate failed (exit ${migrate.status ?? migrate.signal}):\n${migrate.stdout}\n${migrate.stderr}`);

  const processes = {};
  // The first of each app keeps its plain name (`scheduler`); extra replicas are `scheduler-2`, ...
  const replicas = (app, count = 1) =>
    Array.from({ length: count }, (_, i) => [i === 0 ? app : `${app}-${i + 1}`, app]);
  for (const [name, app] of [
    ['api', 'api'],
    ...replicas('scheduler', options.schedulers),
    ...replicas('worker', options.workers),
  ]) {
    const logFile = join(dir, `${name}.log`);
    const log = createWriteStream(logFile);
    const profile = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${join(options.cpuProfDir, name)}`] : [];
    const child = spawn(process.execPath, [...profile, join(root, 'dist', 'apps', app, 'main.js')], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    processes[name] = { child, logFile, exited };
  }
  const stop = async () => {
    await Promise.all(
      Object.entries(processes).map(async ([app, { child, exited }]) => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        const timer = setTimeout(() => {
          say(`${label}: ${app} did not stop within 15 s: SIGKILL`);
          child.kill('SIGKILL');
        }, 15_000);
        await exited;
        clearTimeout(timer);
      }),
    );
  };
  onCleanup(`${label} processes`, stop);
  process.once('exit', () => Object.values(processes).forEach(({ child }) => child.kill('SIGKILL')));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const dead = Object.entries(processes).find(([, p]) => p.child.exitCode !== null || p.child.signalCode !== null);
    if (dead) throw new Error(`${dead[0]} exited during start-up:\n${tail(dead[1].logFile)}`);
    try {
      if ((await fetch(`${baseUrl}/api/v1/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`the api did not become healthy within 60 s:\n${tail(processes.api.logFile)}`);
    await sleep(200);
  }
  say(`${label}: ${Object.keys(processes).join(', ')} up at ${baseUrl} (WORKER_CONCURRENCY=${options.concurrency})`);

  const peakRss = () => ({
    workerMb: peakRssMb(processes.worker.child.pid),
    schedulerMb: peakRssMb(processes.scheduler.child.pid),
    apiMb: peakRssMb(processes.api.child.pid),
  });
  const cpu = () => {
    const worker = cpuSeconds(processes.worker.child.pid);
    const sandboxes =
      worker.children === null ? null : worker.children + liveDescendantsCpuSeconds(processes.worker.child.pid);
    return {
      worker: worker.self,
      sandboxes,
      scheduler: cpuSeconds(processes.scheduler.child.pid).self,
      api: cpuSeconds(processes.api.child.pid).self,
      postgres: cpuSecondsOfCommand('postgres'),
      redis: cpuSecondsOfCommand('redis-server'),
    };
  };
  return { baseUrl, env, redisUrl, redisPrefix, processes, peakRss, cpu, stop, dir };
}

// ---------------------------------------------------------------------------------------------
// The API

async function expectStatus(promise, status, what) {
  const result = await promise;
  if (result.status !== status)
    throw new Error(`${what} answered ${result.status}: ${JSON.stringify(result.body).slice(0, 500)}`);
  return result.body;
}

async function packFolder(dir) {
  const chunks = [];
  for await (const chunk of tar.create({ gzip: true, cwd: dir, portable: true }, readdirSync(dir).sort()))
    chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Signs up a tenant and uploads the bench bundle; returns what the other calls need. */
async function prepareTenant(platform, bundleDir) {
  const tenant = 'bench';
  const signup = await expectStatus(
    callApi(platform.baseUrl, 'POST', '/auth/signup', {
      json: {
        email: `bench-${randomBytes(4).toString('hex')}@updraft.local`,
        password: randomBytes(18).toString('base64url'),
        tenantSlug: tenant,
        tenantName: 'Bench',
      },
    }),
    201,
    'signup',
  );
  const token = signup.accessToken;
  const form = new FormData();
  form.append('file', new Blob([await packFolder(bundleDir)], { type: 'application/gzip' }), 'bench.tar.gz');
  const started = Date.now();
  const bundle = await expectStatus(
    callApi(platform.baseUrl, 'POST', `/tenants/${tenant}/bundles?wait=true`, { form, token }),
    201,
    'bundle upload',
  );
  if (bundle.status !== 'active')
    throw new Error(
      `the bench bundle did not parse: ${JSON.stringify(bundle)}\n${tail(platform.processes.worker.logFile)}`,
    );
  say(`bundle v${bundle.version} active in ${Date.now() - started} ms: ${bundle.dagIds.join(', ')}`);
  return { baseUrl: platform.baseUrl, tenant, token, refreshToken: signup.refreshToken, platform };
}

/** Triggers a run and polls it every 20 ms until it ends; wall-clock seconds from trigger to the poll that saw it end. */
async function triggerAndWait(ctx, dagId, timeoutMs = 600_000) {
  const before = ctx.platform.cpu();
  const result = await triggerAndWaitOnce(ctx, dagId, timeoutMs);
  const after = ctx.platform.cpu();
  result.cpuSeconds = Object.fromEntries(
    Object.keys(after).map((k) => [k, after[k] === null || before[k] === null ? null : round(after[k] - before[k], 2)]),
  );
  return result;
}

async function triggerAndWaitOnce(ctx, dagId, timeoutMs) {
  const started = performance.now();
  const run = await expectStatus(
    callApi(ctx.baseUrl, 'POST', `/tenants/${ctx.tenant}/dags/${dagId}/dagRuns`, { json: {}, token: ctx.token }),
    201,
    `trigger ${dagId}`,
  );
  const path = `/tenants/${ctx.tenant}/dags/${dagId}/dagRuns/${encodeURIComponent(run.runId)}`;
  for (;;) {
    const { status, body } = await callApi(ctx.baseUrl, 'GET', path, { token: ctx.token });
    if (status === 200 && (body.state === 'success' || body.state === 'failed')) {
      const seconds = (performance.now() - started) / 1000;
      if (body.state !== 'success')
        throw new Error(
          `run ${run.runId} of ${dagId} ended ${body.state}:\n${tail(ctx.platform.processes.worker.logFile)}`,
        );
      return { run: body, seconds };
    }
    if (performance.now() - started > timeoutMs)
      throw new Error(
        `run ${run.runId} of ${dagId} did not finish within ${timeoutMs / 1000} s (state ${body?.state})`,
      );
    await sleep(20);
  }
}

async function taskInstances(ctx, dagId, runId) {
  const items = [];
  for (let offset = 0; ; offset += 500) {
    const page = await expectStatus(
      callApi(
        ctx.baseUrl,
        'GET',
        `/tenants/${ctx.tenant}/dags/${dagId}/dagRuns/${encodeURIComponent(runId)}/taskInstances?limit=500&offset=${offset}`,
        { token: ctx.token },
      ),
      200,
      'task instances',
    );
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) return items;
  }
}

// ---------------------------------------------------------------------------------------------
// Figures

function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const median = (values) => percentile(values, 50);
const mean = (values) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const ms = (iso) => new Date(iso).getTime();

/**
 * A link's lag: from the worker's log line that records the upstream task's outcome (written the
 * moment the task returned) to the first line of the downstream try (written as it starts), both
 * on the worker's clock. The instances' endDate and startDate cannot tell it: the upstream's end
 * and the downstream's claim are stored by one transaction, so both read its start time.
 */
async function chainLags(ctx, dag, runId) {
  const path = (taskId) =>
    `/tenants/${ctx.tenant}/dags/${dag.dagId}/dagRuns/${encodeURIComponent(runId)}/taskInstances/${taskId}/logs/1`;
  const logs = await Promise.all(
    dag.taskIds.map((taskId) =>
      expectStatus(callApi(ctx.baseUrl, 'GET', path(taskId), { token: ctx.token }), 200, `logs of ${taskId}`),
    ),
  );
  const at = (log, test, what) => {
    const line = log.lines.find((l) => l.stream === 'system' && test(l.message));
    if (!line) throw new Error(`the log of ${log.taskId} has no ${what} line`);
    return ms(line.timestamp);
  };
  const lags = [];
  for (let i = 1; i < logs.length; i++)
    lags.push(
      at(logs[i], (m) => / started on /.test(m), 'start') -
        at(logs[i - 1], (m) => m.startsWith('task finished: '), 'outcome'),
    );
  return lags;
}

/** Where a chain run's time went, from the API's own timestamps (server clock) and the worker's log lines. */
function chainBreakdown(run, tis, lags) {
  const byId = new Map(tis.map((t) => [t.taskId, t]));
  const ordered = DAGS.chain.taskIds.map((id) => byId.get(id));
  if (ordered.some((t) => !t || !t.startDate || !t.endDate))
    throw new Error('a chain task instance has no start or end date');
  const durations = ordered.map((t) => ms(t.endDate) - ms(t.startDate));
  const runStart = ms(run.queuedAt ?? run.startDate);
  return {
    lags,
    durations,
    serverSeconds: (ms(run.endDate) - runStart) / 1000,
    firstTaskStartMs: ms(ordered[0].startDate) - runStart,
    lastTaskEndToRunEndMs: ms(run.endDate) - ms(ordered[ordered.length - 1].endDate),
  };
}

async function benchChain(options, bundleDir, tempRoot) {
  const platform = await startPlatform('chain', options, tempRoot);
  const ctx = await prepareTenant(platform, bundleDir);

  say(`chain: warm-up run of ${DAGS.chain.dagId} (materialises the bundle in the worker's cache)`);
  const cold = await triggerAndWait(ctx, DAGS.chain.dagId);
  say(`chain: cold run ${cold.seconds.toFixed(2)} s`);

  const runs = [];
  for (let i = 0; i < options.runs; i++) {
    const last = await triggerAndWait(ctx, DAGS.chain.dagId);
    const { run, seconds } = last;
    const breakdown = chainBreakdown(
      run,
      await taskInstances(ctx, DAGS.chain.dagId, run.runId),
      await chainLags(ctx, DAGS.chain, run.runId),
    );
    runs.push({ seconds, cpuSeconds: last.cpuSeconds, ...breakdown });
    say(
      `chain: run ${i + 1}/${options.runs} ${seconds.toFixed(2)} s (lag p50 ${median(breakdown.lags)} ms, task p50 ${median(breakdown.durations)} ms)`,
    );
  }

  const emptyRuns = [];
  for (let i = 0; i < options.runs; i++) {
    const { run, seconds, cpuSeconds: cpu } = await triggerAndWait(ctx, DAGS.chainEmpty.dagId);
    emptyRuns.push({ seconds, lags: await chainLags(ctx, DAGS.chainEmpty, run.runId) });
    if (i === options.runs - 1) emptyRuns.cpuSeconds = cpu;
    say(`chain: empty-task run ${i + 1}/${options.runs} ${seconds.toFixed(2)} s`);
  }
  return { ctx, platform, cold, runs, emptyRuns, peakRss: platform.peakRss() };
}

function chainFigures(result, options) {
  const seconds = median(result.runs.map((r) => r.seconds));
  const durations = result.runs.flatMap((r) => r.durations);
  const lags = result.runs.flatMap((r) => r.lags);
  return {
    what: `one run of a DAG of ${CHAIN_LENGTH} sequential task(...) function tasks, each ~${CHAIN_CPU_MS} ms of CPU; seconds from the trigger call to the 20 ms poll that saw the run succeed`,
    tasks: CHAIN_LENGTH,
    cpuMsPerTask: CHAIN_CPU_MS,
    workerConcurrency: options.concurrency,
    seconds: round(seconds),
    runsSeconds: result.runs.map((r) => round(r.seconds)),
    coldRunSeconds: round(result.cold.seconds),
    serverSeconds: round(median(result.runs.map((r) => r.serverSeconds))),
    goalSeconds: GOALS.chainSeconds,
    meetsGoal: seconds <= GOALS.chainSeconds,
    publishedOn2vCpuSeconds: PUBLISHED_CHAIN_SECONDS,
    breakdown: {
      what: 'medians over the measured runs: durations from the task instances startDate/endDate (server clock), lags from the worker log lines (see lag)',
      taskDurationMsP50: median(durations),
      taskDurationMsMean: round(mean(durations), 1),
      sumOfTaskDurationsSeconds: round(median(result.runs.map((r) => r.durations.reduce((a, b) => a + b, 0) / 1000))),
      sumOfLagsSeconds: round(median(result.runs.map((r) => r.lags.reduce((a, b) => a + b, 0) / 1000))),
      lagMsP50: median(lags),
      runQueuedToFirstTaskStartMs: median(result.runs.map((r) => r.firstTaskStartMs)),
      lastTaskEndToRunEndMs: median(result.runs.map((r) => r.lastTaskEndToRunEndMs)),
      cpuSecondsOfLastRun: result.runs[result.runs.length - 1].cpuSeconds,
    },
    emptyTaskChain: {
      what: `the same ${CHAIN_LENGTH}-task chain made of empty(...) tasks (no sandbox process): the orchestration cost alone`,
      seconds: round(median(result.emptyRuns.map((r) => r.seconds))),
      runsSeconds: result.emptyRuns.map((r) => round(r.seconds)),
      lagMsP50: median(result.emptyRuns.flatMap((r) => r.lags)),
      lagMsP99: percentile(
        result.emptyRuns.flatMap((r) => r.lags),
        99,
      ),
      cpuSecondsOfLastRun: result.emptyRuns.cpuSeconds,
    },
    peakRss: result.peakRss,
  };
}

function lagFigures(result) {
  const lags = result.runs.flatMap((r) => r.lags);
  const p50 = percentile(lags, 50);
  const p99 = percentile(lags, 99);
  return {
    what: `downstream start - upstream end over the ${CHAIN_LENGTH - 1} links of the function-task chain, across ${result.runs.length} runs (${lags.length} samples): from the worker's log line with the upstream's outcome to the downstream try's first line (worker clock, ms)`,
    samples: lags.length,
    p50Ms: p50,
    p99Ms: p99,
    maxMs: Math.max(...lags),
    meanMs: round(mean(lags), 1),
    goal: { p50Ms: GOALS.lagP50Ms, p99Ms: GOALS.lagP99Ms },
    meetsGoal: p50 <= GOALS.lagP50Ms && p99 <= GOALS.lagP99Ms,
    peakRss: result.peakRss,
  };
}

/** Raw Bull on the same Redis: addBulk of no-op jobs, processed with the same concurrency. */
async function rawBull(redisUrl, prefix, jobs, concurrency) {
  const settings = { stalledInterval: 5_000, lockDuration: 30_000 };
  const defaultJobOptions = { removeOnComplete: true, removeOnFail: 1000, attempts: 1 };
  const producer = new Bull('raw-bull-bench', redisUrl, { prefix, settings, defaultJobOptions });
  const consumer = new Bull('raw-bull-bench', redisUrl, { prefix, settings, defaultJobOptions });
  try {
    await Promise.all([producer.isReady(), consumer.isReady()]);
    let completed = 0;
    let resolveDone;
    const done = new Promise((resolve) => (resolveDone = resolve));
    consumer.on('completed', () => {
      if (++completed === jobs) resolveDone();
    });
    consumer.process('noop', concurrency, async () => null);
    await sleep(200); // let the processor start blocking on the wait list
    const started = performance.now();
    await producer.addBulk(Array.from({ length: jobs }, (_, i) => ({ name: 'noop', data: { i } })));
    await done;
    const seconds = (performance.now() - started) / 1000;
    return { jobs, concurrency, seconds: round(seconds), jobsPerSecond: round(jobs / seconds, 1) };
  } finally {
    await Promise.allSettled([producer.close(), consumer.close()]);
  }
}

/** The run whose `key` is the median (the lower middle one of an even count). */
function medianBy(runs, key) {
  return [...runs].sort((a, b) => key(a) - key(b))[Math.floor((runs.length - 1) / 2)];
}

async function benchThroughput(options, bundleDir, tempRoot) {
  const platform = await startPlatform('throughput', options, tempRoot);
  const ctx = await prepareTenant(platform, bundleDir);

  say('throughput: warm-up run of a one-task function DAG (materialises the bundle in the worker cache)');
  await triggerAndWait(ctx, DAGS.warmup.dagId);

  const emptyRuns = [];
  for (let i = 0; i < options.repeat; i++) {
    say(`throughput: ${PARALLEL_EMPTY} parallel empty tasks (${i + 1} of ${options.repeat})`);
    const run = await triggerAndWait(ctx, DAGS.parallelEmpty.dagId);
    say(`throughput: empty ${run.seconds.toFixed(2)} s = ${(PARALLEL_EMPTY / run.seconds).toFixed(0)} tasks/s`);
    emptyRuns.push(run);
  }
  const empty = medianBy(emptyRuns, (r) => r.seconds);

  say(`throughput: ${PARALLEL_FUNCTION} parallel function tasks`);
  const fn = await triggerAndWait(ctx, DAGS.parallelFunction.dagId);
  say(`throughput: function ${fn.seconds.toFixed(2)} s = ${(PARALLEL_FUNCTION / fn.seconds).toFixed(0)} tasks/s`);

  const peakRss = platform.peakRss();

  const bullRuns = [];
  for (let i = 0; i < options.repeat; i++) {
    say(
      `throughput: raw Bull, ${PARALLEL_EMPTY} no-op jobs, concurrency ${options.concurrency} (${i + 1} of ${options.repeat})`,
    );
    const run = await rawBull(platform.redisUrl, platform.redisPrefix, PARALLEL_EMPTY, options.concurrency);
    say(`throughput: raw Bull ${run.seconds} s = ${run.jobsPerSecond} jobs/s`);
    bullRuns.push(run);
  }
  const bull = medianBy(bullRuns, (r) => r.seconds);

  const serverSeconds = (r) => (ms(r.run.endDate) - ms(r.run.queuedAt ?? r.run.startDate)) / 1000;
  const emptyRate = PARALLEL_EMPTY / empty.seconds;
  const ratio = emptyRate / bull.jobsPerSecond;
  return {
    what: "one run of N tasks with no dependencies; tasks per second from the trigger call to the 20 ms poll that saw the run succeed; cpuSeconds = CPU each process used during the run (sandboxes = the worker's child processes, reaped or still alive; postgres and redis = every such process on the machine)",
    workerConcurrency: options.concurrency,
    emptyTasks: {
      what: `${PARALLEL_EMPTY} parallel empty(...) tasks (run in the worker, no sandbox process)`,
      tasks: PARALLEL_EMPTY,
      seconds: round(empty.seconds),
      serverSeconds: round(serverSeconds(empty)),
      tasksPerSecond: round(emptyRate, 1),
      cpuSeconds: empty.cpuSeconds,
      ...(options.repeat > 1
        ? {
            median: `of ${options.repeat} runs`,
            tasksPerSecondOfEachRun: emptyRuns.map((r) => round(PARALLEL_EMPTY / r.seconds, 1)),
          }
        : {}),
    },
    functionTasks: {
      what: `${PARALLEL_FUNCTION} parallel task(async () => null) function tasks (one sandbox process each)`,
      tasks: PARALLEL_FUNCTION,
      seconds: round(fn.seconds),
      serverSeconds: round(serverSeconds(fn)),
      tasksPerSecond: round(PARALLEL_FUNCTION / fn.seconds, 1),
      cpuSeconds: fn.cpuSeconds,
    },
    rawBull: {
      what: `Bull alone on the same Redis: addBulk of ${PARALLEL_EMPTY} no-op jobs, one processor with the same concurrency, in the bench process`,
      ...bull,
      ...(options.repeat > 1
        ? { median: `of ${options.repeat} runs`, jobsPerSecondOfEachRun: bullRuns.map((r) => r.jobsPerSecond) }
        : {}),
    },
    emptyTasksVsRawBull: round(ratio),
    goal: { tasksPerSecond: GOALS.throughputTasksPerSecond, fractionOfRawBull: GOALS.throughputFractionOfRawBull },
    meetsGoal: emptyRate >= GOALS.throughputTasksPerSecond && ratio >= GOALS.throughputFractionOfRawBull,
    peakRss,
  };
}

// ---------------------------------------------------------------------------------------------
// Bundles: upload a generated bundle of 1,000 DAGs x 10 tasks and wait until it is parsed.

const BUNDLE_GOAL_SECONDS = 5;

async function benchBundles(options, tempRoot) {
  const bundleDir = join(tempRoot, 'big-bundle');
  for (const [file, text] of Object.entries(bigBundleFiles())) {
    mkdirSync(dirname(join(bundleDir, file)), { recursive: true });
    writeFileSync(join(bundleDir, file), text);
  }
  const platform = await startPlatform('bundles', options, tempRoot);
  const signup = await expectStatus(
    callApi(platform.baseUrl, 'POST', '/auth/signup', {
      json: {
        email: `bench-${randomBytes(4).toString('hex')}@updraft.local`,
        password: randomBytes(18).toString('base64url'),
        tenantSlug: 'bench',
        tenantName: 'Bench',
      },
    }),
    201,
    'signup',
  );
  const archive = await packFolder(bundleDir);
  const form = new FormData();
  form.append('file', new Blob([archive], { type: 'application/gzip' }), 'bench-bundle.tar.gz');
  const stopSampling = sampleDescendantsPeak(platform.processes.worker.child.pid);
  const started = Date.now();
  let bundle = await expectStatus(
    callApi(platform.baseUrl, 'POST', '/tenants/bench/bundles?wait=true', { form, token: signup.accessToken }),
    201,
    'bundle upload',
  );
  while (bundle.status === 'pending' || bundle.status === 'parsing') {
    await sleep(20);
    bundle = await expectStatus(
      callApi(platform.baseUrl, 'GET', `/tenants/bench/bundles/${bundle.id}`, { token: signup.accessToken }),
      200,
      'bundle status',
    );
  }
  const seconds = (Date.now() - started) / 1000;
  const parserPeakRssMb = stopSampling();
  if (bundle.status !== 'active')
    throw new Error(
      `the generated bundle did not parse: ${JSON.stringify(bundle).slice(0, 1000)}\n${tail(platform.processes.worker.logFile)}`,
    );
  const workerLine = readFileSync(platform.processes.worker.logFile, 'utf8')
    .split('\n')
    .find((line) => line.includes(bundle.id) && line.includes(' ms'));
  const peakRss = platform.peakRss();
  await platform.stop();
  return {
    what: `upload of a generated bundle of ${BUNDLE_DAGS} DAGs x ${TASKS_PER_DAG} tasks (${Math.round(archive.length / 1024)} kB gzipped) until its version is active; parser peak RSS sampled from /proc every 25 ms`,
    dags: bundle.dagIds.length,
    seconds: round(seconds, 2),
    workerParseLog:
      workerLine
        ?.replace(/\u001b\[[0-9;]*m/g, '')
        .replace(/^.*bundle version \S+ of tenant \S+ /, '')
        .trim() ?? null,
    parserPeakRssMb: round(parserPeakRssMb, 1),
    peakRss,
    goal: { seconds: BUNDLE_GOAL_SECONDS },
    meetsGoal: seconds <= BUNDLE_GOAL_SECONDS,
  };
}

// ---------------------------------------------------------------------------------------------

/** What the scale benches (schedules, api-scale, soak) use of this file. */
const kit = {
  say,
  sleep,
  round,
  percentile,
  peakRssMb,
  cpuSeconds,
  cpuSecondsOfCommand,
  startPlatform,
  prepareTenant,
  expectStatus,
  callApi,
  async connect(url) {
    const client = new PgClient({ connectionString: url });
    await client.connect();
    return client;
  },
};

function machine() {
  const cpu = cpus();
  return {
    nproc: Number(spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()) || cpu.length,
    cpuModel: cpu[0]?.model ?? null,
    memoryGb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: loadavg().map((v) => round(v, 2)),
  };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  const host = machine();
  say(
    `mode ${options.mode}, concurrency ${options.concurrency}, ${options.runs} measured chain runs; ${host.nproc} CPUs, node ${host.node}, load ${host.loadAverageAtStart.join(' ')}`,
  );

  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      say(`${signal}: cleaning up`);
      cleanupAll().finally(() => process.exit(130));
    });
  }

  if (options.build) {
    say('building api, scheduler, worker (--no-build skips this)');
    const apps = ['api', 'scheduler', 'worker', ...(options.mode === 'console' ? ['console'] : [])];
    const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', ...apps], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      stdio: ['ignore', process.stderr, process.stderr],
    });
    if (build.status !== 0) throw new Error(`build failed (exit ${build.status ?? build.signal})`);
  }
  for (const app of ['api', 'scheduler', 'worker']) {
    if (!existsSync(join(root, 'dist', 'apps', app, 'main.js')))
      throw new Error(`dist/apps/${app}/main.js is missing: run without --no-build`);
  }
  for (const line of await ensureServices({ log: say })) say(line);

  const tempRoot = mkdtempSync(join(tmpdir(), 'updraft-bench-'));
  // mkdtemp makes it 0700; a worker running as root runs tenant code as `nobody`, which must be
  // able to reach the bundle cache under DATA_DIR (as it can under the default ./data).
  chmodSync(tempRoot, 0o755);
  onCleanup(`temp folder ${tempRoot}`, () => rmSync(tempRoot, { recursive: true, force: true }));
  const bundleDir = join(tempRoot, 'bundle');
  for (const [file, text] of Object.entries(bundleFiles())) {
    mkdirSync(dirname(join(bundleDir, file)), { recursive: true });
    writeFileSync(join(bundleDir, file), text);
  }

  const result = {
    benchmark: 'updraft',
    date: startedAt.toISOString(),
    mode: options.mode,
    machine: host,
    workerConcurrency: options.concurrency,
  };
  try {
    if (options.mode === 'chain' || options.mode === 'lag' || options.mode === 'all') {
      const chain = await benchChain(options, bundleDir, tempRoot);
      if (options.mode !== 'lag') result.chain = chainFigures(chain, options);
      if (options.mode !== 'chain') result.lag = lagFigures(chain);
      await chain.platform.stop();
    }
    if (options.mode === 'bundles') result.bundles = await benchBundles(options, tempRoot);
    if (options.mode === 'console') {
      const platform = await startPlatform('console', options, tempRoot);
      result.console = await benchConsole(platform, options.repeat < 3 ? 3 : options.repeat, options.traceDir);
      await platform.stop();
    }
    if (options.mode === 'schedules') result.schedules = await benchSchedules(kit, options, tempRoot);
    if (options.mode === 'api-scale') result.apiScale = await benchApiScale(kit, options, tempRoot);
    if (options.mode === 'soak') result.soak = await benchSoak(kit, options, tempRoot);
    if (options.mode === 'throughput' || options.mode === 'all') {
      const throughput = await benchThroughput(options, bundleDir, tempRoot);
      result.throughput = throughput;
    }
    result.durationSeconds = round((Date.now() - startedAt.getTime()) / 1000, 1);
    result.loadAverageAtEnd = loadavg().map((v) => round(v, 2));
  } finally {
    await cleanupAll();
  }
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

main().catch(async (error) => {
  say(`failed: ${error.stack ?? error.message}`);
  await cleanupAll();
  process.exit(1);
});
