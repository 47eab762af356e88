// `npm run bench -- console`: the console in headless Chromium against a tenant seeded with fast
// SQL: 1,000 small DAGs, and one DAG of 1,000 tasks (in 10 groups) with 50 finished runs, that is
// 50,000 task instances. Measures what a user waits for; asserts nothing.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { callApi } from '../api-call.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const { Client: PgClient } = require('pg');

export const SMALL_DAGS = 1000;
export const BIG_TASKS = 1000;
export const BIG_RUNS = 50;
const BIG_DAG = 'big_dag';
const GROUPS = 10;
export const CONSOLE_GOALS = {
  interactiveMs: 1000,
  scrollFps: 50,
  gridApiMs: 200,
  gridApiBytes: 2 * 1024 * 1024,
  initialJsGzipKb: 300,
};
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function task(taskId, upstream, groupId = null) {
  return {
    taskId,
    operator: 'bash',
    upstream,
    config: { command: 'echo hi' },
    owner: 'bench',
    retries: 0,
    retryDelayMs: 0,
    retryExponentialBackoff: false,
    maxRetryDelayMs: null,
    executionTimeoutMs: null,
    slaMs: null,
    priorityWeight: 1,
    pool: null,
    triggerRule: 'all_success',
    onFailure: [],
    onRetry: [],
    onSuccess: [],
    source: null,
    groupId,
  };
}

function serialized(dagId, tasks, extra = {}) {
  return {
    dagId,
    schedule: '@daily',
    startDate: '2024-01-01',
    endDate: null,
    timezone: 'UTC',
    catchup: false,
    maxActiveRuns: 16,
    maxActiveTasks: 16,
    tags: [dagId.endsWith('7') ? 'finance' : 'ops'],
    description: `Bench DAG ${dagId}`,
    team: null,
    params: {},
    deadlineMs: null,
    source: null,
    tasks,
    ...extra,
  };
}

/** 1,000 tasks in 10 groups of 100, each group a chain of fans of ten. */
function bigDag() {
  const tasks = [];
  for (let g = 0; g < GROUPS; g++) {
    for (let i = 0; i < BIG_TASKS / GROUPS; i++) {
      const id = `g${g}.t${String(i).padStart(3, '0')}`;
      const upstream =
        i >= 10
          ? [`g${g}.t${String(i - 10).padStart(3, '0')}`]
          : g > 0
            ? [`g${g - 1}.t${String(90 + i).padStart(3, '0')}`]
            : [];
      tasks.push(task(id, upstream, `g${g}`));
    }
  }
  return serialized(BIG_DAG, tasks, {
    taskGroups: Array.from({ length: GROUPS }, (_, g) => ({ groupId: `g${g}`, parentGroupId: null })),
  });
}

