import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApiClient,
  ApiResponse,
  createTestDatabase,
  DEFAULT_REDIS_URL,
  flushRedisPrefix,
  migrateWithBuiltApi,
  packBundle,
  randomSuffix,
  seg,
  Stack,
  startStack,
  TestDatabase,
  testOutputDir,
  uniqueRedisPrefix,
  waitFor,
  workspaceRoot,
} from '@updraft/testing';
import { assertChromiumInstalled, Browser, launchBrowser } from './browser';

interface SignupBody {
  accessToken: string;
  tenant: { slug: string; name: string };
}
interface BundleBody {
  status: string;
  errors: unknown[];
  dagIds: string[];
}
interface RunBody {
  runId: string;
  state: string;
}
interface Page<T> {
  items: T[];
}

const SUITE = 'console-e2e';
const DAG = 'do_nice_things';
const TASKS = ['fetch_the_data', 'clean_the_data'];
const PASSWORD = 'console-e2e-correct-horse';
const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;
const outDir = testOutputDir(SUITE);
const attr = (value: string): string => JSON.stringify(value);

function explain(response: ApiResponse): string {
  return `HTTP ${response.status}: ${JSON.stringify(response.body)}`;
}

describe('console in headless Chromium against api, scheduler and worker processes', () => {
  const redisPrefix = uniqueRedisPrefix();
  const suffix = randomSuffix(4);
  const email = `console-${suffix}@e2e.updraft.test`;
  const tenantName = `E2E Console ${suffix}`;
  let db: TestDatabase | undefined;
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  let runId: string | undefined;
  const screenshots: string[] = [];

  const page = () => {
    if (!browser) throw new Error('the browser did not start');
    return browser.page;
  };

  async function screenshot(name: string): Promise<string> {
    const file = join(outDir, `${name}.png`);
    await page().screenshot({ path: file, fullPage: true });
    screenshots.push(file);
    console.log(`screenshot: ${file}`);
    return file;
  }

  /** Runs a browser step; on failure saves `failure-<name>.png` and names it in the error. */
  async function step(name: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (error) {
      const file = join(outDir, `failure-${name}.png`);
      const saved = await page()
        .screenshot({ path: file, fullPage: true })
        .then(() => true)
        .catch(() => false);
      if (saved && error instanceof Error) error.message += `\n(page at ${page().url()}; screenshot ${file})`;
      throw error;
    }
  }

  beforeAll(async () => {
    assertChromiumInstalled();
    const consoleIndex = join(workspaceRoot(), 'dist', 'apps', 'console', 'browser', 'index.html');
    if (!existsSync(consoleIndex))
      throw new Error(`${consoleIndex} is missing: build it first (npx nx run console:build)`);
    mkdirSync(outDir, { recursive: true });
    for (const file of readdirSync(outDir)) if (file.endsWith('.png')) rmSync(join(outDir, file));

    db = await createTestDatabase({ migrate: (url) => migrateWithBuiltApi(url, SUITE) });
    stack = await startStack({ databaseUrl: db.url, redisPrefix, redisUrl, suite: SUITE });
    browser = await launchBrowser();
  }, 120_000);

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
    const dataDir = stack?.env['DATA_DIR'];
    await attempt(async () => dataDir && rmSync(dataDir, { recursive: true, force: true }));
    if (screenshots.length) console.log(`screenshots in ${outDir}:\n${screenshots.join('\n')}`);
    if (failures.length) throw new AggregateError(failures, 'console-e2e clean-up failed');
  }, 60_000);

  it('prepares a tenant with a successful do_nice_things run over HTTP', async () => {
    const anonymous = new ApiClient((stack as Stack).baseUrl);
    const signup = await anonymous.post<SignupBody>('/auth/signup', {
      json: { email, password: PASSWORD, tenantSlug: `console-${suffix}`, tenantName },
    });
    if (signup.status !== 201) throw new Error(`signup failed: ${explain(signup)}`);
    const owner = anonymous.withToken(signup.body.accessToken);
    const tenant = signup.body.tenant.slug;

    const form = new FormData();
    const archive = await packBundle(join(workspaceRoot(), 'examples', 'do-nice-things'));
    form.append('file', new Blob([new Uint8Array(archive)], { type: 'application/gzip' }), 'do-nice-things.tar.gz');
    const bundle = await owner.post<BundleBody>(`/tenants/${tenant}/bundles`, { form, query: { wait: true } });
    expect({ status: bundle.status, bundleStatus: bundle.body.status, errors: bundle.body.errors }).toEqual({
      status: 201,
      bundleStatus: 'active',
      errors: [],
    });
    expect(bundle.body.dagIds).toContain(DAG);

    const triggered = await owner.post<RunBody>(`/tenants/${tenant}/dags/${DAG}/dagRuns`, { json: {} });
    if (triggered.status !== 201) throw new Error(`trigger failed: ${explain(triggered)}`);
    const runPath = `/tenants/${tenant}/dags/${DAG}/dagRuns/${seg(triggered.body.runId)}`;
    const finished = await waitFor(
      async () => {
        const [run, tasks] = await Promise.all([
          owner.get<RunBody>(runPath),
          owner.get<Page<{ taskId: string; state: string }>>(`${runPath}/taskInstances`),
        ]);
        return {
          run: run.body.state,
          tasks: Object.fromEntries((tasks.body.items ?? []).map((t) => [t.taskId, t.state])),
        };
      },
      (seen) => seen.run === 'success' || seen.run === 'failed',
      { timeoutMs: 60_000, intervalMs: 500, what: `run ${triggered.body.runId} to finish` },
    );
    expect(finished).toEqual({ run: 'success', tasks: { fetch_the_data: 'success', clean_the_data: 'success' } });
    runId = triggered.body.runId;
  });

  it('shows login-error for a wrong password and stays on /login', async () => {
    await step('wrong-password', async () => {
      await page().goto((stack as Stack).baseUrl);
      await page().waitForURL(/\/login(\?|$)/);
      await page().getByTestId('login-email').fill(email);
      await page().getByTestId('login-password').fill(`${PASSWORD}-wrong`);
      await page().getByTestId('login-submit').click();
      const error = page().getByTestId('login-error');
      await error.waitFor({ state: 'visible' });
      expect((await error.textContent())?.trim()).toBeTruthy();
      expect(new URL(page().url()).pathname).toBe('/login');
      await screenshot('01-login-wrong-password');
    });
  });

  it('logs in through the form and lists the do_nice_things DAG', async () => {
    await step('login', async () => {
      await page().getByTestId('login-password').fill(PASSWORD);
      await page().getByTestId('login-submit').click();
      await page().waitForURL(/\/dags$/);
      await page()
        .locator(`[data-testid="dag-row"][data-dag-id=${attr(DAG)}]`)
        .waitFor({ state: 'visible' });
      expect((await page().getByTestId('tenant-name').textContent())?.trim()).toBe(tenantName);
      await screenshot('02-dag-list');
    });
  });

  it("shows the successful run with both tasks successful in the DAG page's grid", async () => {
    if (!runId) throw new Error('no successful run was prepared over HTTP (see the first test)');
    await step('dag-page', async () => {
      await page()
        .locator(`[data-testid="dag-row"][data-dag-id=${attr(DAG)}] a`)
        .first()
        .click();
      await page().waitForURL(new RegExp(`/dags/${DAG}$`));
      const run = page().locator(`[data-testid="grid-run"][data-run-id=${attr(runId as string)}]`);
      await run.waitFor({ state: 'visible' });
      expect(await run.getAttribute('data-state')).toBe('success');
      const tasks = await page()
        .getByTestId('grid-task')
        .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset['taskId']));
      expect(tasks).toEqual(TASKS);
      const states = await page()
        .locator('[data-testid="grid-cell"][data-run="0"]')
        .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset['state']));
      expect(states).toEqual(['success', 'success']);
      await screenshot('03-dag-successful-run');
    });
  });

  it('opens the fetch_the_data log from its URL and shows its output', async () => {
    if (!runId) throw new Error('no successful run was prepared over HTTP (see the first test)');
    await step('task-log', async () => {
      await page().goto(
        `${(stack as Stack).baseUrl}/dags/${DAG}/runs/${encodeURIComponent(runId as string)}/tasks/fetch_the_data/logs/1`,
      );
      await page().getByTestId('log-line').filter({ hasText: '1,ada' }).first().waitFor({ state: 'visible' });
      await screenshot('04-fetch-the-data-log');
    });
  });

  it('threw no uncaught errors in the page', () => {
    expect(browser?.pageErrors).toEqual([]);
  });
});
