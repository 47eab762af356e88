import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  ApiClient,
  createTestDatabase,
  DEFAULT_REDIS_URL,
  flushRedisPrefix,
  migrateWithBuiltApi,
  randomSuffix,
  runBuiltCli,
  Stack,
  startStack,
  TestDatabase,
  testOutputDir,
  uniqueRedisPrefix,
} from '@updraft/testing';
import { assertChromiumInstalled, Browser, launchBrowser } from './browser';

const SUITE = 'console-dag-views-e2e';
const PIPELINE = 'console_pipeline';
const PASSWORD = 'console-views-correct-horse';
const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;
const outDir = testOutputDir(SUITE);
const attr = (value: string): string => JSON.stringify(value);

function pipelineSource(extraTask: boolean): string {
  return [
    "import { bash, chain, dag, taskGroup } from '@updraft/sdk';",
    '',
    '// The journeys of the console: a group to fold, a task slow enough to be seen running.',
    `export default dag('${PIPELINE}', { schedule: null, startDate: '2024-01-01', tags: ['console', 'e2e'], description: 'Walks the console views' }, () => {`,
    "  const start = bash('start', { command: 'echo start' });",
    "  const load = taskGroup('load', () => { chain(bash('extract', { command: 'sleep 4; echo extracted' }), bash('store', { command: 'echo stored' })); });",
    "  const finish = bash('finish', { command: 'echo done', owner: 'grace' });",
    extraTask
      ? "  chain(start, load, finish, bash('notify', { command: 'echo notified' }));"
      : '  chain(start, load, finish);',
    '});',
    '',
  ].join('\n');
}

const REPORT_SOURCE = [
  "import { bash, dag } from '@updraft/sdk';",
  "export default dag('nightly_revenue', { schedule: '30 6 * * 1-5', startDate: '2024-01-01', catchup: false, tags: ['finance'], description: 'Revenue numbers for the board' }, () => {",
  "  bash('sum', { command: 'echo 42', owner: 'ada' });",
  '});',
  '',
].join('\n');

