import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Approval, ApprovalPage, DagRun, Page, TaskInstance, XComEntryList } from '@updraft/api-types';
import {
  ApiClient,
  deployBundle,
  runBuiltCli,
  workspaceRoot,
  E2E_PASSWORD,
  SlackStandIn,
  SmtpCapture,
  signupOwner,
  startSlackStandIn,
  startSmtpCapture,
  startSuiteStack,
  SuiteStack,
  waitFor,
} from '@updraft/testing';

const SUITE = 'api-e2e-approvals';
const TENANT = 'approvals';
const OWNER = 'owner@approvals.e2e.updraft.test';
const VIEWER = 'viewer@approvals.e2e.updraft.test';
const PUBLIC_URL = 'https://updraft.example.com';
const SIGNING_SECRET = 'e2e-slack-signing-secret';

const DAGS = `import { approval, bash, branch, dag } from '@updraft/sdk';

dag('release', { schedule: null }, () => {
  const ask = approval('approve_release', {
    subject: 'Release {{ run_id }}?',
    body: 'Ship the build to production.',
    form: { note: { type: 'string', default: '' } },
    channels: ['ops-mail', 'ops-slack'],
    timeout: '1h',
  });
  const decide = branch('decide', async (ctx) =>
    ((await ctx.ti.xcomPull('approve_release')) as { option: string }).option === 'approve' ? 'ship' : 'stop',
  );
  const side = bash('side', { command: 'echo meanwhile' });
  ask.then(decide);
  decide.then(bash('ship', { command: 'echo shipping' }));
  decide.then(bash('stop', { command: 'echo stopped' }));
  void side;
});

dag('other', { schedule: null }, () => {
  bash('meanwhile', { command: 'echo the only slot is free' });
});

dag('expiring', { schedule: null }, () => {
  const ask = approval('ask', { subject: 'Anyone? {{ run_id }}', channels: ['ops-mail'], timeout: '2s', onTimeout: 'reject' });
  ask.then(bash('after', { command: 'echo after', triggerRule: 'all_done' }));
});
`;