/** Everything in one transaction of a few statements: bundle version, DAG versions, DAGs, runs, task instances. */
async function seed(databaseUrl, tenantId) {
  const client = new PgClient({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const [{ id: bundleId }] = (
      await client.query(
        `INSERT INTO bundle_version (tenant_id, name, version, status, archive, archive_format, archive_sha256, dag_ids, parsed_at)
         VALUES ($1, 'bench', 1, 'active', $2, 'tar.gz', 'bench', '[]', now()) RETURNING id`,
        [tenantId, Buffer.from('bench')],
      )
    ).rows;
    const dags = [
      bigDag(),
      ...Array.from({ length: SMALL_DAGS }, (_, i) =>
        serialized(`dag_${String(i).padStart(4, '0')}`, [task('extract', []), task('load', ['extract'])]),
      ),
    ];
    const json = dags.map((d) => JSON.stringify(d));
    const versions = (
      await client.query(
        `INSERT INTO dag_version (tenant_id, dag_id, bundle_version_id, serialized, hash, entry_file)
         SELECT $1, t.dag_id, $2, t.serialized::jsonb, t.hash, 'dags/bench.js' FROM unnest($3::text[], $4::text[], $5::text[]) AS t(dag_id, serialized, hash)
         RETURNING dag_id, id`,
        [
          tenantId,
          bundleId,
          dags.map((d) => d.dagId),
          json,
          json.map((j) => createHash('sha256').update(j).digest('hex')),
        ],
      )
    ).rows;
    await client.query(
      `INSERT INTO dag (tenant_id, dag_id, bundle_name, current_version_id, is_active, is_paused)
       SELECT $1, t.dag_id, 'bench', t.id, true, true FROM unnest($2::text[], $3::uuid[]) AS t(dag_id, id)`,
      [tenantId, versions.map((v) => v.dag_id), versions.map((v) => v.id)],
    );
    const bigVersion = versions.find((v) => v.dag_id === BIG_DAG).id;
    const runs = (
      await client.query(
        `INSERT INTO dag_run (tenant_id, dag_id, dag_version_id, run_id, run_type, state, logical_date, data_interval_start, data_interval_end, conf, queued_at, start_date, end_date)
         SELECT $1, $2, $3, 'scheduled__' || to_char(d, 'YYYY-MM-DD"T"HH24:MI:SS'), 'scheduled', CASE WHEN n % 7 = 0 THEN 'failed' ELSE 'success' END,
                d, d - interval '1 day', d, '{}', d, d + interval '1 minute', d + interval '1 minute' + (n * interval '7 second')
           FROM generate_series(1, $4::int) AS n, LATERAL (SELECT timestamptz '2024-01-01' + n * interval '1 day' AS d) x
         RETURNING id, state`,
        [tenantId, BIG_DAG, bigVersion, BIG_RUNS],
      )
    ).rows;
    const taskIds = dags[0].tasks.map((t) => t.taskId);
    await client.query(
      `INSERT INTO task_instance (tenant_id, dag_run_id, task_id, map_index, operator, state, try_number, max_tries, queued_at, start_date, end_date)
       SELECT $1, r.id, t.task_id, -1, 'bash',
              CASE WHEN r.state = 'success' THEN 'success' WHEN t.ord % 97 = 0 THEN 'failed' WHEN t.ord % 97 > 90 THEN 'upstream_failed' ELSE 'success' END,
              1, 1, r.start_date, r.start_date + (t.ord * interval '10 millisecond'), r.start_date + (t.ord * interval '20 millisecond')
         FROM dag_run r CROSS JOIN unnest($2::text[]) WITH ORDINALITY AS t(task_id, ord)
        WHERE r.tenant_id = $1 AND r.dag_id = $3`,
      [tenantId, taskIds, BIG_DAG],
    );
    await client.query('COMMIT');
    return { dags: dags.length, runs: runs.length, taskInstances: runs.length * taskIds.length };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}

function initialJsGzipKb() {
  const dir = join(root, 'dist', 'apps', 'console', 'browser');
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const files = new Set([...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]));
  let bytes = 0;
  for (const file of files) bytes += gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
  return bytes / 1024;
}

async function timeFetch(url, token) {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = Buffer.from(await response.arrayBuffer());
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${body.toString().slice(0, 300)}`);
  return { ms: performance.now() - started, bytes: body.length };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Milliseconds from navigation to when `selector` has at least `count` elements, read in the page. */
async function timeToSelector(page, url, selector, count = 1) {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(([s, n]) => document.querySelectorAll(s).length >= n, [selector, count], {
    timeout: 60_000,
    polling: 'raf',
  });
  return page.evaluate(() => performance.now());
}

/** Scrolls the grid down and right for `frames` animation frames; frame times from requestAnimationFrame. */
async function scrollFrames(page, frames = 120) {
  return page.evaluate(async (n) => {
    const scroller = document.querySelector('[data-testid="dag-grid"]');
    const times = [];
    let last = performance.now();
    for (let i = 0; i < n; i++) {
      scroller.scrollTop += 120;
      scroller.scrollLeft += i % 2 ? 20 : 0;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return { times, cells: document.querySelectorAll('[data-testid="grid-cell"]').length };
  }, frames);
}

export async function benchConsole(platform, repeats) {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium`);
  const { chromium } = require('playwright-core');
  const email = `bench-${randomBytes(4).toString('hex')}@updraft.local`;
  const password = randomBytes(18).toString('base64url');
  const signup = await callApi(platform.baseUrl, 'POST', '/auth/signup', {
    json: { email, password, tenantSlug: 'bench', tenantName: 'Bench' },
  });
  if (signup.status !== 201)
    throw new Error(`signup answered ${signup.status}: ${JSON.stringify(signup.body).slice(0, 500)}\n${platform.dir}`);
  const seedStarted = Date.now();
  const seeded = await seed(platform.env.DATABASE_URL, signup.body.tenant.id);
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  const token = signup.body.accessToken;
  const api = (path) => `${platform.baseUrl}/api/v1/tenants/bench${path}`;

  const gridApi = [];
  const listApi = [];
  for (let i = 0; i < repeats + 1; i++) {
    gridApi.push(await timeFetch(api(`/dags/${BIG_DAG}/grid?runs=${BIG_RUNS}`), token));
    listApi.push(await timeFetch(api('/dags?limit=50&recentRuns=10'), token));
  }

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${platform.baseUrl}/login`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/dags$/);
    const figures = { dagListMs: [], gridMs: [], graphMs: [], scrollFrameMs: [], gridCellsInPage: null };
    for (let i = 0; i < repeats; i++) {
      figures.dagListMs.push(await timeToSelector(page, `${platform.baseUrl}/dags`, '[data-testid="dag-row"]', 50));
      figures.gridMs.push(
        await timeToSelector(
          page,
          `${platform.baseUrl}/dags/${BIG_DAG}/grid?runs=${BIG_RUNS}`,
          '[data-testid="grid-cell"]',
        ),
      );
      const scroll = await scrollFrames(page);
      figures.scrollFrameMs.push(...scroll.times.slice(5));
      figures.gridCellsInPage = scroll.cells;
      figures.graphMs.push(
        await timeToSelector(
          page,
          `${platform.baseUrl}/dags/${BIG_DAG}/graph`,
          '[data-testid="graph-node"]',
          BIG_TASKS,
        ),
      );
    }
    const frame = median(figures.scrollFrameMs);
    const p95 = [...figures.scrollFrameMs].sort((a, b) => a - b)[Math.floor(figures.scrollFrameMs.length * 0.95)];
    const js = initialJsGzipKb();
    const result = {
      what: `headless Chromium 1280x900; tenant of ${seeded.dags} DAGs (seeded with SQL in ${seedSeconds.toFixed(1)} s), ${BIG_DAG}: ${BIG_TASKS} tasks in ${GROUPS} groups, ${seeded.runs} runs, ${seeded.taskInstances} task instances; medians of ${repeats} page loads after one login`,
      dagListInteractiveMs: Math.round(median(figures.dagListMs)),
      gridFirstPaintMs: Math.round(median(figures.gridMs)),
      gridScroll: {
        medianFrameMs: Number(frame.toFixed(1)),
        p95FrameMs: Number(p95.toFixed(1)),
        fps: Math.round(1000 / frame),
        cellsInPage: figures.gridCellsInPage,
      },
      graphDrawnMs: Math.round(median(figures.graphMs)),
      gridApi: { medianMs: Math.round(median(gridApi.slice(1).map((g) => g.ms))), bytes: gridApi[0].bytes },
      dagListApi: { medianMs: Math.round(median(listApi.slice(1).map((g) => g.ms))), bytes: listApi[0].bytes },
      initialJsGzipKb: Number(js.toFixed(1)),
      goals: CONSOLE_GOALS,
    };
    result.meetsGoals = {
      dagList: result.dagListInteractiveMs <= CONSOLE_GOALS.interactiveMs,
      grid: result.gridFirstPaintMs <= CONSOLE_GOALS.interactiveMs,
      graph: result.graphDrawnMs <= CONSOLE_GOALS.interactiveMs,
      scroll: result.gridScroll.fps >= CONSOLE_GOALS.scrollFps,
      gridApi: result.gridApi.medianMs <= CONSOLE_GOALS.gridApiMs && result.gridApi.bytes <= CONSOLE_GOALS.gridApiBytes,
      initialJs: js <= CONSOLE_GOALS.initialJsGzipKb,
    };
    return result;
  } finally {
    await browser.close();
  }
}
