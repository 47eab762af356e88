import type { AccountSession, DevMail, Invitation, InvitationPreview } from '@updraft/api-types';
import {
  createTestResources,
  freePort,
  SmtpCapture,
  startMailCatcherProcess,
  startSmtpCapture,
  TestResources,
  waitFor,
} from '@updraft/testing';
import { InProcessApi, startInProcessApi } from '../../testing/in-process-api';

const PASSWORD = 'long-and-unusual-password-1';

describe('self-service accounts: mails through the notifications queue, invitation links, the development mailbox, sessions and password (in-process api and mail delivery)', () => {
  let api: InProcessApi<TestResources>;
  let smtpPort: number;
  let lateSmtp: SmtpCapture | undefined;

  beforeAll(async () => {
    smtpPort = await freePort();
    // Nothing listens on smtpPort until a test starts a server there.
    api = await startInProcessApi(await createTestResources(), {
      smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
      notificationAttempts: 30,
      notificationBackoffMs: 100,
    });
  }, 60_000);
  afterAll(async () => {
    await lateSmtp?.close();
    await api?.stop();
  }, 30_000);

  const signup = async (email: string, tenantSlug: string) => {
    const reply = await api.call('POST', 'auth/signup', {
      body: { email, password: PASSWORD, tenantSlug, tenantName: `Tenant ${tenantSlug}` },
    });
    expect([reply.status, reply.text]).toEqual([201, expect.any(String)]);
    return reply.json() as { accessToken: string; refreshToken: string; verification: { status: string } };
  };
  const pending = async (tenant: string, token: string, id: string): Promise<Invitation | undefined> =>
    ((await api.call('GET', `tenants/${tenant}/invitations`, { token })).json() as { items: Invitation[] }).items.find(
      (i) => i.id === id,
    );

  it('answers 201 to an invitation while no SMTP server listens, retries, and delivers the mail once the server is up', async () => {
    const owner = await signup('owner@queue.example.com', 'queue-acme');
    // Sign-up and password reset answer at once too, saying the mail is queued.
    expect(owner.verification).toEqual({ status: 'queued', attempts: 0, lastError: null, sentAt: null });
    const reset = await api.call('POST', 'auth/passwordReset', { body: { email: 'owner@queue.example.com' } });
    expect([reset.status, reset.json().delivery]).toEqual([
      202,
      { status: 'queued', attempts: 0, lastError: null, sentAt: null },
    ]);
    const invited = await api.call('POST', 'tenants/queue-acme/invitations', {
      token: owner.accessToken,
      body: { email: 'teammate@queue.example.com', role: 'editor' },
    });
    expect(invited.status).toBe(201);
    const invitation = invited.json() as Invitation;
    expect(invitation).toMatchObject({
      email: 'teammate@queue.example.com',
      role: 'editor',
      delivery: { status: 'queued', attempts: 0 },
      link: expect.stringMatching(/\/accept-invitation\?token=[A-Za-z0-9_-]+$/),
    });

    const failing = await waitFor(
      () => pending('queue-acme', owner.accessToken, invitation.id),
      (i) => (i?.delivery.attempts ?? 0) >= 2,
      { timeoutMs: 15_000, what: 'two failed delivery attempts' },
    );
    expect(failing?.delivery).toMatchObject({
      status: 'failed',
      lastError: expect.stringMatching(/was not accepted by smtp:\/\/127\.0\.0\.1/),
    });

    lateSmtp = await startSmtpCapture(smtpPort);
    const mail = await lateSmtp.waitForMail('teammate@queue.example.com', /invited to Tenant queue-acme/, 20_000);
    expect(mail.text).toContain(invitation.link);
    expect(mail.text).toContain('owner@queue.example.com invites you to join Tenant queue-acme on Updraft as editor');
    const sent = await waitFor(
      () => pending('queue-acme', owner.accessToken, invitation.id),
      (i) => i?.delivery.status === 'sent',
      { timeoutMs: 5_000, what: 'the delivery state sent' },
    );
    expect(sent?.delivery).toMatchObject({ status: 'sent', lastError: null, sentAt: expect.any(String) });
    expect(lateSmtp.mails.filter((m) => m.to.includes('teammate@queue.example.com'))).toHaveLength(1);
  });

  it('names the tenant, inviter and role of a link to whoever holds it, resends with a new link (the old one dies) and revokes', async () => {
    const owner = await signup('owner@resend.example.com', 'resend-acme');
    const first = (
      await api.call('POST', 'tenants/resend-acme/invitations', {
        token: owner.accessToken,
        body: { email: 'new@resend.example.com', role: 'viewer' },
      })
    ).json() as Invitation;
    const tokenOf = (link = '') => new URL(link).searchParams.get('token') as string;

    const preview = await api.call('POST', 'auth/invitations/lookup', { body: { token: tokenOf(first.link) } });
    expect(preview.status).toBe(200);
    expect(preview.json() as InvitationPreview).toEqual({
      email: 'new@resend.example.com',
      tenant: { slug: 'resend-acme', name: 'Tenant resend-acme' },
      role: 'viewer',
      inviter: 'owner@resend.example.com',
      expiresAt: first.expiresAt,
      passwordNeeded: 'no_account',
    });
    const guessed = await api.call('POST', 'auth/invitations/lookup', { body: { token: 'x'.repeat(43) } });
    expect([guessed.status, guessed.json().message]).toEqual([400, 'this invitation link is not valid']);
    expect(guessed.text).not.toContain('resend-acme');

    const resent = await api.call('POST', `tenants/resend-acme/invitations/${first.id}/resend`, {
      token: owner.accessToken,
    });
    expect(resent.status).toBe(201);
    const second = resent.json() as Invitation;
    expect(second.link).not.toBe(first.link);
    expect((await api.call('POST', 'auth/invitations/lookup', { body: { token: tokenOf(first.link) } })).status).toBe(
      400,
    );
    expect(
      (await api.call('POST', 'auth/invitations/accept', { body: { token: tokenOf(first.link), password: PASSWORD } }))
        .status,
    ).toBe(400);
    expect((await api.call('POST', 'auth/invitations/lookup', { body: { token: tokenOf(second.link) } })).status).toBe(
      200,
    );

    expect(
      (await api.call('DELETE', `tenants/resend-acme/invitations/${second.id}`, { token: owner.accessToken })).status,
    ).toBe(204);
    expect(await pending('resend-acme', owner.accessToken, second.id)).toBeUndefined();
    expect(
      (await api.call('POST', 'auth/invitations/accept', { body: { token: tokenOf(second.link), password: PASSWORD } }))
        .status,
    ).toBe(400);
    expect(
      (await api.call('POST', `tenants/resend-acme/invitations/${second.id}/resend`, { token: owner.accessToken }))
        .status,
    ).toBe(404);
  });

  it('lists the mails of the local mail catcher in development only: the route is absent without DEV_MAILBOX_URL and in production', async () => {
    expect((await api.call('GET', 'dev/mailbox')).status).toBe(404);
    const catcher = await startMailCatcherProcess();
    try {
      Object.assign(api.config, {
        nodeEnv: 'development',
        devMailboxUrl: catcher.listingUrl,
        smtpUrl: catcher.smtpUrl,
      });
      await signup('newcomer@mailbox.example.com', 'mailbox-acme');
      const listed = await waitFor(
        async () => ((await api.call('GET', 'dev/mailbox')).json() as { items: DevMail[] }).items,
        (items) => items.some((m) => m.to.includes('newcomer@mailbox.example.com')),
        { timeoutMs: 15_000, what: 'the verification mail in the local mailbox' },
      );
      const mail = listed.find((m) => m.to.includes('newcomer@mailbox.example.com')) as DevMail;
      expect(mail.subject).toBe('Confirm your email address for Updraft');
      expect(mail.links).toEqual([expect.stringMatching(/\/verify-email\?token=[A-Za-z0-9_-]+$/)]);

      Object.assign(api.config, { nodeEnv: 'production' });
      expect((await api.call('GET', 'dev/mailbox')).status).toBe(404);
    } finally {
      Object.assign(api.config, { nodeEnv: 'test', devMailboxUrl: null, smtpUrl: `smtp://127.0.0.1:${smtpPort}` });
      await catcher.stop();
    }
  }, 30_000);

  it('lists your sessions, logs one out, changes the password (other sessions end, this one stays) and logs out everywhere', async () => {
    const first = await signup('sessions@self.example.com', 'sessions-acme');
    const login = async (password: string) =>
      api.call('POST', 'auth/login', { body: { email: 'sessions@self.example.com', password } });
    const second = (await login(PASSWORD)).json() as { accessToken: string; refreshToken: string };
    const third = (await login(PASSWORD)).json() as { accessToken: string; refreshToken: string };
    const listed = (await api.call('GET', 'auth/sessions', { token: first.accessToken })).json()
      .items as AccountSession[];
    expect(listed).toHaveLength(3);
    expect(listed.filter((s) => s.current)).toHaveLength(1);

    const other = listed.find((s) => !s.current) as AccountSession;
    expect((await api.call('DELETE', `auth/sessions/${other.id}`, { token: first.accessToken })).status).toBe(204);
    expect((await api.call('DELETE', `auth/sessions/${other.id}`, { token: first.accessToken })).status).toBe(404);
    expect((await api.call('GET', 'auth/sessions', { token: first.accessToken })).json().items).toHaveLength(2);

    const wrong = await api.call('POST', 'auth/password', {
      token: first.accessToken,
      body: { currentPassword: 'not-the-password-at-all', newPassword: 'another-long-unusual-password' },
    });
    expect([wrong.status, wrong.json().message]).toEqual([400, 'the current password is not right']);
    const weak = await api.call('POST', 'auth/password', {
      token: first.accessToken,
      body: { currentPassword: PASSWORD, newPassword: 'short' },
    });
    expect([weak.status, weak.json().message]).toEqual([
      400,
      expect.stringMatching(/password must be at least 12 characters/),
    ]);
    expect(
      (
        await api.call('POST', 'auth/password', {
          token: first.accessToken,
          body: { currentPassword: PASSWORD, newPassword: 'another-long-unusual-password' },
        })
      ).status,
    ).toBe(204);
    expect((await login(PASSWORD)).status).toBe(401);
    expect((await api.call('GET', 'auth/me', { token: first.accessToken })).status).toBe(200);
    for (const ended of [second, third])
      expect((await api.call('GET', 'auth/me', { token: ended.accessToken })).status).toBe(401);

    const fresh = (await login('another-long-unusual-password')).json() as {
      accessToken: string;
      refreshToken: string;
    };
    expect((await api.call('POST', 'auth/logoutEverywhere', { token: fresh.accessToken })).status).toBe(204);
    for (const ended of [first, fresh]) {
      expect((await api.call('GET', 'auth/me', { token: ended.accessToken })).status).toBe(401);
      expect((await api.call('POST', 'auth/refresh', { body: { refreshToken: ended.refreshToken } })).status).toBe(401);
    }
  });

  it('slows down guesses of the current password from one address as log-in does, while the owner changes it from elsewhere', async () => {
    const guessed = await signup('guessed@self.example.com', 'guessed-acme');
    const change = (currentPassword: string, from?: string) =>
      api.call('POST', 'auth/password', {
        token: guessed.accessToken,
        from,
        body: { currentPassword, newPassword: 'another-long-unusual-password' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await change(`wrong-guess-number-${i}`, '127.0.0.3')).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 429]);
    expect((await change(PASSWORD, '127.0.0.3')).status).toBe(429);
    expect((await change(PASSWORD)).status).toBe(204);
  });
});
