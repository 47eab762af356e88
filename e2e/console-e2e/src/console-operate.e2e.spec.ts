import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApiClient,
  createTestDatabase,
  DEFAULT_REDIS_URL,
  E2E_PASSWORD,
  flushRedisPrefix,
  migrateWithBuiltApi,
  packBundleFiles,
  randomSuffix,
  signupOwner,
  Stack,
  startStack,
  TestDatabase,
  testOutputDir,
  uniqueRedisPrefix,
  workspaceRoot,
} from '@updraft/testing';
import type { Locator } from 'playwright-core';
import { assertChromiumInstalled, Browser, launchBrowser } from './browser';

const SUITE = 'console-e2e-operate';
const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;
const outDir = testOutputDir(SUITE);
const LONG = 90_000;

const OPS_DAG = `import { bash, dag, empty } from '@updraft/sdk';

dag('console_ops', {
  schedule: null,
  params: {
    region: { type: 'string', default: 'eu', enum: ['eu', 'us'], description: 'Where the data lives' },
    batch: { type: 'integer', default: 10 },
  },
}, () => {
  const stream = bash('stream_lines', { command: 'for i in $(seq 1 160); do echo "line $i of 160 for {{ params.region }} in batches of {{ params.batch }}"; sleep 0.25; done' });
  const flaky = bash('flaky_step', { command: 'echo "try {{ ti.try_number }}"; test {{ ti.try_number }} -ge 2 || { echo "not yet: fails on its first try" >&2; exit 3; }' });
  stream.then(flaky);
  flaky.then(empty('after_flaky'));
});
`;

const NIGHTLY_DAG = `import { dag, empty } from '@updraft/sdk';

dag('nightly', { schedule: '@daily', startDate: '2024-01-01', catchup: false }, () => {
  empty('report');
});
`;

const BROKEN_DAG = `import { dag, empty } from '@updraft/sdk';

dag('nightly', { schedule: '@daily' }, () => {
  empty('report'
});
`;