/** An approval step answered by an email link, a Slack button, the API, and by timeout, with the apps as processes on a one-slot worker. */
describe('approval steps over HTTP, email and Slack (apps as processes)', () => {
  let stack: SuiteStack | undefined;
  let smtp: SmtpCapture;
  let slack: SlackStandIn;
  let owner: ApiClient;
  let ownerToken: string;
  let viewer: ApiClient;
  let outsider: ApiClient;

  const instances = async (dagId: string, runId: string) =>
    (
      await owner.get<Page<TaskInstance>>(
        `/tenants/${TENANT}/dags/${dagId}/dagRuns/${encodeURIComponent(runId)}/taskInstances`,
      )
    ).body.items;
  const stateOf = async (dagId: string, runId: string) =>
    Object.fromEntries((await instances(dagId, runId)).map((ti) => [ti.taskId, ti.state]));
  const trigger = async (dagId: string) => {
    const run = await owner.post<DagRun>(`/tenants/${TENANT}/dags/${dagId}/dagRuns`, { json: {} });
    expect(run.status).toBe(201);
    return run.body.runId;
  };
  const runEnded = (dagId: string, runId: string) =>
    waitFor(
      async () =>
        (await owner.get<DagRun>(`/tenants/${TENANT}/dags/${dagId}/dagRuns/${encodeURIComponent(runId)}`)).body,
      (run) => run.state === 'success' || run.state === 'failed',
      { timeoutMs: 60_000, intervalMs: 200, what: `run ${runId} to end` },
    );
  const approvalOf = async (runId: string, dagId = 'release') => {
    const page = await owner.get<ApprovalPage>(
      `/tenants/${TENANT}/approvals?dagId=${dagId}&runId=${encodeURIComponent(runId)}`,
    );
    expect(page.body.items).toHaveLength(1);
    return page.body.items[0];
  };
  const xcom = async (dagId: string, runId: string, taskId: string) =>
    (
      await owner.get<XComEntryList>(
        `/tenants/${TENANT}/dags/${dagId}/dagRuns/${encodeURIComponent(runId)}/taskInstances/${taskId}/xcomEntries`,
      )
    ).body.items.find((entry) => entry.key === 'return_value')?.value;
  /** The step waits in `awaiting_input` while the other task ran on the worker's only slot. */
  const waiting = (runId: string) =>
    waitFor(
      () => stateOf('release', runId),
      (states) => states['approve_release'] === 'awaiting_input' && states['side'] === 'success',
      { timeoutMs: 60_000, intervalMs: 200, what: `run ${runId}: the approval waiting and side done` },
    );
  const linksIn = (text: string) =>
    Object.fromEntries(
      [...text.matchAll(/^(\w+): (\S+\/api\/v1\/actionLinks\/(\S+))$/gm)].map((m) => [m[1], m[3]]),
    ) as Record<string, string>;
  const showLink = (token: string) => fetch(`${stack?.baseUrl}/api/v1/actionLinks/${token}`);
  const useLink = (token: string) =>
    fetch(`${stack?.baseUrl}/api/v1/actionLinks`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    });

  beforeAll(async () => {
    [smtp, slack] = await Promise.all([startSmtpCapture(), startSlackStandIn()]);
    stack = await startSuiteStack(SUITE, {
      smtpUrl: smtp.url,
      healthTimeoutMs: 120_000,
      env: {
        SLACK_API_URL: slack.url,
        PUBLIC_URL,
        WORKER_CONCURRENCY: '1',
        WORKER_RESERVED_SLOTS: '0',
        NOTIFICATION_BACKOFF_MS: '200',
      },
    });
    owner = await signupOwner(stack.baseUrl, OWNER, TENANT);
    ownerToken = owner.token as string;
    outsider = await signupOwner(stack.baseUrl, 'outsider@approvals.e2e.updraft.test', 'approvals-other');
    const invited = await owner.post<{ link: string }>(`/tenants/${TENANT}/invitations`, {
      json: { email: VIEWER, role: 'viewer' },
    });
    const token = new URL(invited.body.link).searchParams.get('token');
    const accepted = await new ApiClient(stack.baseUrl).post<{ session: { accessToken: string } }>(
      '/auth/invitations/accept',
      { json: { token, password: E2E_PASSWORD } },
    );
    viewer = new ApiClient(stack.baseUrl).withToken(accepted.body.session.accessToken);
    for (const channel of [
      { name: 'ops-mail', type: 'email', config: { addresses: ['ops@example.com'] } },
      {
        name: 'ops-slack',
        type: 'slack',
        config: { botToken: 'xoxb-e2e', channel: '#ops', signingSecret: SIGNING_SECRET },
      },
    ])
      expect((await owner.post(`/tenants/${TENANT}/notificationChannels`, { json: channel })).status).toBe(201);
    slack.addUser('U-OWNER', OWNER);
    slack.addUser('U-STRANGER', 'stranger@example.com');
    const uploaded = await deployBundle(owner, TENANT, 'approvals', { 'dags/approvals.ts': DAGS });
    expect([uploaded.status, uploaded.body.status, uploaded.body.errors]).toEqual([201, 'active', []]);
  }, 180_000);

  afterAll(async () => {
    await stack?.release();
    await Promise.all([smtp?.close(), slack?.close()]);
  }, 60_000);

  it('is answered by the one-click email link: asks before acting, acts once, refuses forged, replayed and spent links', async () => {
    const runId = await trigger('release');
    await waiting(runId);
    const approval = await approvalOf(runId);
    expect([approval.state, approval.assignees, approval.subject]).toEqual(['pending', [OWNER], `Release ${runId}?`]);

    const mail = await smtp.waitForMail(
      OWNER,
      new RegExp(`Approval needed: Release ${runId.replace(/[+.]/g, '\\$&')}`),
    );
    expect(mail.text).toContain('Ship the build to production.');
    const links = linksIn(mail.text);
    expect(Object.keys(links).sort()).toEqual(['approve', 'reject']);
    expect(mail.text).toContain(`${PUBLIC_URL}/api/v1/actionLinks/`);

    // Forged: the signature changed; retargeted: the payload names another tenant under the original signature.
    const [body, signature] = links['approve'].split('.');
    const forged = `${body}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    const foreign = `${Buffer.from(JSON.stringify({ ...claims, t: '00000000-0000-4000-8000-000000000000' })).toString('base64url')}.${signature}`;
    for (const token of [forged, foreign]) {
      expect((await showLink(token)).status).toBe(404);
      expect((await useLink(token)).status).toBe(404);
    }

    // A GET (a mail scanner, a preview) only asks.
    const page = await showLink(links['approve']);
    expect([page.status, await page.text()]).toEqual([
      200,
      expect.stringContaining(`Answer &#39;approve&#39; to: Release`),
    ]);
    expect((await approvalOf(runId)).state).toBe('pending');

    const used = await useLink(links['approve']);
    expect([used.status, await used.text()]).toEqual([200, expect.stringContaining('Answered &#39;approve&#39;')]);
    expect((await useLink(links['approve'])).status).toBe(410);
    const late = await useLink(links['reject']);
    expect([late.status, await late.text()]).toEqual([409, expect.stringContaining('already answered')]);

    expect((await runEnded('release', runId)).state).toBe('success');
    expect(await stateOf('release', runId)).toMatchObject({
      approve_release: 'success',
      ship: 'success',
      stop: 'skipped',
    });
    expect(await xcom('release', runId, 'approve_release')).toMatchObject({
      option: 'approve',
      form: { note: '' },
      answeredBy: OWNER,
      via: 'email',
    });
    const audit = await owner.get<
      Page<{ action: string; actor: { email: string }; target: Record<string, string>; outcome: string }>
    >(`/tenants/${TENANT}/auditLog?action=answer approval`);
    const entries = audit.body.items.filter((e) => e.target['runId'] === runId);
    expect(entries.map((e) => [e.actor.email, e.target['option'], e.target['via'], e.outcome]).sort()).toEqual([
      [OWNER, 'approve', 'email', 'success'],
      [OWNER, 'reject', 'email', 'failure'],
    ]);
  });

  it('is answered by a signed Slack button; unsigned, stale and strangers\u2019 clicks do nothing', async () => {
    const runId = await trigger('release');
    await waiting(runId);
    const message = await slack.waitForMessage(
      (m) => m.channel === '#ops' && m.text.includes(`Release ${runId}?`) && m.blocks !== null,
      `the Slack question of ${runId}`,
    );
    const url = `${stack?.baseUrl}/api/v1/slack/interactions/${TENANT}/ops-slack`;
    const click = { url, signingSecret: SIGNING_SECRET, message, actionId: 'approval:reject', userId: 'U-OWNER' };

    expect((await slack.click({ ...click, signingSecret: 'not-the-secret' })).status).toBe(401);
    expect((await slack.click({ ...click, timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
    const tampered = await slack.click({ ...click, signingSecret: 'not-the-secret' });
    const replayed = await fetch(url, {
      method: 'POST',
      headers: tampered.request.headers,
      body: tampered.request.body.replace('reject', 'approve'),
    });
    expect(replayed.status).toBe(401);
    expect((await slack.click({ ...click, userId: 'U-STRANGER' })).status).toBe(200);
    await slack.waitForMessage(
      (m) => m.method === 'chat.postEphemeral' && m.user === 'U-STRANGER' && m.text.includes('not a member'),
      'the stranger told',
    );
    expect((await approvalOf(runId)).state).toBe('pending');

    expect((await slack.click(click)).status).toBe(200);
    await slack.waitForMessage(
      (m) => m.threadTs === message.ts && m.text.includes(`answered by ${OWNER}`),
      'the thread reply',
    );
    expect((await slack.click({ ...click, actionId: 'approval:approve' })).status).toBe(200);
    await slack.waitForMessage(
      (m) => m.method === 'chat.postEphemeral' && m.user === 'U-OWNER' && m.text.includes("already answered 'reject'"),
      'the second click told it was taken',
    );

    expect((await runEnded('release', runId)).state).toBe('success');
    expect(await stateOf('release', runId)).toMatchObject({ ship: 'skipped', stop: 'success' });
    expect(await xcom('release', runId, 'approve_release')).toMatchObject({
      option: 'reject',
      via: 'slack',
      answeredBy: OWNER,
    });
  });

  it('is answered in the console or API by an assignee only, first answer wins, the form checked', async () => {
    const runId = await trigger('release');
    await waiting(runId);
    // The step waits holding no slot: another DAG's task runs and ends on the worker's only slot meanwhile.
    const other = await trigger('other');
    expect((await runEnded('other', other)).state).toBe('success');
    expect((await stateOf('release', runId))['approve_release']).toBe('awaiting_input');
    const inbox = await owner.get<ApprovalPage>(`/tenants/${TENANT}/approvals?state=pending&mine=true`);
    const mine = inbox.body.items.find((a) => a.runId === runId) as Approval;
    expect(mine).toMatchObject({
      mine: true,
      assignees: [OWNER],
      options: ['approve', 'reject'],
      taskId: 'approve_release',
    });
    expect((await viewer.get<ApprovalPage>(`/tenants/${TENANT}/approvals?state=pending&mine=true`)).body.items).toEqual(
      [],
    );

    const answer = (client: ApiClient, json: unknown) =>
      client.post<Approval & { message?: string }>(`/tenants/${TENANT}/approvals/${mine.id}/answer`, { json });
    expect((await answer(viewer, { option: 'approve' })).status).toBe(403);
    expect((await answer(outsider, { option: 'approve' })).status).toBe(404);
    expect(
      (await outsider.post(`/tenants/approvals-other/approvals/${mine.id}/answer`, { json: { option: 'approve' } }))
        .status,
    ).toBe(404);
    expect((await answer(owner, { option: 'maybe' })).status).toBe(400);
    const badForm = await answer(owner, { option: 'approve', form: { note: 5 } });
    expect([badForm.status, badForm.body.message]).toEqual([400, expect.stringContaining('form.note')]);

    const ok = await answer(owner, { option: 'approve', form: { note: 'lgtm' }, via: 'console' });
    expect([ok.status, ok.body.state, ok.body.answeredBy, ok.body.answeredVia]).toEqual([
      200,
      'answered',
      OWNER,
      'console',
    ]);
    const second = await answer(owner, { option: 'reject' });
    expect([second.status, second.body.message]).toEqual([409, expect.stringContaining("already answered 'approve'")]);

    expect((await runEnded('release', runId)).state).toBe('success');
    expect(await xcom('release', runId, 'approve_release')).toMatchObject({
      option: 'approve',
      form: { note: 'lgtm' },
      via: 'console',
    });
  });

  it('takes onTimeout when nobody answers, and its links expire with it', async () => {
    const runId = await trigger('expiring');
    const mail = await smtp.waitForMail(OWNER, new RegExp(`Anyone\\? ${runId.replace(/[+.]/g, '\\$&')}`));
    expect((await runEnded('expiring', runId)).state).toBe('success');
    expect(await stateOf('expiring', runId)).toEqual({ ask: 'success', after: 'success' });
    expect(await xcom('expiring', runId, 'ask')).toMatchObject({ option: 'reject', via: 'timeout', answeredBy: null });
    expect((await approvalOf(runId, 'expiring')).state).toBe('timed_out');
    const expired = linksIn(mail.text)['approve'];
    expect((await showLink(expired)).status).toBe(410);
    expect((await useLink(expired)).status).toBe(410);
  });

  it('is listed and answered with the cli (`updraft approvals list|answer`)', async () => {
    const runId = await trigger('release');
    await waiting(runId);
    const dir = mkdtempSync(join(tmpdir(), 'updraft-approvals-cli-'));
    try {
      const env = {
        UPDRAFT_URL: stack?.baseUrl as string,
        UPDRAFT_TOKEN: ownerToken,
        UPDRAFT_TENANT: TENANT,
        UPDRAFT_CONFIG_DIR: dir,
      };
      const listed = await runBuiltCli(dir, env, 'approvals', 'list', '--json');
      expect([listed.code, listed.stderr]).toEqual([0, '']);
      const question = (JSON.parse(listed.stdout) as Approval[]).find((a) => a.runId === runId) as Approval;
      expect(question).toMatchObject({ mine: true, state: 'pending' });
      const answered = await runBuiltCli(
        dir,
        env,
        'approvals',
        'answer',
        question.id,
        'reject',
        '--form',
        '{"note":"not today"}',
      );
      expect([answered.code, answered.stdout]).toEqual([0, expect.stringContaining("answered 'reject'")]);
      const again = await runBuiltCli(dir, env, 'approvals', 'answer', question.id, 'approve');
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain("already answered 'reject'");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect((await runEnded('release', runId)).state).toBe('success');
    expect(await xcom('release', runId, 'approve_release')).toMatchObject({
      option: 'reject',
      form: { note: 'not today' },
      via: 'api',
    });
  });

  it('deploys the example bundle (examples/approvals)', async () => {
    const example = join(workspaceRoot(), 'examples', 'approvals', 'dags', 'release_with_approval.ts');
    const uploaded = await deployBundle(owner, TENANT, 'approvals-example', {
      'dags/release_with_approval.ts': readFileSync(example, 'utf8'),
    });
    expect([uploaded.status, uploaded.body.status, uploaded.body.errors]).toEqual([201, 'active', []]);
  });
});
