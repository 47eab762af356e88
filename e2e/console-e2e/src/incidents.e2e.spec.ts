import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApiClient,
  createTestDatabase,
  DEFAULT_REDIS_URL,
  flushRedisPrefix,
  migrateWithBuiltApi,
  packBundle,
  randomSuffix,
  SmtpCapture,
  Stack,
  startSmtpCapture,
  startStack,
  TestDatabase,
  testOutputDir,
  uniqueRedisPrefix,
  waitFor,
} from '@updraft/testing';
import { assertChromiumInstalled, Browser, launchBrowser } from './browser';

const SUITE = 'console-incidents-e2e';
const PASSWORD = 'console-incidents-correct-horse';
const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;
const outDir = testOutputDir(SUITE);

const DAG_SOURCE = `import { approval, bash, dag } from '@updraft/sdk';
export default dag('card_payments', { critical: true, incidents: { channels: ['ops-mail'] } }, () => {
  bash('charge', { command: 'echo the processor is down; exit 1' });
});
dag('release', { schedule: null }, () => {
  approval('sign_off', {
    subject: 'Ship 1.4?',
    body: 'Staging is green.',
    options: ['approve', 'reject'],
    form: { ticket: { type: 'string', default: 'OPS-1', description: 'change ticket' } },
    timeout: '1h',
    onTimeout: 'reject',
  }).then(bash('ship', { command: 'echo shipping' }));
});
`;

/**
 * The humans in the loop, in real processes: a failed run of a critical DAG opens an incident that
 * the console lists, shows and acknowledges; an approval step waits in the "Needs my answer" inbox
 * until it is answered there.
 */
