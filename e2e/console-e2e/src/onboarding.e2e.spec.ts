import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import {
  ApiClient,
  createTestDatabase,
  DEFAULT_REDIS_URL,
  E2E_PASSWORD,
  flushRedisPrefix,
  MailCatcherProcess,
  migrateWithBuiltApi,
  packBundleFiles,
  randomSuffix,
  signupOwner,
  SlackStandIn,
  Stack,
  startMailCatcherProcess,
  startSlackStandIn,
  startStack,
  TestDatabase,
  testOutputDir,
  uniqueRedisPrefix,
  waitFor,
  workspaceRoot,
} from '@updraft/testing';
import { assertChromiumInstalled, Browser, launchBrowser, seriousA11yViolations } from './browser';

const SUITE = 'console-e2e-onboarding';
const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;
const outDir = testOutputDir(SUITE);
const LONG = 90_000;
/** A walk over many pages, each checked by axe and photographed twice, on a busy two-core machine. */
const WALK = 300_000;
const PASSWORD = 'onboarding-kittiwake-58';

/** The administration pages, by path and heading. */
const ADMIN_PAGES: [string, string][] = [
  ['members', 'Members'],
  ['teams', 'Teams'],
  ['api-tokens', 'API tokens'],
  ['variables', 'Variables'],
  ['connections', 'Connections'],
  ['pools', 'Pools'],
  ['notification-channels', 'Notification channels'],
  ['sla-misses', 'SLA misses'],
  ['audit-log', 'Audit log'],
  ['settings', 'Tenant settings'],
];
const DAG_TABS = ['grid', 'graph', 'gantt', 'code', 'runs', 'details', 'versions'];

/**
 * A new team onboards entirely in the browser (issue 18's "done when"), in one Chromium with a
 * context per person, against api, scheduler and worker processes, `npm start`'s mail catcher and
 * the Slack stand-in: sign up, verify through the Local mailbox, deploy and trigger the first run,
 * invite a viewer who accepts elsewhere, add a Slack channel and a secret connection. Then what
 * each role sees: a viewer cannot trigger or clear, a team member sees only the team's DAGs, and
 * another tenant's owner finds none of this tenant's names on any page. Every page is checked
 * with axe-core and kept as a screenshot.
 */