describe('the console DAG views in headless Chromium against the real stack', () => {
  const redisPrefix = uniqueRedisPrefix();
  const suffix = randomSuffix(4);
  const email = `views-${suffix}@e2e.updraft.test`;
  let db: TestDatabase | undefined;
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  let project = '';
  let tenant = '';
  let owner: ApiClient;
  let cliEnv: Record<string, string> = {};

  const page = () => {
    if (!browser) throw new Error('the browser did not start');
    return browser.page;
  };
  const url = (path: string) => `${(stack as Stack).baseUrl}${path}`;
  const testId = (id: string) => page().getByTestId(id);

  /** A full-page screenshot at 1280 px and at 390 px (a phone), kept in the test output folder. */
  async function screenshot(name: string): Promise<void> {
    for (const width of [1280, 390]) {
      await page().setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page().screenshot({ path: join(outDir, `${name}-${width}.png`), fullPage: true });
    }
    await page().setViewportSize({ width: 1280, height: 900 });
  }

  async function deploy(extraTask: boolean): Promise<void> {
    await writeFile(join(project, 'dags', 'pipeline.ts'), pipelineSource(extraTask));
    const result = await runBuiltCli(project, cliEnv, 'deploy', '--json');
    expect({ code: result.code, stderr: result.stderr }).toEqual({
      code: 0,
      stderr: expect.not.stringMatching(/error/i),
    });
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'active', errors: [] });
  }

  beforeAll(async () => {
    assertChromiumInstalled();
    mkdirSync(outDir, { recursive: true });
    for (const file of readdirSync(outDir)) if (file.endsWith('.png')) rmSync(join(outDir, file));
    db = await createTestDatabase({ migrate: (dbUrl) => migrateWithBuiltApi(dbUrl, SUITE) });
    stack = await startStack({ databaseUrl: db.url, redisPrefix, redisUrl, suite: SUITE });
    browser = await launchBrowser();

    const signup = await new ApiClient(stack.baseUrl).post<{ accessToken: string; tenant: { slug: string } }>(
      '/auth/signup',
      {
        json: { email, password: PASSWORD, tenantSlug: `views-${suffix}`, tenantName: `Views ${suffix}` },
      },
    );
    expect(signup.status).toBe(201);
    tenant = signup.body.tenant.slug;
    owner = new ApiClient(stack.baseUrl).withToken(signup.body.accessToken);

    project = await mkdtemp(join(tmpdir(), 'updraft-console-views-'));
    const files: Record<string, string> = {
      'updraft.json': JSON.stringify({ name: 'console-views', entries: ['dags/pipeline.ts', 'dags/reports.ts'] }),
      'dags/reports.ts': REPORT_SOURCE,
    };
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(project, path)), { recursive: true });
      await writeFile(join(project, path), text);
    }
    cliEnv = {
      UPDRAFT_URL: stack.baseUrl,
      UPDRAFT_TOKEN: signup.body.accessToken,
      UPDRAFT_TENANT: tenant,
      UPDRAFT_CONFIG_DIR: project,
    };
    await deploy(false);

    await page().goto(url('/login'));
    await testId('login-email').fill(email);
    await testId('login-password').fill(PASSWORD);
    await testId('login-submit').click();
    await page().waitForURL(/\/dags$/);
  }, 180_000);

  afterAll(async () => {
    const failures: unknown[] = [];
    const attempt = async (what: () => Promise<unknown> | undefined) => {
      try {
        await what();
      } catch (error) {
        failures.push(error);
      }
    };
    await attempt(() => browser?.close());
    await attempt(() => stack?.stop());
    await attempt(() => db?.drop());
    await attempt(() => flushRedisPrefix(redisUrl, redisPrefix));
    await attempt(async () => project && (await rm(project, { recursive: true, force: true })));
    const dataDir = stack?.env['DATA_DIR'];
    await attempt(async () => dataDir && rmSync(dataDir, { recursive: true, force: true }));
    if (failures.length) throw new AggregateError(failures, `${SUITE} clean-up failed`);
  }, 60_000);

  const rowIds = async () =>
    page()
      .getByTestId('dag-row')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset['dagId']));

  it('searches and filters the DAG list, and keeps the filters in the URL across a reload', async () => {
    await page()
      .locator(`[data-testid="dag-row"][data-dag-id=${attr(PIPELINE)}]`)
      .waitFor();
    expect(await rowIds()).toEqual([PIPELINE, 'nightly_revenue']);
    const report = page().locator('[data-testid="dag-row"][data-dag-id="nightly_revenue"]');
    expect(await report.textContent()).toContain('06:30');
    expect(await report.textContent()).toContain('30 6 * * 1-5');
    await screenshot('01-dag-list');

    await testId('dag-search').fill('revenue');
    await page().waitForURL(/search=revenue/);
    await page().waitForFunction(() => document.querySelectorAll('[data-testid="dag-row"]').length === 1);
    expect(await rowIds()).toEqual(['nightly_revenue']);
    await page().reload();
    await page().locator('[data-testid="dag-row"][data-dag-id="nightly_revenue"]').waitFor();
    expect(await rowIds()).toEqual(['nightly_revenue']);

    await page().goto(url('/dags'));
    await page()
      .locator(`[data-testid="dag-row"][data-dag-id=${attr(PIPELINE)}] [data-testid="dag-tag"]`, { hasText: 'console' })
      .click();
    await page().waitForURL(/tags=console/);
    await page().waitForFunction(() => document.querySelectorAll('[data-testid="dag-row"]').length === 1);
    expect(await rowIds()).toEqual([PIPELINE]);
    await testId('filter-owner').fill('ada');
    await testId('filter-owner').press('Enter');
    await testId('filter-owner').blur();
    await testId('no-dags').waitFor();
    await screenshot('02-dag-list-filtered');
  });

  it('turns the grid and the graph green as a run finishes, live, without a reload', async () => {
    const triggered = await owner.post<{ runId: string }>(`/tenants/${tenant}/dags/${PIPELINE}/dagRuns`, { json: {} });
    expect(triggered.status).toBe(201);
    const runId = triggered.body.runId;

    await page().goto(url(`/dags/${PIPELINE}/grid`));
    const cell = (row: number) => page().locator(`[data-testid="grid-cell"][data-row="${row}"][data-run="0"]`);
    await testId('live-indicator').waitFor();
    // Rows: start, the load group, load.extract, load.store, finish. While extract sleeps, finish has not succeeded.
    expect(
      await page()
        .getByTestId('grid-task')
        .evaluateAll((t) => t.map((x) => (x as HTMLElement).dataset['taskId'])),
    ).toEqual(['start', 'load.extract', 'load.store', 'finish']);
    expect(await cell(4).getAttribute('data-state')).not.toBe('success');
    await screenshot('03-grid-running');
    await page().waitForFunction(
      () =>
        document.querySelector('[data-testid="grid-cell"][data-row="4"][data-run="0"]')?.getAttribute('data-state') ===
        'success',
      null,
      { timeout: 60_000 },
    );
    // The run ends just after its last task does: its bar turns green on a following refresh.
    await page()
      .locator(`[data-testid="grid-run"][data-run-id=${attr(runId)}][data-state="success"]`)
      .waitFor({ timeout: 30_000 });
    await testId('live-indicator').waitFor({ state: 'detached' });
    await screenshot('04-grid-success');

    await page().goto(url(`/dags/${PIPELINE}/graph?run=${encodeURIComponent(runId)}`));
    await page()
      .locator('[data-testid="graph-node"][data-task-id="finish"][data-state="success"]')
      .waitFor({ timeout: 30_000 });
    expect(await page().locator('[data-testid="graph-group"]').count()).toBe(1);
    await screenshot('05-graph');

    // A folded group is kept in the URL: a reload draws the same graph, and unfolding takes it out.
    const group = (await page().locator('[data-testid="graph-group"]').getAttribute('data-group-id')) as string;
    const groupTask = page().locator(`[data-testid="graph-node"][data-task-id^=${attr(`${group}.`)}]`);
    expect(await groupTask.count()).toBeGreaterThan(0);
    await page().locator('[data-testid="graph-group"] text').click();
    await page().waitForURL((u) => u.searchParams.get('fold') === group);
    await groupTask.first().waitFor({ state: 'detached' });
    await page().reload();
    await page()
      .locator(`[data-testid="graph-group"][data-group-id=${attr(group)}]`)
      .waitFor();
    await page().locator('[data-testid="graph-node"][data-task-id="finish"]').waitFor();
    expect(await groupTask.count()).toBe(0);
    await screenshot('05-graph-folded');
    await page().locator('[data-testid="graph-group"] text').click();
    await page().waitForURL((u) => !u.searchParams.has('fold'));
    await groupTask.first().waitFor();

    // A second run, watched on the graph this time.
    const second = await owner.post<{ runId: string }>(`/tenants/${tenant}/dags/${PIPELINE}/dagRuns`, { json: {} });
    expect(second.status).toBe(201);
    await page().goto(url(`/dags/${PIPELINE}/graph?run=${encodeURIComponent(second.body.runId)}`));
    const finish = page().locator('[data-testid="graph-node"][data-task-id="finish"]');
    await finish.waitFor();
    expect(await finish.getAttribute('data-state')).not.toBe('success');
    await page()
      .locator('[data-testid="graph-node"][data-task-id="finish"][data-state="success"]')
      .waitFor({ timeout: 60_000 });

    await page().goto(url(`/dags/${PIPELINE}/gantt?run=${encodeURIComponent(runId)}`));
    await page().locator('[data-testid="gantt-row"][data-task-id="load.extract"]').waitFor();
    await screenshot('06-gantt');
  });

  it('opens every tab from its URL, and again after a reload', async () => {
    const tabs: [string, string][] = [
      ['grid', 'dag-grid'],
      ['graph', 'graph-node'],
      ['gantt', 'gantt'],
      ['code', 'code-view'],
      ['runs', 'runs-row'],
      ['details', 'dag-details'],
      ['versions', 'version-row'],
    ];
    for (const [tab, marker] of tabs) {
      await page().goto(url(`/dags/${PIPELINE}/${tab}`));
      await testId(marker).first().waitFor();
      await page().reload();
      await testId(marker).first().waitFor();
      expect(await page().locator('[data-testid="dag-tabs"] .tabs__tab--active').textContent()).toBe(
        tab[0].toUpperCase() + tab.slice(1),
      );
      expect(await testId('breadcrumbs').textContent()).toContain(PIPELINE);
    }
    await page().goto(url(`/dags/${PIPELINE}/runs`));
    await page().getByTestId('runs-row').nth(1).waitFor();
    expect(await page().getByTestId('runs-row').count()).toBe(2);
    await testId('durations-chart').waitFor();
    await screenshot('07-runs');
    await page().goto(url(`/dags/${PIPELINE}/details`));
    await testId('dag-details').waitFor();
    await screenshot('08-details');

    await testId('nav-Runs').click();
    await page().waitForURL(/\/runs$/);
    await page().getByTestId('all-runs-row').nth(1).waitFor();
    expect(
      await page()
        .locator(`[data-testid="all-runs-row"][data-dag-id=${attr(PIPELINE)}]`)
        .count(),
    ).toBe(2);
    await screenshot('09-all-runs');

    await page().goto(url('/no/such/page'));
    await testId('not-found').waitFor();
    await screenshot('10-not-found');
  });

  it('shows the source of a DAG deployed with `updraft deploy`, highlighted, at the DAG line', async () => {
    await page().goto(url(`/dags/${PIPELINE}/code`));
    await testId('code-view').waitFor();
    expect(await testId('code-file').textContent()).toContain('dags/pipeline.ts');
    expect(await testId('code-view').textContent()).toContain('Walks the console views');
    expect(await page().locator('.code__line--marked').textContent()).toContain(`dag('${PIPELINE}'`);
    await screenshot('11-code');
  });

  it('diffs two versions and rolls the bundle back to the older one', async () => {
    await deploy(true);
    await page().goto(url(`/dags/${PIPELINE}/versions`));
    await page().locator('[data-testid="version-row"]').nth(1).waitFor();
    await testId('diff-added-task').waitFor();
    expect(await testId('diff-added-task').textContent()).toContain('notify');
    expect(await testId('code-diff').locator('.line-added').first().textContent()).toContain("bash('notify'");
    await screenshot('12-versions-diff');

    await page().locator('[data-testid="version-row"][data-version="1"] [data-testid="rollback"]').click();
    await testId('question-dialog').waitFor();
    await screenshot('13-rollback-confirm');
    await testId('confirm-ok').click();
    await page().locator('[data-testid="version-row"][data-version="1"]', { hasText: 'current' }).waitFor();
    const dag = await owner.get<{ bundleVersion: number; tasks: unknown[] }>(`/tenants/${tenant}/dags/${PIPELINE}`);
    expect({ bundleVersion: dag.body.bundleVersion, tasks: dag.body.tasks.length }).toEqual({
      bundleVersion: 1,
      tasks: 4,
    });
  });

  it('threw no uncaught errors in the page', () => {
    expect(browser?.pageErrors).toEqual([]);
  });
});
