// `npm run bench -- soak [--tenants 20] [--rate 50] [--minutes 60]`: a steady load of `rate`
// tasks/s spread over `tenants` tenants (runs of a 5-task DAG triggered over the API, round robin)
// for `minutes`. Every 30 s: each app's resident memory, run lag (queued -> end of the runs that
// ended meanwhile), the backlog of unfinished runs, and the size of the growing tables with their
// indexes. RSS growth is taken after the first minute (warm-up).
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { sampleLoad, writeFiles } from './schedules.mjs';
import { cloneTenants } from './tenants.mjs';

export const SOAK_DEFAULTS = { tenants: 20, rate: 50, minutes: 60 };
const TASKS_PER_RUN = 5;
const SAMPLE_EVERY_MS = 30_000;
const TABLES = ['dag_run', 'task_instance', 'task_try', 'task_log', 'xcom'];
const GOAL = { rssGrowthAfterWarmUp: 0.1 };

const soakBundle = () => ({
  'updraft.json': JSON.stringify({ name: 'soak', entries: ['dags/soak.ts'] }),
  'dags/soak.ts': `import { chain, dag, empty } from '@updraft/sdk';

export default dag('soak', { schedule: null, maxActiveRuns: 1000 }, () => {
  chain(...Array.from({ length: ${TASKS_PER_RUN} }, (_, i) => empty('step_' + i)));
});
`,
});