describe('onboarding a new team in the browser, then what each role and another tenant see', () => {
  const redisPrefix = uniqueRedisPrefix();
  const suffix = randomSuffix(4);
  const ownerEmail = `founder-${suffix}@e2e.updraft.test`;
  const viewerEmail = `viewer-${suffix}@e2e.updraft.test`;
  const memberEmail = `member-${suffix}@e2e.updraft.test`;
  const tenantName = `Kittiwake Labs ${suffix}`;
  const tenant = `kittiwake-labs-${suffix}`;
  const firstDag = `kittiwake_first_${suffix}`;
  const teamDag = `kittiwake_team_${suffix}`;
  const team = `kittiwake-team-${suffix}`;
  const variableKey = `kittiwake_region_${suffix}`;
  const connectionId = `kittiwake_wh_${suffix}`;
  const channelName = `kittiwake-slack-${suffix}`;
  const secret = `kittiwake-secret-${suffix}-pw`;
  /** Every name tenant A owns; tenant B's user must never see one. */
  const tenantANames = [
    tenantName,
    tenant,
    firstDag,
    teamDag,
    team,
    variableKey,
    connectionId,
    channelName,
    ownerEmail,
  ];

  let db: TestDatabase | undefined;
  let stack: Stack | undefined;
  let catcher: MailCatcherProcess | undefined;
  let slack: SlackStandIn | undefined;
  let browser: Browser | undefined;
  let scratch = '';
  let runUrl = '';
  const a11y: string[] = [];
  /** Every API answer the owner's browser received, to prove the connection's secret never came back. */
  const ownerAnswers: Promise<string>[] = [];

  const base = () => (stack as Stack).baseUrl;
  const owner = () => {
    if (!browser) throw new Error('the browser did not start');
    return browser.page;
  };
  const byTestId = (page: Page, id: string, attrs: Record<string, string> = {}): Locator =>
    page.locator(
      `[data-testid="${id}"]${Object.entries(attrs)
        .map(([k, v]) => `[data-${k}=${JSON.stringify(v)}]`)
        .join('')}`,
    );

  /** Screenshot at 1280 and 390 px, and the page's serious/critical axe violations noted. */
  async function look(page: Page, name: string): Promise<void> {
    a11y.push(...(await seriousA11yViolations(page, name)));
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.screenshot({ path: join(outDir, `${name}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  async function logIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${base()}/login`);
    await byTestId(page, 'login-email').fill(email);
    await byTestId(page, 'login-password').fill(password);
    await byTestId(page, 'login-submit').click();
    await page.waitForURL(/\/dags$/);
  }

  /** Opens the Local mailbox until a mail to `to` with `subject` is listed; returns its first link. */
  async function linkFromMailbox(page: Page, to: string, subject: RegExp): Promise<string> {
    await page.goto(`${base()}/dev/mailbox`);
    const mail = () => byTestId(page, 'mailbox-mail').filter({ hasText: to }).filter({ hasText: subject });
    await waitFor(
      async () => {
        await byTestId(page, 'mailbox-refresh').click();
        return mail().count();
      },
      (count) => count > 0,
      { timeoutMs: 20_000, intervalMs: 200, what: `a mail to ${to} (${subject}) in the local mailbox` },
    );
    return (await mail().first().getByTestId('mailbox-link').first().getAttribute('href')) as string;
  }

  /** Waits until the page's first heading is shown and its API calls have settled. */
  async function settled(page: Page): Promise<void> {
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForLoadState('networkidle');
  }

  async function step(page: Page, name: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (error) {
      const file = join(outDir, `failure-${name}.png`);
      const saved = await page.screenshot({ path: file, fullPage: true }).then(
        () => true,
        () => false,
      );
      if (saved && error instanceof Error) error.message += `\n(page at ${page.url()}; screenshot ${file})`;
      throw error;
    }
  }

  beforeAll(async () => {
    assertChromiumInstalled();
    if (!existsSync(join(workspaceRoot(), 'dist', 'apps', 'console', 'browser', 'index.html')))
      throw new Error('build the console first (npx nx run console:build)');
    mkdirSync(outDir, { recursive: true });
    for (const file of readdirSync(outDir)) if (file.endsWith('.png')) rmSync(join(outDir, file));
    scratch = await mkdtemp(join(tmpdir(), 'updraft-console-onboarding-'));
    catcher = await startMailCatcherProcess();
    slack = await startSlackStandIn();
    db = await createTestDatabase({ migrate: (url) => migrateWithBuiltApi(url, SUITE) });
    stack = await startStack({
      databaseUrl: db.url,
      redisPrefix,
      redisUrl,
      suite: SUITE,
      smtpUrl: catcher.smtpUrl,
      env: { DEV_MAILBOX_URL: catcher.listingUrl, SLACK_API_URL: slack.url },
    });
    browser = await launchBrowser();
    owner().on('response', (response) => {
      // A log's event stream is read by the page as it comes; its lines are the task's, not secrets.
      const streamed = (response.headers()['content-type'] ?? '').includes('text/event-stream');
      if (response.url().includes('/api/v1/') && !streamed) ownerAnswers.push(response.text().catch(() => ''));
    });
  }, 120_000);

  afterAll(async () => {
    const failures: unknown[] = [];
    const steps: (() => Promise<unknown> | undefined)[] = [
      () => browser?.close(),
      () => stack?.stop(),
      () => catcher?.stop(),
      () => slack?.close(),
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
    if (failures.length) throw new AggregateError(failures, `${SUITE} clean-up failed`);
  }, 60_000);

  it('signs up and verifies the address through the Local mailbox', async () => {
    const page = owner();
    await step(page, 'signup', async () => {
      await page.goto(`${base()}/login`);
      await settled(page);
      await look(page, '01-login');
      await byTestId(page, 'login-signup').click();
      await page.waitForURL(/\/signup$/);
      await byTestId(page, 'signup-tenant-name').fill(tenantName);
      expect(await byTestId(page, 'signup-tenant-slug').inputValue()).toBe(tenant);
      await byTestId(page, 'signup-email').fill(ownerEmail);
      await byTestId(page, 'signup-password').fill(PASSWORD);
      await look(page, '02-signup');
      await byTestId(page, 'signup-submit').click();
      await page.waitForURL(/\/dags$/);
      await byTestId(page, 'verify-banner').waitFor();
      await look(page, '03-dags-empty-unverified');

      const link = await linkFromMailbox(page, ownerEmail, /Confirm your email address/);
      await look(page, '04-dev-mailbox');
      await page.goto(link);
      await byTestId(page, 'account-link-done').waitFor();
      await look(page, '05-email-verified');
      await page.goto(`${base()}/dags`);
      await byTestId(page, 'account-link').waitFor();
      expect(await byTestId(page, 'verify-banner').count()).toBe(0);

      await page.goto(`${base()}/forgot-password`);
      await settled(page);
      await look(page, '06-forgot-password');
    });
  });

  it('deploys a bundle on the Bundles page, triggers the first run and sees it succeed', async () => {
    const page = owner();
    await step(page, 'first-run', async () => {
      await page.goto(`${base()}/bundles`);
      await settled(page);
      const dags = {
        'dags/first.ts': `import { bash, dag, task } from '@updraft/sdk';

dag('${firstDag}', { schedule: null }, () => {
  bash('say_hello', { command: 'echo hello from the first run' }).then(task('count', async () => ({ rows: 1 })));
});
`,
        'dags/team.ts': `import { dag, empty } from '@updraft/sdk';

dag('${teamDag}', { schedule: null }, () => {
  empty('nothing');
});
`,
      };
      const archive = await packBundleFiles(scratch, {
        'updraft.json': JSON.stringify({ name: 'kittiwake', entries: Object.keys(dags) }),
        ...dags,
      });
      await byTestId(page, 'bundle-file').setInputFiles({
        name: 'kittiwake.tar.gz',
        mimeType: 'application/gzip',
        buffer: archive,
      });
      await byTestId(page, 'bundle-row', { version: '1', status: 'active' }).waitFor({ timeout: LONG });
      await look(page, '07-bundles');

      await page.goto(`${base()}/dags`);
      await byTestId(page, 'dag-row', { 'dag-id': firstDag }).waitFor();
      await look(page, '08-dag-list');
      await page.goto(`${base()}/dags/${firstDag}`);
      await byTestId(page, 'trigger-button').click();
      await page.waitForURL(/\/trigger$/);
      await settled(page);
      await look(page, '09-trigger');
      await byTestId(page, 'trigger-submit').click();
      await page.waitForURL(/\/runs\/manual__/);
      runUrl = page.url();
      await byTestId(page, 'run-state', { state: 'success' }).waitFor({ timeout: LONG });
      await look(page, '10-run-success');
    });
  });

  it(
    'every page of the DAG, its run, task and log is shown without accessibility faults',
    async () => {
      const page = owner();
      await step(page, 'dag-pages', async () => {
        for (const tab of DAG_TABS) {
          await page.goto(`${base()}/dags/${firstDag}/${tab}`);
          await settled(page);
          await look(page, `11-dag-${tab}`);
        }
        await page.goto(`${runUrl}/tasks/say_hello`);
        await byTestId(page, 'ti-state', { state: 'success' }).waitFor();
        await byTestId(page, 'log-line')
          .filter({ hasText: 'hello from the first run' })
          .first()
          .waitFor({ timeout: LONG });
        await look(page, '12-task-instance');
        await page.goto(`${runUrl}/tasks/say_hello/logs/1`);
        await settled(page);
        await look(page, '13-task-log');
        await page.goto(`${base()}/dags/${firstDag}/backfill`);
        await settled(page);
        await look(page, '14-backfill');
        await page.goto(`${base()}/runs`);
        await settled(page);
        await look(page, '15-runs');
        await page.goto(`${base()}/account`);
        await settled(page);
        await look(page, '16-account');
        await page.goto(`${base()}/no-such-page`);
        await settled(page);
        await look(page, '17-not-found');
      });
    },
    WALK,
  );

  it('invites a viewer, who accepts in another browser context; the viewer cannot trigger or clear, and the API refuses', async () => {
    const page = owner();
    await step(page, 'invite', async () => {
      await page.goto(`${base()}/admin/members`);
      await settled(page);
      await byTestId(page, 'invite-email').fill(viewerEmail);
      await byTestId(page, 'invite-role').selectOption('viewer');
      await page.getByRole('button', { name: 'Invite' }).click();
      await byTestId(page, 'invitations-table').getByText(viewerEmail).waitFor();
      await look(page, '20-admin-members');
    });

    const viewer = await (browser as Browser).newPage();
    await step(viewer, 'accept', async () => {
      const link = await linkFromMailbox(viewer, viewerEmail, /invited to/);
      await viewer.goto(link);
      await byTestId(viewer, 'invitation-summary').waitFor();
      expect(await byTestId(viewer, 'invitation-summary').textContent()).toContain('as viewer');
      await byTestId(viewer, 'account-link-password').fill(PASSWORD);
      await look(viewer, '21-accept-invitation');
      await byTestId(viewer, 'account-link-submit').click();
      await viewer.waitForURL(/\/dags$/);
      expect(await byTestId(viewer, 'tenant-name').textContent()).toContain(tenantName);

      await viewer.goto(`${base()}/dags/${firstDag}`);
      await viewer.getByRole('heading', { level: 1, name: firstDag }).waitFor();
      await settled(viewer);
      expect(await byTestId(viewer, 'trigger-button').count()).toBe(0);
      await viewer.goto(runUrl);
      await byTestId(viewer, 'run-state', { state: 'success' }).waitFor();
      await settled(viewer);
      expect(await byTestId(viewer, 'run-clear').count()).toBe(0);
      expect(await byTestId(viewer, 'run-mark-failed').count()).toBe(0);
      await look(viewer, '22-run-as-viewer');
      await viewer.goto(`${runUrl}/tasks/say_hello`);
      await byTestId(viewer, 'ti-state', { state: 'success' }).waitFor();
      await settled(viewer);
      expect(await byTestId(viewer, 'ti-clear').count()).toBe(0);
      expect(await byTestId(viewer, 'ti-mark-success').count()).toBe(0);
    });
    await viewer.context().close();

    const login = await new ApiClient(base()).post<{ accessToken: string }>('/auth/login', {
      json: { email: viewerEmail, password: PASSWORD },
    });
    const asViewer = new ApiClient(base()).withToken(login.body.accessToken);
    const trigger = await asViewer.post(`/tenants/${tenant}/dags/${firstDag}/dagRuns`, { json: {} });
    expect(trigger.status).toBe(403);
    const runId = decodeURIComponent(runUrl.split('/runs/')[1]);
    const clear = await asViewer.post(
      `/tenants/${tenant}/dags/${firstDag}/dagRuns/${encodeURIComponent(runId)}/clear`,
      {
        json: { dryRun: true },
      },
    );
    expect(clear.status).toBe(403);
  });

  it('adds a Slack channel, sends it a test message, and creates a connection whose secret never comes back', async () => {
    const page = owner();
    await step(page, 'slack-and-secret', async () => {
      await page.goto(`${base()}/admin/notification-channels`);
      await settled(page);
      await byTestId(page, 'channel-name').fill(channelName);
      await byTestId(page, 'channel-type').selectOption('slack');
      await byTestId(page, 'channel-slack').fill('#kittiwake-alerts');
      await byTestId(page, 'channel-bot-token').fill(`xoxb-${suffix}-bot`);
      await page.getByRole('button', { name: 'Add channel' }).click();
      await byTestId(page, `test-channel-${channelName}`).click();
      await byTestId(page, 'page-notice')
        .filter({ hasText: `Test message delivered to ${channelName}` })
        .waitFor();
      const message = await (slack as SlackStandIn).waitForMessage(
        (m) => m.channel === '#kittiwake-alerts',
        'the test message',
      );
      expect(message.text).toContain('test message');
      await look(page, '23-admin-notification-channels');

      await page.goto(`${base()}/admin/connections`);
      await settled(page);
      await byTestId(page, 'connection-id').fill(connectionId);
      await byTestId(page, 'connection-type').fill('postgres');
      await byTestId(page, 'connection-host').fill('warehouse.example.test');
      await byTestId(page, 'connection-login').fill('etl');
      await byTestId(page, 'connection-password').fill(secret);
      await page.getByRole('button', { name: 'Add connection' }).click();
      await byTestId(page, `password-${connectionId}`).filter({ hasText: '********' }).waitFor();
      await page.reload();
      await page.getByRole('button', { name: `Edit ${connectionId}` }).click();
      expect(await byTestId(page, 'connection-password').inputValue()).toBe('');
      await look(page, '24-admin-connections');

      await page.goto(`${base()}/admin/variables`);
      await settled(page);
      await byTestId(page, 'variable-key').fill(variableKey);
      await byTestId(page, 'variable-value').fill('eu-north-1');
      await page.getByRole('button', { name: 'Add variable' }).click();
      await byTestId(page, 'variables-table').getByText(variableKey).waitFor();
    });
  });

  it('a team member sees only the team’s DAGs', async () => {
    const page = owner();
    const ownerApi = await new ApiClient(base()).post<{ accessToken: string }>('/auth/login', {
      json: { email: ownerEmail, password: PASSWORD },
    });
    const invited = await new ApiClient(base())
      .withToken(ownerApi.body.accessToken)
      .post<{ link: string }>(`/tenants/${tenant}/invitations`, { json: { email: memberEmail, role: 'member' } });
    expect(invited.status).toBe(201);
    const token = new URL(invited.body.link).searchParams.get('token');
    const accepted = await new ApiClient(base()).post('/auth/invitations/accept', {
      json: { token, password: PASSWORD },
    });
    expect(accepted.status).toBe(200);

    await step(page, 'team', async () => {
      await page.goto(`${base()}/admin/teams`);
      await settled(page);
      await byTestId(page, 'team-name').fill(team);
      await page.getByRole('button', { name: 'Create team' }).click();
      await byTestId(page, 'team-detail').getByRole('heading', { name: team }).waitFor();
      await byTestId(page, 'team-member-email').fill(memberEmail);
      await page.getByRole('button', { name: 'Add to team' }).click();
      await byTestId(page, 'team-detail').getByText(memberEmail).waitFor();
      await byTestId(page, 'assign-dag').selectOption(teamDag);
      await page.getByRole('button', { name: `Assign to ${team}` }).click();
      await byTestId(page, 'team-dags').getByText(teamDag).waitFor();
    });

    const member = await (browser as Browser).newPage();
    await step(member, 'member', async () => {
      await logIn(member, memberEmail, PASSWORD);
      await byTestId(member, 'dag-row', { 'dag-id': teamDag }).waitFor();
      await settled(member);
      const rows = await byTestId(member, 'dag-row').evaluateAll((r) => r.map((e) => e.getAttribute('data-dag-id')));
      expect(rows).toEqual([teamDag]);
      await look(member, '25-dag-list-as-team-member');
      await member.goto(`${base()}/runs`);
      await settled(member);
      expect(await member.content()).not.toContain(firstDag);
    });
    await member.context().close();
  });

  it(
    'walks every administration page as the owner without accessibility faults',
    async () => {
      const page = owner();
      await step(page, 'admin-pages', async () => {
        for (const [path, heading] of ADMIN_PAGES) {
          await page.goto(`${base()}/admin/${path}`);
          await page.getByRole('heading', { level: 1, name: heading }).waitFor();
          await settled(page);
          await look(page, `26-admin-${path}`);
        }
      });
      const answers = await Promise.all(ownerAnswers);
      expect(answers.length).toBeGreaterThan(20);
      expect(answers.filter((text) => text.includes(secret))).toEqual([]);
      expect(await page.content()).not.toContain(secret);
    },
    WALK,
  );

  it(
    'tenant B’s owner never sees a name of tenant A on any page',
    async () => {
      const otherEmail = `other-${suffix}@e2e.updraft.test`;
      await signupOwner(base(), otherEmail, `other-${suffix}`);
      const other = await (browser as Browser).newPage();
      await step(other, 'tenant-b', async () => {
        await logIn(other, otherEmail, E2E_PASSWORD);
        const paths = [
          '/dags',
          '/runs',
          '/bundles',
          '/account',
          ...ADMIN_PAGES.map(([path]) => `/admin/${path}`),
          `/dags/${firstDag}`,
          `/dags/${firstDag}/runs`,
        ];
        const seen: string[] = [];
        for (const path of paths) {
          await other.goto(`${base()}${path}`);
          await settled(other);
          // The last two URLs name A's DAG themselves: there, only what else the page shows counts.
          const text = await other.locator('body').innerText();
          const shown = path.includes(firstDag) ? text.split(firstDag).join('') : text;
          for (const name of tenantANames) if (shown.includes(name)) seen.push(`${path}: ${name}`);
          if (!path.includes(firstDag)) {
            const html = await other.content();
            for (const name of tenantANames) if (html.includes(name)) seen.push(`${path} (markup): ${name}`);
          }
          await look(other, `30-tenant-b${path.replace(/\//g, '-')}`);
        }
        expect(seen).toEqual([]);
        await other.goto(`${base()}/dags/${firstDag}/runs`);
        await settled(other);
        expect(await byTestId(other, 'run-row').count()).toBe(0);
      });
      await other.context().close();
    },
    WALK,
  );

  it('found no serious or critical accessibility violation, and no page threw', () => {
    expect(a11y).toEqual([]);
    expect(browser?.pageErrors).toEqual([]);
  });
});
