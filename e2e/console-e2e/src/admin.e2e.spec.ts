import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApiClient,
  createTestDatabase,
  DEFAULT_REDIS_URL,
  flushRedisPrefix,
  migrateWithBuiltApi,
  packBundle,
  randomSuffix,
  SlackStandIn,
  SmtpCapture,
  Stack,
  startSlackStandIn,
  startSmtpCapture,
  startStack,
  TestDatabase,
  testOutputDir,
  uniqueRedisPrefix,
  waitFor,
  workspaceRoot,
} from '@updraft/testing';
import { assertChromiumInstalled, Browser, launchBrowser, seriousA11yViolations } from './browser';

const SUITE = 'console-admin-e2e';
const DAG = 'do_nice_things';
const PASSWORD = 'console-admin-correct-horse';
const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;
const outDir = testOutputDir(SUITE);
const PAGES = [
  'members',
  'teams',
  'api-tokens',
  'variables',
  'connections',
  'pools',
  'notification-channels',
  'sla-misses',
  'audit-log',
  'settings',
];

describe('administration pages in headless Chromium: an owner sets the tenant up, a viewer only looks', () => {
  const redisPrefix = uniqueRedisPrefix();
  const suffix = randomSuffix(4);
  const owner = `owner-${suffix}@e2e.updraft.test`;
  const teammate = `viewer-${suffix}@e2e.updraft.test`;
  const connectionPassword = `conn-secret-${suffix}`;
  let db: TestDatabase | undefined;
  let stack: Stack | undefined;
  let smtp: SmtpCapture | undefined;
  let slack: SlackStandIn | undefined;
  let browser: Browser | undefined;

  const page = () => {
    if (!browser) throw new Error('the browser did not start');
    return browser.page;
  };
  const base = () => (stack as Stack).baseUrl;

  async function screenshot(name: string): Promise<void> {
    await page().screenshot({ path: join(outDir, `${name}.png`), fullPage: true });
  }

  /** No serious or critical accessibility violation on the page as it is now. */
  async function expectAccessible(what: string): Promise<void> {
    expect(await seriousA11yViolations(page(), what)).toEqual([]);
  }

  async function open(path: string, ready: string): Promise<void> {
    await page().goto(`${base()}/admin/${path}`);
    await page().getByRole('heading', { level: 1, name: ready }).waitFor();
  }

  async function login(email: string): Promise<void> {
    await page().goto(`${base()}/login`);
    await page().getByTestId('login-email').fill(email);
    await page().getByTestId('login-password').fill(PASSWORD);
    await page().getByTestId('login-submit').click();
    await page().waitForURL(/\/dags$/);
  }

  async function waitForMails(address: string, count: number): Promise<void> {
    const mails = (smtp as SmtpCapture).mails;
    await waitFor(
      async () => mails.filter((m) => m.to.includes(address)).length,
      (seen) => seen >= count,
      { timeoutMs: 15_000, intervalMs: 50, what: `${count} mails to ${address}` },
    );
  }

  beforeAll(async () => {
    assertChromiumInstalled();
    if (!existsSync(join(workspaceRoot(), 'dist', 'apps', 'console', 'browser', 'index.html')))
      throw new Error('build the console first (npx nx run console:build)');
    mkdirSync(outDir, { recursive: true });
    for (const file of readdirSync(outDir)) if (file.endsWith('.png')) rmSync(join(outDir, file));
    smtp = await startSmtpCapture();
    slack = await startSlackStandIn();
    db = await createTestDatabase({ migrate: (url) => migrateWithBuiltApi(url, SUITE) });
    stack = await startStack({
      databaseUrl: db.url,
      redisPrefix,
      redisUrl,
      suite: SUITE,
      smtpUrl: smtp.url,
      env: { SLACK_API_URL: slack.url },
    });
    browser = await launchBrowser();

    const anonymous = new ApiClient(stack.baseUrl);
    const signup = await anonymous.post<{ accessToken: string; tenant: { slug: string } }>('/auth/signup', {
      json: { email: owner, password: PASSWORD, tenantSlug: `admin-${suffix}`, tenantName: `Admin E2E ${suffix}` },
    });
    expect(signup.status).toBe(201);
    const form = new FormData();
    form.append(
      'file',
      new Blob([new Uint8Array(await packBundle(join(workspaceRoot(), 'examples', 'do-nice-things')))], {
        type: 'application/gzip',
      }),
      'bundle.tar.gz',
    );
    const bundle = await anonymous
      .withToken(signup.body.accessToken)
      .post<{ status: string }>(`/tenants/${signup.body.tenant.slug}/bundles`, { form, query: { wait: true } });
    expect(bundle.body.status).toBe('active');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await db?.drop();
    await smtp?.close();
    await slack?.close();
    await flushRedisPrefix(redisUrl, redisPrefix);
    const dataDir = stack?.env['DATA_DIR'];
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('the owner invites a teammate as viewer, who accepts through the mailed link', async () => {
    await login(owner);
    await open('members', 'Members');
    await page().getByTestId('invite-email').fill(teammate);
    await page().getByTestId('invite-role').selectOption('viewer');
    await page().getByRole('button', { name: 'Invite' }).click();
    await page()
      .getByTestId('page-notice')
      .filter({ hasText: `Invitation sent to ${teammate}` })
      .waitFor();
    await page().getByTestId('invitations-table').getByText(teammate).waitFor();

    const other = `other-${suffix}@e2e.updraft.test`;
    await page().getByTestId('invite-email').fill(other);
    await page().getByRole('button', { name: 'Invite' }).click();
    await page().getByTestId('invitations-table').getByText(other).waitFor();
    await page()
      .getByRole('button', { name: `Resend the invitation to ${other}` })
      .click();
    await page()
      .getByTestId('page-notice')
      .filter({ hasText: `Invitation sent again to ${other}` })
      .waitFor();
    await waitForMails(other, 2);
    page().once('dialog', (dialog) => void dialog.accept());
    await page()
      .getByRole('button', { name: `Revoke the invitation to ${other}` })
      .click();
    await page()
      .getByTestId('page-notice')
      .filter({ hasText: `Invitation to ${other} revoked` })
      .waitFor();
    await page().getByTestId('invitations-table').getByText(other).waitFor({ state: 'detached' });
    await expectAccessible('members');
    await screenshot('members');

    const mail = await (smtp as SmtpCapture).waitForMail(teammate);
    const token = /accept-invitation\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    const accepted = await new ApiClient(base()).post('/auth/invitations/accept', {
      json: { token, password: PASSWORD },
    });
    expect(accepted.status).toBe(200);
  });

  it('creates a team, a token shown once, a variable, a secret connection and a pool', async () => {
    await open('teams', 'Teams');
    await page().getByTestId('team-name').fill('data');
    await page().getByRole('button', { name: 'Create team' }).click();
    await page().getByTestId('team-detail').getByRole('heading', { name: 'data' }).waitFor();
    await page().getByTestId('assign-dag').selectOption(DAG);
    await page().getByRole('button', { name: 'Assign to data' }).click();
    await page().getByTestId('team-dags').getByText(DAG).waitFor();
    await expectAccessible('teams');
    await screenshot('teams');

    await open('api-tokens', 'API tokens');
    await page().getByTestId('token-name').fill('ci-deploy');
    await page().getByRole('button', { name: 'Create token' }).click();
    const value = (await page().getByTestId('token-value').textContent())?.trim() ?? '';
    expect(value).toMatch(/^updraft_pat_/);
    await expectAccessible('api tokens');
    await screenshot('api-tokens');
    await page().reload();
    await page().getByTestId('tokens-table').getByText('ci-deploy').waitFor();
    expect(await page().content()).not.toContain(value);

    await open('variables', 'Variables');
    await page().getByTestId('variable-key').fill('region');
    await page().getByTestId('variable-value').fill('eu-west-1');
    await page().getByRole('button', { name: 'Add variable' }).click();
    await page().getByTestId('variables-table').getByText('eu-west-1').waitFor();
    await expectAccessible('variables');
    await screenshot('variables');

    await open('connections', 'Connections');
    await page().getByTestId('connection-id').fill('warehouse');
    await page().getByTestId('connection-type').fill('postgres');
    await page().getByTestId('connection-host').fill('db.example.test');
    await page().getByTestId('connection-login').fill('etl');
    await page().getByTestId('connection-password').fill(connectionPassword);
    await page().getByRole('button', { name: 'Add connection' }).click();
    await page().getByTestId('password-warehouse').filter({ hasText: '********' }).waitFor();
    await page().reload();
    await page().getByTestId('password-warehouse').waitFor();
    await page().getByRole('button', { name: 'Edit warehouse' }).click();
    expect(await page().getByTestId('connection-password').inputValue()).toBe('');
    expect(await page().content()).not.toContain(connectionPassword);
    await expectAccessible('connections');
    await screenshot('connections');

    await open('pools', 'Pools');
    await page().getByTestId('pool-name').fill('warehouse_pool');
    await page().getByTestId('pool-slots').fill('3');
    await page().getByRole('button', { name: 'Add pool' }).click();
    await page().getByTestId('pools-table').getByText('warehouse_pool').waitFor();
    await expectAccessible('pools');
    await screenshot('pools');
  });

  it('adds a Slack channel and sends it a test message through the Slack stand-in', async () => {
    await open('notification-channels', 'Notification channels');
    await page().getByTestId('channel-name').fill('team-slack');
    await page().getByTestId('channel-type').selectOption('slack');
    await page().getByTestId('channel-slack').fill('#data-alerts');
    await page().getByTestId('channel-bot-token').fill(`xoxb-${suffix}`);
    await page().getByRole('button', { name: 'Add channel' }).click();
    await page().getByTestId('test-channel-team-slack').click();
    await page().getByTestId('page-notice').filter({ hasText: 'Test message delivered to team-slack' }).waitFor();
    const message = await (slack as SlackStandIn).waitForMessage(
      (m) => m.channel === '#data-alerts',
      'the test message',
    );
    expect(message.text).toContain('test message');
    expect(await page().content()).not.toContain(`xoxb-${suffix}`);
    await expectAccessible('notification channels');
    await screenshot('notification-channels');

    await open('settings', 'Tenant settings');
    await page().getByTestId('tenant-name-input').fill(`Renamed ${suffix}`);
    await page().getByRole('button', { name: 'Rename' }).click();
    await page()
      .getByTestId('tenant-name')
      .filter({ hasText: `Renamed ${suffix}` })
      .waitFor();

    for (const [path, heading] of [
      ['sla-misses', 'SLA misses'],
      ['settings', 'Tenant settings'],
      ['audit-log', 'Audit log'],
    ]) {
      await open(path, heading);
      await expectAccessible(path);
      await screenshot(path);
    }
    await page().getByTestId('audit-actor').fill(owner);
    await page().getByRole('button', { name: 'Filter' }).click();
    await page().getByTestId('audit-table').getByText('POST /tenants/:tenant/notificationChannels').first().waitFor();
  });

  it('every page is usable at 390 px and in the dark theme', async () => {
    await page().setViewportSize({ width: 390, height: 844 });
    for (const path of PAGES) {
      await page().goto(`${base()}/admin/${path}`);
      await page().getByRole('heading', { level: 1 }).waitFor();
      await screenshot(`${path}-390`);
      const overflow = await page().evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
    }
    await page().setViewportSize({ width: 1280, height: 900 });
    await page().getByTestId('theme-toggle').click();
    expect(await page().evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await expectAccessible('settings, dark theme');
    await screenshot('settings-dark');
    await page().getByTestId('theme-toggle').click();
  });

  it('the viewer sees the pages read-only, no member management and no Trigger', async () => {
    await page().getByTestId('logout').click();
    await login(teammate);
    const nav = page().getByTestId('admin-nav');
    await nav.getByRole('link', { name: 'Variables' }).waitFor();
    expect(await nav.getByRole('link', { name: 'API tokens' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Audit log' }).count()).toBe(0);

    await open('variables', 'Variables');
    await page().getByTestId('variables-table').getByText('eu-west-1').waitFor();
    expect(await page().getByTestId('variable-form').count()).toBe(0);
    await open('members', 'Members');
    await page().getByTestId('members-table').getByText(owner).waitFor();
    expect(await page().getByTestId('invite-form').count()).toBe(0);
    expect(
      await page()
        .getByRole('button', { name: /Remove/ })
        .count(),
    ).toBe(0);
    await open('connections', 'Connections');
    await page().getByTestId('password-warehouse').waitFor();
    expect(await page().getByRole('button', { name: 'Test warehouse' }).count()).toBe(0);
    await expectAccessible('connections as viewer');
    await screenshot('connections-viewer');

    await page().goto(`${base()}/admin/audit-log`);
    await page().waitForURL(/\/dags$/);
    await page().goto(`${base()}/dags/${DAG}`);
    await page().getByRole('heading', { level: 1, name: DAG }).waitFor();
    await page().locator('[data-testid="run-row"], .muted').first().waitFor();
    expect(await page().getByTestId('trigger-button').count()).toBe(0);
    await screenshot('dag-viewer-no-trigger');
    expect(browser?.pageErrors).toEqual([]);
  });
});
