// `npm run bench -- api-scale [--tenants 100] [--dags 100] [--runs-per-dag 20] [--tasks-per-run 10] [--clients 20] [--seconds 10]`
// A platform whose database is seeded by SQL (generate_series) with tenants x DAGs, runs per DAG,
// task instances per run (each with a try and a log line), SLA misses and audit entries, plus one
// DAG of 1,000 tasks with 60 runs for the grid. Then each read the console makes is asked by
// `--clients` concurrent clients for `--seconds` seconds; p50/p99 per endpoint. With --explain-dir
// the plans of the statements behind them are written there (EXPLAIN ANALYZE, BUFFERS).
import { join } from 'node:path';
import { writeFiles } from './schedules.mjs';
import { cloneTenants } from './tenants.mjs';

export const API_SCALE_DEFAULTS = {
  tenants: 100,
  dags: 100,
  runsPerDag: 20,
  tasksPerRun: 10,
  clients: 20,
  seconds: 10,
};
const GOAL_P99_MS = 50;
const GRID_TASKS = 1_000;
const GRID_RUNS = 60;

function bundle(dags, tasks) {
  const lines = ["import { chain, dag, empty } from '@updraft/sdk';", ''];
  for (let d = 0; d < dags; d++)
    lines.push(
      `dag('etl_${String(d).padStart(4, '0')}', { schedule: null, tags: ['bench'], defaultArgs: { sla: '1h' } }, () => {`,
      `  chain(...Array.from({ length: ${tasks} }, (_, i) => empty('step_' + i)));`,
      '});',
      '',
    );
  return {
    'updraft.json': JSON.stringify({ name: 'scale', entries: ['dags/etl.ts'] }),
    'dags/etl.ts': lines.join('\n'),
  };
}

const gridBundle = () => ({
  'updraft.json': JSON.stringify({ name: 'grid', entries: ['dags/grid.ts'] }),
  'dags/grid.ts': `import { dag, empty } from '@updraft/sdk';

export default dag('grid_big', { schedule: null, maxActiveTasks: ${GRID_TASKS} }, () => {
  for (let i = 0; i < ${GRID_TASKS}; i++) empty('t_' + String(i).padStart(4, '0'));
});
`,
});

