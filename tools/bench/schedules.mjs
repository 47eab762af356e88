// `npm run bench -- schedules [--tenants N] [--dags M] [--minutes K]`: N tenants x M DAGs, each
// `* * * * *` with one `empty` task, on a platform of 2 schedulers and 2 workers, for K minutes.
// Per due run: when it was created against when it was due (its data interval's end); runs missed
// and doubled; scheduler CPU per minute; load; peak RSS of every process.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { cloneTenants } from './tenants.mjs';

export const SCHEDULES_DEFAULTS = { tenants: 100, dags: 100, minutes: 10 };
const GOAL = { createdP99Ms: 1000, missed: 0, doubled: 0 };
const DAGS_PER_FILE = 100;

export function minutelyBundleFiles(dags) {
  const files = Math.ceil(dags / DAGS_PER_FILE);
  const out = {
    'updraft.json': JSON.stringify({
      name: 'minutely',
      entries: Array.from({ length: files }, (_, f) => `dags/minutely_${f}.ts`),
    }),
  };
  for (let f = 0; f < files; f++) {
    const lines = ["import { dag, empty } from '@updraft/sdk';", ''];
    for (let d = f * DAGS_PER_FILE; d < Math.min(dags, (f + 1) * DAGS_PER_FILE); d++)
      lines.push(
        `dag('minutely_${String(d).padStart(4, '0')}', { schedule: '* * * * *', startDate: '2024-01-01', catchup: false }, () => {`,
        "  empty('tick');",
        '});',
        '',
      );
    out[`dags/minutely_${f}.ts`] = lines.join('\n');
  }
  return out;
}

export function writeFiles(dir, files) {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
}

/** Samples the machine's 1-minute load average every 15 s until stopped. */
export function sampleLoad() {
  const samples = [loadavg()[0]];
  const timer = setInterval(() => samples.push(loadavg()[0]), 15_000);
  return () => {
    clearInterval(timer);
    samples.push(loadavg()[0]);
    return {
      min: Number(Math.min(...samples).toFixed(2)),
      max: Number(Math.max(...samples).toFixed(2)),
      mean: Number((samples.reduce((a, b) => a + b, 0) / samples.length).toFixed(2)),
    };
  };
}

/**
 * When each minute's runs became visible to other sessions (committed): the count of runs due at
 * that minute is read every 50 ms from just before it until all are there (or 45 s passed); the
 * times at which it first reached 50 %, 99 % and 100 % of the expected count, in ms after the due time.
 */
