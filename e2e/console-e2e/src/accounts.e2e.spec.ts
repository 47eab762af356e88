import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import {
  ApiClient,
  createTestDatabase,
  DEFAULT_REDIS_URL,
  flushRedisPrefix,
  MailCatcherProcess,
  migrateWithBuiltApi,
  randomSuffix,
  Stack,
  startMailCatcherProcess,
  startStack,
  TestDatabase,
  testOutputDir,
  uniqueRedisPrefix,
  waitFor,
  workspaceRoot,
} from '@updraft/testing';
import { assertChromiumInstalled, Browser, launchBrowser } from './browser';

const SUITE = 'console-e2e-accounts';
const PASSWORD = 'console-accounts-kestrel-41';
const NEW_PASSWORD = 'console-accounts-osprey-73';
const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;
const outDir = testOutputDir(SUITE);

/**
 * A newcomer's accounts journey in one browser against api and worker processes, with mail going
 * to `npm start`'s local mail catcher and read on the console's Local mailbox page: sign up,
 * verify, log out, forgot password, reset, log in again; then a teammate accepts an invitation.
 */
describe('accounts in the browser: sign-up to reset through the local mailbox, accepting an invitation', () => {
  const redisPrefix = uniqueRedisPrefix();
  const suffix = randomSuffix(4);
  const email = `owner-${suffix}@e2e.updraft.test`;
  const teammate = `teammate-${suffix}@e2e.updraft.test`;
  const tenantName = `Kestrel Works ${suffix}`;
  let db: TestDatabase | undefined;
  let stack: Stack | undefined;
  let catcher: MailCatcherProcess | undefined;
  let browser: Browser | undefined;

  const page = () => {
    if (!browser) throw new Error('the browser did not start');
    return browser.page;
  };
  const base = () => (stack as Stack).baseUrl;

  /** The page as it is, at desktop width and at a phone's (390 px). */
  async function screenshots(name: string): Promise<void> {
    for (const width of [1280, 390]) {
      await page().setViewportSize({ width, height: width === 1280 ? 900 : 844 });
      await page().screenshot({ path: join(outDir, `${name}-${width}.png`), fullPage: true });
    }
    await page().setViewportSize({ width: 1280, height: 900 });
  }

  /** Opens the Local mailbox until a mail to `to` with `subject` is listed; returns its first link. */
  async function linkFromMailbox(to: string, subject: RegExp): Promise<string> {
    await page().goto(`${base()}/dev/mailbox`);
    const mail = (): Locator => page().getByTestId('mailbox-mail').filter({ hasText: to }).filter({ hasText: subject });
    await waitFor(
      async () => {
        await page().getByTestId('mailbox-refresh').click();
        return mail().count();
      },
      (count) => count > 0,
      { timeoutMs: 20_000, intervalMs: 200, what: `a mail to ${to} (${subject}) in the local mailbox` },
    );
    const href = await mail().first().getByTestId('mailbox-link').first().getAttribute('href');
    expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[a-z-]+\?token=/);
    return href as string;
  }

  async function logIn(address: string, password: string): Promise<void> {
    await page().goto(`${base()}/login`);
    await page().getByTestId('login-email').fill(address);
    await page().getByTestId('login-password').fill(password);
    await page().getByTestId('login-submit').click();
    await page().waitForURL(/\/dags$/);
  }

  beforeAll(async () => {
    assertChromiumInstalled();
    const consoleIndex = join(workspaceRoot(), 'dist', 'apps', 'console', 'browser', 'index.html');
    if (!existsSync(consoleIndex))
      throw new Error(`${consoleIndex} is missing: build it first (npx nx run console:build)`);
    mkdirSync(outDir, { recursive: true });
    for (const file of readdirSync(outDir)) if (file.endsWith('.png')) rmSync(join(outDir, file));
    catcher = await startMailCatcherProcess();
    db = await createTestDatabase({ migrate: (url) => migrateWithBuiltApi(url, SUITE) });
    stack = await startStack({
      databaseUrl: db.url,
      redisPrefix,
      redisUrl,
      suite: SUITE,
      apps: ['api', 'worker'],
      smtpUrl: catcher.smtpUrl,
      env: { DEV_MAILBOX_URL: catcher.listingUrl },
    });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await catcher?.stop();
    await db?.drop();
    await flushRedisPrefix(redisUrl, redisPrefix);
    const dataDir = stack?.env['DATA_DIR'];
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('signs up, verifies through the local mailbox, forgets the password, resets it and logs in with the new one', async () => {
    await page().goto(`${base()}/login`);
    await screenshots('login');
    await page().getByTestId('login-signup').click();
    await page().waitForURL(/\/signup$/);
    await page().getByTestId('signup-tenant-name').fill(tenantName);
    expect(await page().getByTestId('signup-tenant-slug').inputValue()).toBe(`kestrel-works-${suffix}`);
    await page().getByTestId('signup-email').fill(email);
    await page().getByTestId('signup-password').fill('short');
    await expect(page().getByTestId('password-hint').textContent()).resolves.toMatch(
      /password must be at least 12 characters/,
    );
    await page().getByTestId('signup-password').fill(email);
    await expect(page().getByTestId('password-hint').textContent()).resolves.toMatch(
      /password must not be your email address/,
    );
    await screenshots('signup');
    await page().getByTestId('signup-password').fill(PASSWORD);
    await expect(page().getByTestId('password-hint').textContent()).resolves.toMatch(/This password is accepted/);
    await page().getByTestId('signup-submit').click();
    await page().waitForURL(/\/dags$/);
    await page().getByTestId('verify-banner').waitFor({ state: 'visible' });
    // The sign-up answer's delivery state of the verification mail, said in the banner.
    expect(await page().getByTestId('verify-delivery').getAttribute('data-status')).toBe('queued');
    expect(await page().getByTestId('verify-delivery').textContent()).toContain('The mail is queued');
    await screenshots('verify-banner');

    const verifyLink = await linkFromMailbox(email, /Confirm your email address/);
    await screenshots('dev-mailbox');
    await page().goto(verifyLink);
    await page().getByTestId('account-link-done').waitFor({ state: 'visible' });
    const me = page().waitForResponse((response) => response.url().endsWith('/api/v1/auth/me'));
    await page().goto(`${base()}/dags`);
    expect((await (await me).json()).user.emailVerified).toBe(true);
    await page().getByTestId('account-link').waitFor({ state: 'visible' });
    expect(await page().getByTestId('verify-banner').count()).toBe(0);

    await page().getByTestId('logout').click();
    await page().waitForURL(/\/login$/);
    await page().getByTestId('login-forgot').click();
    await page().getByTestId('forgot-email').fill(email);
    await page().getByTestId('forgot-submit').click();
    await page().getByTestId('forgot-sent').waitFor({ state: 'visible' });
    expect(await page().getByTestId('forgot-delivery').getAttribute('data-status')).toBe('queued');
    await screenshots('forgot-password');

    const resetLink = await linkFromMailbox(email, /Reset your Updraft password/);
    await page().goto(resetLink);
    await page().getByTestId('account-link-password').fill(NEW_PASSWORD);
    await screenshots('reset-password');
    await page().getByTestId('account-link-submit').click();
    await page().getByTestId('account-link-done').waitFor({ state: 'visible' });

    await page().goto(`${base()}/login`);
    await page().getByTestId('login-email').fill(email);
    await page().getByTestId('login-password').fill(PASSWORD);
    await page().getByTestId('login-submit').click();
    await page().getByTestId('login-error').waitFor({ state: 'visible' });
    await logIn(email, NEW_PASSWORD);
    await page().getByTestId('account-link').click();
    await page().waitForURL(/\/account$/);
    await page().getByTestId('account-session').first().waitFor({ state: 'visible' });
    await screenshots('account');
  });

  it('accepts an invitation in the browser: the page names the team, the inviter and the role, and asks for a password for a new account', async () => {
    const owner = await new ApiClient(base()).post<{ accessToken: string; tenants: { slug: string }[] }>(
      '/auth/login',
      { json: { email, password: NEW_PASSWORD } },
    );
    expect(owner.status).toBe(200);
    const tenant = owner.body.tenants[0].slug;
    const invited = await new ApiClient(base())
      .withToken(owner.body.accessToken)
      .post<{ delivery: { status: string }; link: string }>(`/tenants/${tenant}/invitations`, {
        json: { email: teammate, role: 'editor' },
      });
    expect([invited.status, invited.body.delivery.status]).toEqual([201, 'queued']);

    await page().getByTestId('account-logout-everywhere').click();
    await page().waitForURL(/\/login$/);
    const link = await linkFromMailbox(teammate, /invited to/);
    expect(link).toBe(invited.body.link);
    await page().goto(link);
    await page().getByTestId('invitation-summary').waitFor({ state: 'visible' });
    expect((await page().getByTestId('invitation-summary').textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      `${email} invites ${teammate} to join ${tenantName} as editor.`,
    );
    await page().getByTestId('account-link-password').fill(NEW_PASSWORD);
    await screenshots('accept-invitation');
    await page().getByTestId('account-link-submit').click();
    await page().waitForURL(/\/dags$/);
    expect(await page().getByTestId('tenant-name').textContent()).toContain(tenantName);
    expect(await page().getByTestId('account-link').textContent()).toContain(teammate);
    expect(browser?.pageErrors).toEqual([]);
  });
});