describe('operating workflows in the console (headless Chromium against api, scheduler and worker processes)', () => {
  const redisPrefix = uniqueRedisPrefix();
  const suffix = randomSuffix(4);
  const tenant = `ops-${suffix}`;
  const email = `ops-${suffix}@e2e.updraft.test`;
  let db: TestDatabase | undefined;
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  let owner: ApiClient;
  let scratch = '';
  let runUrl = '';

  const page = () => {
    if (!browser) throw new Error('the browser did not start');
    return browser.page;
  };
  const byTestId = (id: string, attrs: Record<string, string> = {}): Locator =>
    page().locator(
      `[data-testid="${id}"]${Object.entries(attrs)
        .map(([k, v]) => `[data-${k}=${JSON.stringify(v)}]`)
        .join('')}`,
    );

  /** The page at 1280 px and at 390 px (a phone), full length, kept in the test output folder. */
  async function screenshot(name: string): Promise<void> {
    for (const width of [1280, 390]) {
      await page().setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page().screenshot({ path: join(outDir, `${name}-${width}.png`), fullPage: true });
    }
    await page().setViewportSize({ width: 1280, height: 900 });
  }

  async function step(name: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (error) {
      const file = join(outDir, `failure-${name}.png`);
      if (
        await page()
          .screenshot({ path: file, fullPage: true })
          .then(
            () => true,
            () => false,
          )
      ) {
        if (error instanceof Error) error.message += `\n(page at ${page().url()}; screenshot ${file})`;
      }
      throw error;
    }
  }

  async function archive(name: string, dags: Record<string, string>): Promise<Buffer> {
    return packBundleFiles(scratch, { 'updraft.json': JSON.stringify({ name, entries: Object.keys(dags) }), ...dags });
  }

  beforeAll(async () => {
    assertChromiumInstalled();
    if (!existsSync(join(workspaceRoot(), 'dist', 'apps', 'console', 'browser', 'index.html')))
      throw new Error('build the console first (npx nx run console:build)');
    mkdirSync(outDir, { recursive: true });
    for (const file of readdirSync(outDir)) if (file.endsWith('.png')) rmSync(join(outDir, file));
    scratch = await mkdtemp(join(tmpdir(), 'updraft-console-operate-'));
    db = await createTestDatabase({ migrate: (url) => migrateWithBuiltApi(url, SUITE) });
    stack = await startStack({ databaseUrl: db.url, redisPrefix, redisUrl, suite: SUITE });
    owner = await signupOwner(stack.baseUrl, email, tenant);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    const failures: unknown[] = [];
    const steps: (() => Promise<unknown> | undefined)[] = [
      () => browser?.close(),
      () => stack?.stop(),
      () => db?.drop(),
      () => flushRedisPrefix(redisUrl, redisPrefix),
      () => rm(scratch, { recursive: true, force: true }),
    ];
    for (const attempt of steps) {
      try {
        await attempt();
      } catch (error) {
        failures.push(error);
      }
    }
    const dataDir = stack?.env['DATA_DIR'];
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (failures.length) throw new AggregateError(failures, 'console-e2e-operate clean-up failed');
  }, 60_000);

  it('logs in and deploys a bundle by dropping it on the Bundles page, with a progress bar', async () => {
    await step('deploy', async () => {
      await page().goto(`${(stack as Stack).baseUrl}/login`);
      await byTestId('login-email').fill(email);
      await byTestId('login-password').fill(E2E_PASSWORD);
      await byTestId('login-submit').click();
      await page().waitForURL(/\/dags$/);
      await byTestId('nav-Bundles').click();
      await page().waitForURL(/\/bundles$/);

      const bytes = (await archive('console-ops', { 'dags/ops.ts': OPS_DAG, 'dags/nightly.ts': NIGHTLY_DAG })).toString(
        'base64',
      );
      await byTestId('bundle-drop').evaluate((zone, base64) => {
        const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([data], 'console-ops.tar.gz', { type: 'application/gzip' }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }, bytes);
      await byTestId('bundle-progress').waitFor();
      const v1 = byTestId('bundle-row', { version: '1', status: 'active' });
      await v1.waitFor({ timeout: LONG });
      expect(await byTestId('bundle-progress').getAttribute('value')).toBe('100');
      expect(await v1.getByTestId('bundle-dag-count').textContent()).toBe('2');
      expect(await v1.textContent()).toContain(email);
    });
  });

  it('shows a failed version with its file and line, keeps the good one active, and rolls back', async () => {
    await step('bundle-errors', async () => {
      await byTestId('bundle-file').setInputFiles({
        name: 'broken.tar.gz',
        mimeType: 'application/gzip',
        buffer: await archive('console-ops', { 'dags/ops.ts': OPS_DAG, 'dags/nightly.ts': BROKEN_DAG }),
      });
      await byTestId('bundle-row', { version: '2', status: 'failed' }).waitFor({ timeout: LONG });
      const error = byTestId('bundle-error').first();
      expect(await error.textContent()).toMatch(/dags\/nightly\.ts:\d+/);
      expect(await byTestId('bundle-row', { version: '1' }).getAttribute('data-status')).toBe('active');
      await screenshot('01-bundles-failed-version');

      await byTestId('bundle-file').setInputFiles({
        name: 'again.tar.gz',
        mimeType: 'application/gzip',
        buffer: await archive('console-ops', {
          'dags/ops.ts': OPS_DAG,
          'dags/nightly.ts': NIGHTLY_DAG.replace("'report'", "'report_v3'"),
        }),
      });
      await byTestId('bundle-row', { version: '3', status: 'active' }).waitFor({ timeout: LONG });
      const v1 = byTestId('bundle-row', { version: '1', status: 'superseded' });
      await v1.getByTestId('bundle-rollback').click();
      await v1.getByTestId('bundle-rollback-confirm').click();
      await byTestId('bundle-row', { version: '1', status: 'active' }).waitFor({ timeout: LONG });
      expect(await byTestId('bundle-row', { version: '3' }).getAttribute('data-status')).toBe('superseded');
      await screenshot('02-bundles-rolled-back');
    });
  });

  it('triggers with the params form: the API names a bad value under its field, then the run starts', async () => {
    await step('trigger', async () => {
      await page().goto(`${(stack as Stack).baseUrl}/dags/console_ops/trigger`);
      await byTestId('param-region').selectOption({ label: 'us' });
      await byTestId('param-batch').fill('2.5');
      await byTestId('trigger-submit').click();
      const problem = byTestId('param-error', { param: 'batch' });
      await problem.waitFor();
      expect(await problem.textContent()).toContain('conf.batch must be an integer');
      await screenshot('03-trigger-params-form');

      await byTestId('trigger-mode-json').click();
      expect(JSON.parse(await byTestId('trigger-json').inputValue())).toEqual({ region: 'us', batch: 2.5 });
      await byTestId('trigger-mode-form').click();
      await byTestId('param-batch').fill('500');
      await byTestId('trigger-submit').click();
      await page().waitForURL(/\/dags\/console_ops\/runs\/manual__/);
      runUrl = page().url();
      expect(await byTestId('run-conf').textContent()).toContain('"region": "us"');
    });
  });

  it('says why a task is not running yet, then follows a running task’s log live', async () => {
    await step('follow-log', async () => {
      await page().goto(`${runUrl}/tasks/flaky_step`);
      const why = byTestId('ti-why-reason', { dependency: 'trigger_rule' });
      await why.waitFor({ timeout: LONG });
      expect(await why.textContent()).toContain('waiting for stream_lines');
      await screenshot('04-task-instance-waiting');

      await page().goto(`${runUrl}/tasks/stream_lines`);
      await byTestId('ti-state', { state: 'running' }).waitFor({ timeout: LONG });
      await byTestId('log-live').waitFor();
      await byTestId('log-line').filter({ hasText: 'for us in batches of 500' }).first().waitFor({ timeout: LONG });
      const seenAtOpen = Number((await byTestId('log-count').textContent())?.replace(/\D/g, ''));
      await screenshot('05-task-log-live');
      // Following keeps the newest line in view; it arrives on this page without a reload.
      await byTestId('log-line').filter({ hasText: 'line 160 of 160' }).waitFor({ timeout: LONG });
      expect(seenAtOpen).toBeLessThan(160);
      await byTestId('log-live').waitFor({ state: 'detached', timeout: LONG });
      await byTestId('log-search').fill('line 42 of');
      await byTestId('log-matches').filter({ hasText: '1 of 1' }).waitFor();
      await byTestId('log-line').filter({ hasText: 'line 42 of 160' }).waitFor();
      await screenshot('06-task-log-searched');
    });
  });

  it('shows a failed task’s error line on the run page, clears it after a confirmation listing what changes, and sees it rerun', async () => {
    await step('clear', async () => {
      await page().goto(runUrl);
      await byTestId('run-state', { state: 'failed' }).waitFor({ timeout: LONG });
      const flaky = byTestId('run-task', { 'task-id': 'flaky_step', state: 'failed' });
      expect(await flaky.getByTestId('task-error').textContent()).toContain('3');
      await screenshot('07-run-failed');

      await byTestId('run-clear-failed').click();
      await byTestId('confirm-list').waitFor();
      const listed = await byTestId('confirm-item').evaluateAll((items) =>
        items.map((i) => i.getAttribute('data-task-id')),
      );
      expect(listed).toEqual(['after_flaky', 'flaky_step']);
      // Nothing has changed yet.
      expect(await flaky.count()).toBe(1);
      await screenshot('08-confirm-clear-failed');
      await byTestId('confirm-ok').click();
      await byTestId('confirm-dialog').waitFor({ state: 'detached' });
      await byTestId('run-state', { state: 'success' }).waitFor({ timeout: LONG });
      expect(await byTestId('run-task', { 'task-id': 'flaky_step', state: 'success' }).textContent()).toContain(
        '2 / 2',
      );

      await page().goto(`${runUrl}/tasks/flaky_step`);
      await byTestId('ti-try', { try: '2' }).waitFor();
      expect(await byTestId('ti-try', { try: '1' }).textContent()).toContain('failed');
      await byTestId('log-line').filter({ hasText: 'try 2' }).first().waitFor({ timeout: LONG });
      await screenshot('09-task-instance-two-tries');

      // The gantt draws both tries of the retried task, the first one failed.
      const [, dagUrl, runSegment] = /^(.*)\/runs\/([^/?]+)$/.exec(runUrl) as RegExpExecArray;
      await page().goto(`${dagUrl}/gantt?run=${encodeURIComponent(decodeURIComponent(runSegment))}`);
      await byTestId('gantt-row', { 'task-id': 'flaky_step', try: '2' }).waitFor();
      await byTestId('gantt-row', { 'task-id': 'flaky_step', try: '1', state: 'failed' }).waitFor();
      await screenshot('09-gantt-two-tries');
    });
  });

  it('marks a task failed and the run success, each after a confirmation', async () => {
    await step('mark', async () => {
      await page().goto(`${runUrl}/tasks/after_flaky`);
      await byTestId('ti-state', { state: 'success' }).waitFor({ timeout: LONG });
      await byTestId('ti-mark-failed').click();
      await byTestId('confirm-item', { 'task-id': 'after_flaky' }).waitFor();
      await byTestId('confirm-ok').click();
      await byTestId('ti-state', { state: 'failed' }).waitFor({ timeout: LONG });

      await page().getByTestId('ti-run-link').click();
      await byTestId('run-state', { state: 'failed' }).waitFor({ timeout: LONG });
      await byTestId('run-mark-success').click();
      await byTestId('confirm-nothing').waitFor();
      await byTestId('confirm-ok').click();
      await byTestId('run-state', { state: 'success' }).waitFor({ timeout: LONG });
      await screenshot('10-run-marked-success');
    });
  });

  it('backfills a range after showing how many runs it will make, and shows its progress', async () => {
    await step('backfill', async () => {
      await page().goto(`${(stack as Stack).baseUrl}/dags/nightly/backfill`);
      await byTestId('backfill-from').fill('2024-01-01');
      await byTestId('backfill-to').fill('2024-01-03');
      await byTestId('backfill-create-count').waitFor();
      expect(await byTestId('backfill-create-count').textContent()).toBe('3');
      await screenshot('11-backfill-dry-run');
      await byTestId('backfill-start').click();
      await page().waitForURL(/\/dags\/nightly\/backfills\/[0-9a-f-]{36}$/);
      await byTestId('backfill-summary', { done: 'true' }).waitFor({ timeout: LONG });
      expect((await byTestId('backfill-summary').textContent())?.replace(/\s+/g, ' ')).toContain(
        '3 of 3 runs finished',
      );
      await screenshot('12-backfill-progress');
      const backfills = await owner.get<{ total: number }>(`/tenants/${tenant}/dags/nightly/backfills`);
      expect(backfills.body.total).toBe(1);
    });
  });

  it('threw no uncaught errors in the page', () => {
    expect(browser?.pageErrors).toEqual([]);
  });
});