async function watchVisibility(kit, db, dueTimes, expected) {
  const minutes = [];
  for (const due of dueTimes) {
    await kit.sleep(due.getTime() - 200 - Date.now());
    const reached = { p50: null, p99: null, all: null };
    for (;;) {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM dag_run WHERE run_type = 'scheduled' AND data_interval_end = $1`,
        [due],
      );
      const after = Date.now() - due.getTime();
      const n = rows[0].n;
      if (reached.p50 === null && n >= expected * 0.5) reached.p50 = after;
      if (reached.p99 === null && n >= expected * 0.99) reached.p99 = after;
      if (n >= expected) reached.all = after;
      if (reached.all !== null || after > 45_000) break;
      await kit.sleep(50);
    }
    minutes.push({ due: due.toISOString(), visibleMs: reached });
  }
  return minutes;
}

/** "batch of N DAG(s): M run(s) in X ms" lines of the schedulers' logs, within [from, to]. */
function batchTimings(logFiles) {
  const ms = [];
  for (const file of logFiles) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const match of text.matchAll(/batch of (\d+) DAG\(s\): (\d+) run\(s\) in (\d+) ms/g))
      ms.push({ dags: Number(match[1]), runs: Number(match[2]), ms: Number(match[3]) });
  }
  return ms;
}

export async function benchSchedules(kit, options, tempRoot) {
  const size = { ...SCHEDULES_DEFAULTS, ...options.size };
  const bundleDir = join(tempRoot, 'minutely-bundle');
  writeFiles(bundleDir, minutelyBundleFiles(size.dags));
  const platform = await kit.startPlatform('schedules', { ...options, schedulers: 2, workers: 2 }, tempRoot);
  const ctx = await kit.prepareTenant(platform, bundleDir);
  const db = await kit.connect(platform.env.DATABASE_URL);
  try {
    const cloned = Date.now();
    const { tenants, copiedDags } = await cloneTenants(db, {
      sourceSlug: ctx.tenant,
      count: size.tenants,
      prefix: 'bench',
    });
    kit.say(
      `schedules: ${tenants.length} tenants x ${size.dags} DAGs (${copiedDags} copied by SQL in ${Date.now() - cloned} ms)`,
    );

    // The first due time measured is a whole minute at least 20 s away: the first passes over the
    // new DAGs (their "latest interval" runs, created at once) are not what is measured.
    const windowStart = Math.ceil((Date.now() + 20_000) / 60_000) * 60_000;
    const dueTimes = Array.from({ length: size.minutes }, (_, i) => new Date(windowStart + i * 60_000));
    const lastDue = dueTimes[dueTimes.length - 1].getTime();
    kit.say(
      `schedules: measuring the runs due at ${dueTimes[0].toISOString()} ... ${new Date(lastDue).toISOString()} (${size.minutes} minute(s))`,
    );
    const cpuAll = () => ({
      ...Object.fromEntries(
        Object.entries(platform.processes).map(([name, p]) => [name, kit.cpuSeconds(p.child.pid).self]),
      ),
      postgres: kit.cpuSecondsOfCommand('postgres'),
      redis: kit.cpuSecondsOfCommand('redis-server'),
    });
    await kit.sleep(windowStart - Date.now() - 1_000);
    const stopLoad = sampleLoad();
    const cpuBefore = cpuAll();
    const started = Date.now();
    const expectedPerMinute = tenants.length * size.dags;
    const visibility = await watchVisibility(kit, db, dueTimes, expectedPerMinute);
    await kit.sleep(lastDue + 60_000 - Date.now());
    const minutes = (Date.now() - started) / 60_000;
    const cpuAfter = cpuAll();
    const load = stopLoad();

    const { rows } = await db.query(
      `SELECT tenant_id, dag_id, data_interval_end, state,
              extract(epoch FROM queued_at - data_interval_end) * 1000 AS created_ms,
              extract(epoch FROM end_date - data_interval_end) * 1000 AS ended_ms
         FROM dag_run WHERE run_type = 'scheduled' AND data_interval_end = ANY($1::timestamptz[])`,
      [dueTimes],
    );
    const distinct = new Set(rows.map((r) => `${r.tenant_id}/${r.dag_id}/${r.data_interval_end.getTime()}`));
    const expected = tenants.length * size.dags * size.minutes;
    const created = rows.map((r) => Number(r.created_ms));
    const ended = rows.filter((r) => r.state === 'success').map((r) => Number(r.ended_ms));
    const batches = batchTimings(
      Object.entries(platform.processes)
        .filter(([name]) => name.startsWith('scheduler'))
        .map(([, p]) => p.logFile),
    ).filter((b) => b.runs > 0);
    const missed = expected - distinct.size;
    const doubled = rows.length - distinct.size;
    const cpuDelta = Object.fromEntries(
      Object.keys(cpuAfter).map((k) => [k, cpuAfter[k] === null ? null : kit.round(cpuAfter[k] - cpuBefore[k], 1)]),
    );
    return {
      what: `${tenants.length} tenants x ${size.dags} DAGs with schedule '* * * * *' (one empty task each), 2 schedulers, 2 workers; the runs due at ${size.minutes} whole minutes; visible = when the runs were committed, read every 50 ms (the goal's measure); created = the run's queued_at (its transaction's start) - its data interval's end (when it became due)`,
      tenants: tenants.length,
      dagsPerTenant: size.dags,
      minutes: size.minutes,
      expectedRuns: expected,
      createdRuns: rows.length,
      missed,
      doubled,
      visibleMs: {
        what: "ms after the due time at which 50 %, 99 % and all of that minute's runs were committed (read every 50 ms): the worst minute, then each minute",
        p50: Math.max(...visibility.map((m) => m.visibleMs.p50 ?? Infinity)),
        p99: Math.max(...visibility.map((m) => m.visibleMs.p99 ?? Infinity)),
        all: Math.max(...visibility.map((m) => m.visibleMs.all ?? Infinity)),
        minutes: visibility,
      },
      createdMs: {
        p50: kit.round(kit.percentile(created, 50), 1),
        p99: kit.round(kit.percentile(created, 99), 1),
        max: kit.round(Math.max(...created), 1),
      },
      runsSucceededWithinTheWindow: ended.length,
      dueToRunSuccessMs: {
        p50: kit.round(kit.percentile(ended, 50), 0),
        p99: kit.round(kit.percentile(ended, 99), 0),
      },
      creationBatches: {
        what: 'the schedulers own log: DAGs locked and runs created per transaction, and its duration (select, plan, inserts, commit)',
        count: batches.length,
        msP50: kit.percentile(
          batches.map((b) => b.ms),
          50,
        ),
        msMax: Math.max(0, ...batches.map((b) => b.ms)),
        runsP50: kit.percentile(
          batches.map((b) => b.runs),
          50,
        ),
      },
      cpuSecondsPerMinute: Object.fromEntries(
        Object.entries(cpuDelta).map(([k, v]) => [k, v === null ? null : kit.round(v / minutes, 2)]),
      ),
      cpuNote: 'postgres and redis: every such process on the machine (other benches and tests included)',
      loadAverage1m: load,
      peakRss: Object.fromEntries(
        Object.entries(platform.processes).map(([name, p]) => [name, kit.peakRssMb(p.child.pid)]),
      ),
      goal: GOAL,
      meetsGoal:
        visibility.every((m) => m.visibleMs.p99 !== null && m.visibleMs.p99 <= GOAL.createdP99Ms) &&
        missed === 0 &&
        doubled === 0,
    };
  } finally {
    await db.end();
    await platform.stop();
  }
}
