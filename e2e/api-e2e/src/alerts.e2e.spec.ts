import type {
  ChannelTestResult,
  DagRun,
  NotificationChannel,
  NotificationDelivery,
  Page,
  SlaMiss,
} from '@updraft/api-types';
import {
  ApiClient,
  createTestDatabase,
  DEFAULT_REDIS_URL,
  flushRedisPrefix,
  migrateWithBuiltApi,
  deployBundle,
  signupOwner,
  seg,
  SlackStandIn,
  SmtpCapture,
  Stack,
  startSlackStandIn,
  startSmtpCapture,
  startStack,
  TestDatabase,
  uniqueRedisPrefix,
  waitFor,
} from '@updraft/testing';

const SUITE = 'api-e2e-alerts';
const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;

const DAGS = `import { bash, dag, email, slack } from '@updraft/sdk';

dag('nightly', { schedule: null, deadline: '2s', slaChannels: ['ops-mail'], deadlineChannels: ['ops-slack'] }, () => {
  const load = bash('load', { command: 'sleep 3', sla: '1s' });
  const tell = slack('tell', { channel: 'ops-slack', text: 'nightly {{ run_id }} loaded' });
  const report = email('report', { channel: 'ops-mail', to: 'boss@example.com', subject: 'nightly report {{ ds }}', body: 'run {{ run_id }} is done' });
  load.then(tell);
  load.then(report);
});
`;