function rssMb(pid) {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

export async function benchSoak(kit, options, tempRoot) {
  const size = { ...SOAK_DEFAULTS, ...options.size };
  const dir = join(tempRoot, 'soak-bundle');
  writeFiles(dir, soakBundle());
  const platform = await kit.startPlatform('soak', options, tempRoot);
  const ctx = await kit.prepareTenant(platform, dir);
  const db = await kit.connect(platform.env.DATABASE_URL);
  try {
    const { tenants } = await cloneTenants(db, { sourceSlug: ctx.tenant, count: size.tenants, prefix: 'bench' });
    const runsPerSecond = size.rate / TASKS_PER_RUN;
    kit.say(
      `soak: ${size.rate} tasks/s = ${runsPerSecond} runs/s of ${TASKS_PER_RUN} tasks over ${tenants.length} tenants for ${size.minutes} min`,
    );

    const stopLoad = sampleLoad();
    const started = Date.now();
    const until = started + size.minutes * 60_000;
    let triggered = 0;
    let refused = 0;
    /** Why triggers were refused: answer status (or the network error's code) → count. */
    const refusedBy = {};
    const refuse = (why) => {
      refused++;
      refusedBy[why] = (refusedBy[why] ?? 0) + 1;
    };
    const inFlight = new Set();
    const trigger = async () => {
      const slug = tenants[triggered % tenants.length].slug;
      triggered++;
      const { status } = await kit.callApi(ctx.baseUrl, 'POST', `/tenants/${slug}/dags/soak/dagRuns`, {
        json: {},
        token: ctx.token,
      });
      if (status !== 201) refuse(String(status));
    };
    const ticker = setInterval(() => {
      const due = Math.floor(((Date.now() - started) / 1000) * runsPerSecond) - triggered;
      for (let i = 0; i < due; i++) {
        const call = trigger().catch((error) => refuse(error.cause?.code ?? error.message));
        inFlight.add(call);
        void call.finally(() => inFlight.delete(call));
      }
    }, 100);

    const samples = [];
    let lastSampleAt = new Date(started);
    while (Date.now() < until) {
      await kit.sleep(Math.min(SAMPLE_EVERY_MS, until - Date.now()));
      const now = new Date();
      const [{ rows: lag }, { rows: backlog }, { rows: sizes }] = await Promise.all([
        db.query(
          `SELECT count(*)::int AS n,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM end_date - queued_at)) * 1000 AS p50,
                  percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM end_date - queued_at)) * 1000 AS p99
             FROM dag_run WHERE end_date > $1 AND end_date <= $2`,
          [lastSampleAt, now],
        ),
        db.query(`SELECT count(*)::int AS n FROM dag_run WHERE state IN ('queued', 'running')`),
        db.query(
          `SELECT relname AS table, pg_table_size(oid) AS data, pg_indexes_size(oid) AS indexes FROM pg_class WHERE relname = ANY($1)`,
          [TABLES],
        ),
      ]);
      lastSampleAt = now;
      samples.push({
        atSeconds: Math.round((now.getTime() - started) / 1000),
        rssMb: Object.fromEntries(Object.entries(platform.processes).map(([name, p]) => [name, rssMb(p.child.pid)])),
        runsEnded: lag[0].n,
        runLagMs: { p50: kit.round(Number(lag[0].p50), 0), p99: kit.round(Number(lag[0].p99), 0) },
        unfinishedRuns: backlog[0].n,
        tableMb: Object.fromEntries(
          sizes.map((r) => [r.table, kit.round((Number(r.data) + Number(r.indexes)) / 2 ** 20, 1)]),
        ),
        load1m: kit.round(loadavg()[0], 2),
      });
      const last = samples[samples.length - 1];
      kit.say(
        `soak: ${last.atSeconds} s: lag p50 ${last.runLagMs.p50} ms p99 ${last.runLagMs.p99} ms, ${last.unfinishedRuns} unfinished, rss ${JSON.stringify(last.rssMb)}`,
      );
    }
    clearInterval(ticker);
    await Promise.allSettled([...inFlight]);
    const load = stopLoad();
    const { rows: done } = await db.query(
      `SELECT count(*) FILTER (WHERE state = 'success')::int AS success, count(*)::int AS total, (SELECT count(*)::int FROM task_instance) AS tasks FROM dag_run`,
    );
    const warm = samples.find((s) => s.atSeconds >= 60) ?? samples[0];
    const last = samples[samples.length - 1];
    const growth = Object.fromEntries(
      Object.keys(last.rssMb).map((name) => [name, kit.round(last.rssMb[name] / warm.rssMb[name] - 1, 3)]),
    );
    const totalMb = (s) => Object.values(s.tableMb).reduce((a, b) => a + b, 0);
    const bytesPerTask = (totalMb(last) * 2 ** 20) / Math.max(1, done[0].tasks);
    return {
      what: `${size.rate} tasks/s (${runsPerSecond} runs/s of a ${TASKS_PER_RUN}-task empty chain, triggered over the API round robin over ${tenants.length} tenants) for ${size.minutes} min, 1 api, 1 scheduler, 1 worker; a sample every 30 s`,
      size,
      runsTriggered: triggered,
      triggersRefused: refused,
      triggersRefusedBy: refusedBy,
      runsSucceeded: done[0].success,
      runsTotal: done[0].total,
      tasksPerSecondAchieved: kit.round((done[0].success * TASKS_PER_RUN) / ((Date.now() - started) / 1000), 1),
      rssGrowthAfterWarmUp: growth,
      runLagMsLastSample: last.runLagMs,
      tablesMbAtEnd: last.tableMb,
      bytesPerTaskInstance: Math.round(bytesPerTask),
      projectedGbAtDefaultRetention: {
        what: 'the growing tables at this rate once 90 days of runs are kept (logs and XCom 30 days are a part of it: an upper bound)',
        gb: kit.round((bytesPerTask * size.rate * 86_400 * 90) / 2 ** 30, 1),
      },
      loadAverage1m: load,
      samples,
      goal: GOAL,
      meetsGoal: Object.values(growth).every((g) => g <= GOAL.rssGrowthAfterWarmUp),
      peakRss: Object.fromEntries(
        Object.entries(platform.processes).map(([name, p]) => [name, kit.peakRssMb(p.child.pid)]),
      ),
    };
  } finally {
    await db.end();
    await platform.stop();
  }
}