describe('incidents and approvals in headless Chromium', () => {
  const redisPrefix = uniqueRedisPrefix();
  const suffix = randomSuffix(4);
  const owner = `owner-${suffix}@e2e.updraft.test`;
  const tenant = `incidents-${suffix}`;
  let db: TestDatabase | undefined;
  let stack: Stack | undefined;
  let smtp: SmtpCapture | undefined;
  let browser: Browser | undefined;
  let api: ApiClient;

  const page = () => (browser as Browser).page;
  const base = () => (stack as Stack).baseUrl;

  beforeAll(async () => {
    assertChromiumInstalled();
    mkdirSync(outDir, { recursive: true });
    smtp = await startSmtpCapture();
    db = await createTestDatabase({ migrate: (url) => migrateWithBuiltApi(url, SUITE) });
    stack = await startStack({ databaseUrl: db.url, redisPrefix, redisUrl, suite: SUITE, smtpUrl: smtp.url });
    browser = await launchBrowser();
    const signup = await new ApiClient(stack.baseUrl).post<{ accessToken: string }>('/auth/signup', {
      json: { email: owner, password: PASSWORD, tenantSlug: tenant, tenantName: `Incidents ${suffix}` },
    });
    expect(signup.status).toBe(201);
    api = new ApiClient(stack.baseUrl, signup.body.accessToken);
    expect(
      (
        await api.post(`/tenants/${tenant}/notificationChannels`, {
          json: { name: 'ops-mail', type: 'email', config: { addresses: ['ops@e2e.updraft.test'] } },
        })
      ).status,
    ).toBe(201);
    const dir = mkdtempSync(join(tmpdir(), 'updraft-incidents-'));
    mkdirSync(join(dir, 'dags'));
    writeFileSync(join(dir, 'updraft.json'), JSON.stringify({ name: 'payments', entries: ['dags/payments.ts'] }));
    writeFileSync(join(dir, 'dags', 'payments.ts'), DAG_SOURCE);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await packBundle(dir))], { type: 'application/gzip' }), 'b.tar.gz');
    rmSync(dir, { recursive: true, force: true });
    const bundle = await api.post<{ status: string }>(`/tenants/${tenant}/bundles`, { form, query: { wait: true } });
    expect(bundle.body.status).toBe('active');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await db?.drop();
    await smtp?.close();
    await flushRedisPrefix(redisUrl, redisPrefix);
    const dataDir = stack?.env['DATA_DIR'];
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('lists the incident opened by the failed run, badges its DAG, and acknowledges it on its timeline page', async () => {
    expect((await api.post(`/tenants/${tenant}/dags/card_payments/dagRuns`, { json: {} })).status).toBe(201);
    const mail = await (smtp as SmtpCapture).waitForMail('ops@e2e.updraft.test', /Incident CRITICAL: card_payments/);
    expect(mail.text).toContain(`For ${owner}:`);

    await page().goto(`${base()}/login`);
    await page().getByTestId('login-email').fill(owner);
    await page().getByTestId('login-password').fill(PASSWORD);
    await page().getByTestId('login-submit').click();
    await page().waitForURL(/\/dags$/);
    await page().getByTestId('open-incidents').filter({ hasText: '1 open' }).waitFor();
    await page().screenshot({ path: join(outDir, 'dag-list-badge.png'), fullPage: true });

    await page().getByRole('link', { name: 'Incidents' }).first().click();
    await page().getByRole('heading', { level: 1, name: 'Incidents' }).waitFor();
    await page().getByRole('link', { name: 'card_payments: run failed' }).waitFor();
    await page().screenshot({ path: join(outDir, 'incidents.png'), fullPage: true });

    await page().getByRole('link', { name: 'card_payments: run failed' }).click();
    await page().getByRole('button', { name: 'Acknowledge' }).click();
    await page()
      .getByTestId('incident-summary')
      .filter({ hasText: `acknowledged by ${owner}` })
      .waitFor();
    await page().getByLabel('Note').fill('processor vendor paged');
    await page().getByRole('button', { name: 'Add note' }).click();
    await page().getByTestId('incident-timeline').filter({ hasText: 'processor vendor paged' }).waitFor();
    await page().screenshot({ path: join(outDir, 'incident.png'), fullPage: true });
    await page().setViewportSize({ width: 390, height: 844 });
    await page().screenshot({ path: join(outDir, 'incident-390.png'), fullPage: true });
    await page().setViewportSize({ width: 1280, height: 900 });

    const timeline = await page().getByTestId('incident-timeline').innerText();
    expect(timeline.match(/opened|alerted|acknowledged|note/g)).toEqual(['opened', 'alerted', 'acknowledged', 'note']);
    await waitFor(
      async () => (await api.get<{ items: { state: string }[] }>(`/tenants/${tenant}/incidents`)).body.items,
      (items) => items.length === 1 && items[0].state === 'acknowledged',
      { timeoutMs: 5_000, what: 'the acknowledged incident in the API' },
    );
  });

  it('answers an approval step from the "Needs my answer" inbox, with its form, and the run goes on', async () => {
    const run = await api.post<{ runId: string }>(`/tenants/${tenant}/dags/release/dagRuns`, { json: {} });
    expect(run.status).toBe(201);
    const approvals = (state: string) =>
      api.get<{ items: Record<string, unknown>[] }>(`/tenants/${tenant}/approvals`, { query: { state } });
    await waitFor(
      async () => (await approvals('pending')).body.items,
      (items) => items.length === 1,
      { timeoutMs: 60_000, what: 'the approval step to wait for an answer' },
    );

    await page().getByRole('link', { name: 'Approvals' }).first().click();
    await page().getByRole('heading', { level: 1, name: 'Approvals' }).waitFor();
    const card = page().getByTestId('approval-sign_off');
    await card.getByText('Staging is green.').waitFor();
    await card.getByRole('textbox').fill('OPS-42');
    await page().screenshot({ path: join(outDir, 'approvals.png'), fullPage: true });
    await page().setViewportSize({ width: 390, height: 844 });
    await page().screenshot({ path: join(outDir, 'approvals-390.png'), fullPage: true });
    await page().setViewportSize({ width: 1280, height: 900 });
    await card.getByRole('button', { name: 'approve' }).click();
    await page().getByText('Answered approve: Ship 1.4?').waitFor();
    await page().getByTestId('approvals-empty').waitFor();

    const path = `/tenants/${tenant}/dags/release/dagRuns/${encodeURIComponent(run.body.runId)}`;
    await waitFor(
      async () => (await api.get<{ state: string }>(path)).body.state,
      (state) => state === 'success',
      { timeoutMs: 60_000, what: 'the run to go on after the answer' },
    );
    expect((await approvals('answered')).body.items).toEqual([
      expect.objectContaining({
        option: 'approve',
        formValues: { ticket: 'OPS-42' },
        answeredBy: owner,
        answeredVia: 'console',
      }),
    ]);
  });
});