describe('alerts over HTTP: channels, SLA and deadline misses, email and slack operators, with the apps as processes', () => {
  let db: TestDatabase | undefined;
  let stack: Stack | undefined;
  let smtp: SmtpCapture;
  let slack: SlackStandIn;
  let owner: ApiClient;
  const redisPrefix = uniqueRedisPrefix();
  const tenant = 'alerts';

  beforeAll(async () => {
    [smtp, slack] = await Promise.all([startSmtpCapture(), startSlackStandIn()]);
    db = await createTestDatabase({ migrate: (url) => migrateWithBuiltApi(url, SUITE) });
    stack = await startStack({
      databaseUrl: db.url,
      redisPrefix,
      redisUrl,
      suite: SUITE,
      smtpUrl: smtp.url,
      env: {
        SLACK_API_URL: slack.url,
        SLA_CHECK_INTERVAL_MS: '500',
        NOTIFICATION_BACKOFF_MS: '200',
        PUBLIC_URL: 'https://updraft.example.com',
      },
    });
    owner = await signupOwner(stack.baseUrl, 'alerts@e2e.updraft.test', tenant);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await Promise.all([smtp?.close(), slack?.close()]);
    await db?.drop();
    await flushRedisPrefix(redisUrl, redisPrefix);
  }, 60_000);

  it('creates channels with masked secrets, refuses bad ones naming the field, and sends a test message', async () => {
    const bad = await owner.post<{ message: string; details: { field: string }[] }>(
      `/tenants/${tenant}/notificationChannels`,
      { json: { name: 'x', type: 'slack', config: { channel: '#ops' } } },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d) => d.field)).toContain('config.botToken');

    const mail = await owner.post<NotificationChannel>(`/tenants/${tenant}/notificationChannels`, {
      json: { name: 'ops-mail', type: 'email', config: { addresses: ['ops@example.com'] } },
    });
    expect(mail.status).toBe(201);
    const slackChannel = await owner.post<NotificationChannel>(`/tenants/${tenant}/notificationChannels`, {
      json: {
        name: 'ops-slack',
        type: 'slack',
        isDefault: true,
        config: { botToken: 'xoxb-e2e-secret', channel: '#ops' },
      },
    });
    expect(slackChannel.body.config).toEqual({ channel: '#ops', botToken: '********' });
    const listed = await owner.get<Page<NotificationChannel>>(`/tenants/${tenant}/notificationChannels`);
    expect(JSON.stringify(listed.body)).not.toContain('xoxb-e2e-secret');
    const duplicate = await owner.post(`/tenants/${tenant}/notificationChannels`, {
      json: { name: 'ops-mail', type: 'email', config: { addresses: ['a@example.com'] } },
    });
    expect(duplicate.status).toBe(409);

    // Sending back the mask keeps the token; the test message goes out with it.
    const renamed = await owner.patch<NotificationChannel>(
      `/tenants/${tenant}/notificationChannels/${slackChannel.body.id}`,
      { json: { config: { botToken: '********', channel: '#alerts' } } },
    );
    expect(renamed.body.config).toEqual({ channel: '#alerts', botToken: '********' });
    const tested = await owner.post<ChannelTestResult>(
      `/tenants/${tenant}/notificationChannels/${slackChannel.body.id}/test`,
      { json: {} },
    );
    expect(tested.body).toEqual({ delivered: true, error: null });
    expect(slack.messages.at(-1)).toMatchObject({ credential: 'xoxb-e2e-secret', channel: '#alerts' });
    await owner.patch(`/tenants/${tenant}/notificationChannels/${slackChannel.body.id}`, {
      json: { config: { botToken: '********', channel: '#ops' } },
    });

    // Another tenant neither sees nor uses this tenant's channel.
    const outsider = await signupOwner(stack?.baseUrl as string, 'other@e2e.updraft.test', 'other');
    expect((await outsider.get(`/tenants/other/notificationChannels/${slackChannel.body.id}`)).status).toBe(404);
    expect(
      (await outsider.post(`/tenants/other/notificationChannels/${slackChannel.body.id}/test`, { json: {} })).status,
    ).toBe(404);
    expect((await outsider.get<Page<NotificationChannel>>('/tenants/other/notificationChannels')).body.items).toEqual(
      [],
    );
  });

  it('alerts an SLA miss by email and a deadline miss on Slack, runs the email and slack operators, and lists both', async () => {
    const uploaded = await deployBundle(owner, tenant, 'alerts', { 'dags/nightly.ts': DAGS });
    expect([uploaded.status, uploaded.body.status, uploaded.body.errors]).toEqual([201, 'active', []]);
    const run = await owner.post<DagRun>(`/tenants/${tenant}/dags/nightly/dagRuns`, { json: {} });
    expect(run.status).toBe(201);

    const slaMail = await smtp.waitForMail('ops@example.com', /SLA missed: nightly\.load/, 30_000);
    expect(slaMail.text).toContain(`missed its SLA in run ${run.body.runId}`);
    expect(slaMail.text).toContain(
      `https://updraft.example.com/dags/nightly?tenant=${tenant}&run=${encodeURIComponent(run.body.runId)}`,
    );
    const deadline = await slack.waitForMessage(
      (m) => m.text.includes('Deadline missed: nightly'),
      'the deadline alert on Slack',
      30_000,
    );
    expect(deadline.channel).toBe('#ops');

    const path = `/tenants/${tenant}/dags/nightly/dagRuns/${seg(run.body.runId)}`;
    await waitFor(
      async () => (await owner.get<DagRun>(path)).body.state,
      (state) => state === 'success',
      { timeoutMs: 60_000, what: 'the nightly run to succeed' },
    );
    await slack.waitForMessage(
      (m) => m.text === `nightly ${run.body.runId} loaded`,
      'the slack operator message with its template rendered',
    );
    const report = await smtp.waitForMail('boss@example.com', /nightly report \d{4}-\d{2}-\d{2}/);
    expect(report.text).toContain(`run ${run.body.runId} is done`);

    const misses = await owner.get<Page<SlaMiss>>(`/tenants/${tenant}/slaMisses`, { query: { dagId: 'nightly' } });
    expect(misses.body.items.map((m) => [m.kind, m.taskId]).sort()).toEqual([
      ['deadline', null],
      ['sla', 'load'],
    ]);
    expect(misses.body.items.every((m) => m.runId === run.body.runId && m.lateByMs >= 0 && m.notifiedAt !== null)).toBe(
      true,
    );
    const deliveries = await owner.get<Page<NotificationDelivery>>(`/tenants/${tenant}/notificationDeliveries`, {
      query: { status: 'sent', kind: 'sla_miss' },
    });
    expect(deliveries.body.items).toEqual([
      expect.objectContaining({
        status: 'sent',
        attempt: 1,
        subject: expect.stringContaining('SLA missed: nightly.load'),
      }),
    ]);
    const badFilter = await owner.get(`/tenants/${tenant}/notificationDeliveries`, { query: { status: 'lost' } });
    expect(badFilter.status).toBe(400);
  });
});