async function timed(kit, what, db, sql, params = []) {
  const started = Date.now();
  const result = await db.query(sql, params);
  kit.say(`api-scale: ${what}: ${result.rowCount ?? ''} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return (Date.now() - started) / 1000;
}

/** Seeds runs, task instances, tries, logs, SLA misses and audit entries; returns seconds per step. */
async function seed(kit, db, size) {
  const seconds = {};
  const runsSql = (where, perDag, tasksOf) => [
    `INSERT INTO dag_run (tenant_id, dag_id, dag_version_id, run_id, run_type, state, logical_date, data_interval_start, data_interval_end, queued_at, start_date, end_date)
     SELECT d.tenant_id, d.dag_id, d.current_version_id, 'scheduled__' || g, 'scheduled', CASE WHEN g % 10 = 3 THEN 'failed' ELSE 'success' END,
            t.at, t.at, t.at + interval '1 hour', t.at + interval '1 hour', t.at + interval '1 hour', t.at + interval '1 hour 5 minutes'
       FROM dag d CROSS JOIN generate_series(1, $1) g
       CROSS JOIN LATERAL (SELECT date_trunc('hour', now()) - (g + 1) * interval '1 hour' AS at) t
      WHERE ${where}`,
    `INSERT INTO task_instance (tenant_id, dag_run_id, task_id, operator, state, try_number, max_tries, queued_at, start_date, end_date, hostname)
     SELECT r.tenant_id, r.id, ${tasksOf}, 'empty', CASE WHEN r.state = 'failed' AND k = $1 - 1 THEN 'failed' ELSE 'success' END, 1, 1,
            r.start_date, r.start_date + k * interval '1 second', r.start_date + (k + 1) * interval '1 second', 'worker-1'
       FROM dag_run r CROSS JOIN generate_series(0, $1 - 1) k WHERE ${where.replace(/\bd\./g, 'r.')}`,
  ];
  const [etlRuns, etlTis] = runsSql(`d.dag_id <> 'grid_big'`, size.runsPerDag, `'step_' || k`);
  seconds.runs = await timed(kit, 'runs', db, etlRuns, [size.runsPerDag]);
  seconds.taskInstances = await timed(kit, 'task instances', db, etlTis, [size.tasksPerRun]);
  const [gridRuns, gridTis] = runsSql(
    `d.dag_id = 'grid_big' AND d.tenant_id = (SELECT id FROM tenant WHERE slug = 'bench')`,
    GRID_RUNS,
    `'t_' || lpad(k::text, 4, '0')`,
  );
  seconds.gridRuns = await timed(kit, 'grid runs', db, gridRuns, [GRID_RUNS]);
  seconds.gridTaskInstances = await timed(kit, 'grid task instances', db, gridTis, [GRID_TASKS]);
  seconds.tries = await timed(
    kit,
    'tries',
    db,
    `INSERT INTO task_try (tenant_id, task_instance_id, try_number, hostname, state, start_date, end_date)
     SELECT tenant_id, id, 1, hostname, state, start_date, end_date FROM task_instance`,
  );
  seconds.logs = await timed(
    kit,
    'log lines',
    db,
    `INSERT INTO task_log (tenant_id, task_instance_id, try_number, timestamp, stream, message)
     SELECT tenant_id, id, 1, start_date, 'stdout', 'processed ' || (hashtext(id::text) & 1023) || ' rows of ' || task_id FROM task_instance`,
  );
  seconds.slaMisses = await timed(
    kit,
    'SLA misses',
    db,
    `INSERT INTO sla_miss (tenant_id, dag_id, dag_run_id, task_id, expected_at, detected_at, finished_at, notified_at)
     SELECT tenant_id, dag_id, id, NULL, end_date - interval '2 minutes', end_date - interval '2 minutes', end_date, end_date
       FROM dag_run WHERE hashtext(id::text) % 10 = 0`,
  );
  seconds.auditLog = await timed(
    kit,
    'audit entries',
    db,
    `INSERT INTO audit_log (tenant_id, actor_email, action, target, outcome, status_code, at)
     SELECT t.id, 'bench@updraft.local', 'dag.trigger', jsonb_build_object('dagId', 'etl_' || (g % 100)), 'success', 201, now() - g * interval '1 minute'
       FROM tenant t CROSS JOIN generate_series(1, 1000) g`,
  );
  for (const table of [
    'dag_run',
    'task_instance',
    'task_try',
    'task_log',
    'sla_miss',
    'audit_log',
    'dag',
    'dag_version',
  ])
    seconds[`vacuum_${table}`] = await timed(kit, `VACUUM ANALYZE ${table}`, db, `VACUUM ANALYZE ${table}`);
  return seconds;
}

/** `clients` loops asking `next()` paths for `seconds`; latencies in ms. */
async function load(kit, baseUrl, token, next, clients, seconds) {
  const latencies = [];
  let errors = 0;
  let lastError = null;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until) {
        const path = next();
        const started = performance.now();
        const response = await fetch(`${baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
        if (response.status !== 200) {
          errors++;
          lastError = `${response.status} ${path}`;
        }
      }
    }),
  );
  return {
    requests: latencies.length,
    requestsPerSecond: kit.round(latencies.length / seconds, 1),
    p50Ms: kit.round(kit.percentile(latencies, 50), 1),
    p99Ms: kit.round(kit.percentile(latencies, 99), 1),
    maxMs: kit.round(Math.max(...latencies), 1),
    errors,
    ...(lastError ? { lastError } : {}),
    meetsGoal: errors === 0 && kit.percentile(latencies, 99) <= GOAL_P99_MS,
  };
}

export async function benchApiScale(kit, options, tempRoot) {
  const size = { ...API_SCALE_DEFAULTS, ...options.size };
  const etlDir = join(tempRoot, 'scale-bundle');
  const gridDir = join(tempRoot, 'grid-bundle');
  writeFiles(etlDir, bundle(size.dags, size.tasksPerRun));
  writeFiles(gridDir, gridBundle());
  const platform = await kit.startPlatform('api-scale', options, tempRoot);
  const ctx = await kit.prepareTenant(platform, etlDir);
  const db = await kit.connect(platform.env.DATABASE_URL);
  try {
    const { tenants } = await cloneTenants(db, { sourceSlug: ctx.tenant, count: size.tenants, prefix: 'bench' });
    // The grid DAG: the source tenant's only, uploaded after the copies.
    const form = new FormData();
    const { readdirSync } = await import('node:fs');
    const tar = (await import('node:module')).createRequire(import.meta.url)('tar');
    const chunks = [];
    for await (const chunk of tar.create({ gzip: true, cwd: gridDir, portable: true }, readdirSync(gridDir).sort()))
      chunks.push(Buffer.from(chunk));
    form.append('file', new Blob([Buffer.concat(chunks)], { type: 'application/gzip' }), 'grid.tar.gz');
    await kit.expectStatus(
      kit.callApi(ctx.baseUrl, 'POST', `/tenants/${ctx.tenant}/bundles?wait=true`, { form, token: ctx.token }),
      201,
      'grid bundle upload',
    );
    const seedStarted = Date.now();
    const seedSeconds = await seed(kit, db, size);
    const seedTotal = (Date.now() - seedStarted) / 1000;
    const counts = Object.fromEntries(
      await Promise.all(
        ['tenant', 'dag', 'dag_run', 'task_instance', 'task_try', 'task_log', 'sla_miss', 'audit_log'].map(
          async (t) => [t, Number((await db.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n)],
        ),
      ),
    );
    const sizes = (
      await db.query(
        `SELECT relname AS table, pg_size_pretty(pg_table_size(relid)) AS data, pg_size_pretty(pg_indexes_size(relid)) AS indexes
           FROM pg_catalog.pg_statio_user_tables ORDER BY pg_total_relation_size(relid) DESC LIMIT 8`,
      )
    ).rows;
    kit.say(`api-scale: seeded in ${seedTotal.toFixed(0)} s: ${JSON.stringify(counts)}`);

    // Seeding the full size outlasts an access token (15 minutes here): a fresh one for the load.
    const refreshed = await kit.expectStatus(
      kit.callApi(ctx.baseUrl, 'POST', '/auth/refresh', { json: { refreshToken: ctx.refreshToken } }),
      200,
      'token refresh',
    );
    ctx.token = refreshed.accessToken;
    const pick = (n) => Math.floor(Math.random() * n);
    const slug = () => tenants[pick(tenants.length)].slug;
    const dagId = () => `etl_${String(pick(size.dags)).padStart(4, '0')}`;
    const endpoints = {
      dagList: () => `/tenants/${slug()}/dags?limit=25`,
      dagRuns: () => `/tenants/${slug()}/dags/${dagId()}/dagRuns?limit=25`,
      runTaskInstances: () =>
        `/tenants/${slug()}/dags/${dagId()}/dagRuns/scheduled__${1 + pick(size.runsPerDag)}/taskInstances?limit=100`,
      grid50x1000: () => `/tenants/${ctx.tenant}/dags/grid_big/grid?runs=50`,
      slaMisses: () => `/tenants/${slug()}/slaMisses?limit=25`,
      auditLog: () => `/tenants/${slug()}/auditLog?limit=25`,
    };
    const results = {};
    const loadBefore = (await import('node:os')).loadavg().map((v) => kit.round(v, 2));
    for (const [name, next] of Object.entries(endpoints)) {
      // A short warm-up: connections open, the plans cached, as in a running console.
      await load(kit, ctx.baseUrl, ctx.token, next, size.clients, 1);
      results[name] = await load(kit, ctx.baseUrl, ctx.token, next, size.clients, size.seconds);
      // The same asked by one client at a time: the service time, without the queueing 20 clients add.
      const alone = await load(kit, ctx.baseUrl, ctx.token, next, 1, 2);
      results[name].oneClient = { p50Ms: alone.p50Ms, p99Ms: alone.p99Ms, requestsPerSecond: alone.requestsPerSecond };
      kit.say(
        `api-scale: ${name} p50 ${results[name].p50Ms} ms, p99 ${results[name].p99Ms} ms, ${results[name].requestsPerSecond} req/s, ${results[name].errors} errors`,
      );
    }
    return {
      what: `${counts.tenant} tenants, ${counts.dag} DAGs, ${counts.dag_run} runs, ${counts.task_instance} task instances (each with a try and a log line), seeded by SQL; then ${size.clients} concurrent clients for ${size.seconds} s per endpoint (after 1 s of warm-up), keep-alive fetch from the bench process`,
      size,
      seedSeconds: kit.round(seedTotal, 1),
      seedStepSeconds: Object.fromEntries(Object.entries(seedSeconds).map(([k, v]) => [k, kit.round(v, 1)])),
      rows: counts,
      largestTables: sizes,
      loadAverageBeforeLoad: loadBefore,
      endpoints: results,
      goalP99Ms: GOAL_P99_MS,
      meetsGoal: Object.values(results).every((r) => r.meetsGoal),
      peakRss: Object.fromEntries(
        Object.entries(platform.processes).map(([name, p]) => [name, kit.peakRssMb(p.child.pid)]),
      ),
      keptDatabase: options.keepDatabase ? platform.env.DATABASE_URL.replace(/\/\/[^@]*@/, '//') : undefined,
    };
  } finally {
    await db.end();
    await platform.stop();
  }
}
