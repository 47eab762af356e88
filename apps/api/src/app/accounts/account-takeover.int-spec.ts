import { createTestResources, TestResources } from '@updraft/testing';
import { createHmac } from 'node:crypto';
import { InProcessApi, startInProcessApi } from '../../testing/in-process-api';

const PASSWORD = 'long-and-unusual-password-1';
const ATTACKER_PASSWORD = 'attacker-knows-this-password';

/** The token in a mailed link. */
function tokenIn(text: string, path: string): string {
  const match = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in: ${text}`);
  return match[1];
}

function signJwt(payload: Record<string, unknown>, secret: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('account take-over: pre-hijacked sign-ups, password guessing, sign-up floods, tokens without expiry (in-process api)', () => {
  let api: InProcessApi<TestResources>;
  beforeAll(
    async () =>
      (api = await startInProcessApi(await createTestResources(), {
        loginFreeFailuresPerSource: 3,
        loginMaxDelaySeconds: 60,
      })),
    120_000,
  );
  afterAll(() => api?.stop(), 30_000);

  const signup = async (email: string, tenantSlug: string, password = PASSWORD, from?: string) => {
    const reply = await api.call('POST', 'auth/signup', { body: { email, password, tenantSlug }, from });
    expect([reply.status, reply.text]).toEqual([201, expect.any(String)]);
    return reply.json() as { accessToken: string; refreshToken: string; user: { id: string } };
  };
  const login = (email: string, password: string, from?: string) =>
    api.call('POST', 'auth/login', { body: { email, password }, from });

  it("ends a pre-hijacker's session when the address's owner accepts an invitation: the attacker reads nothing of the tenant", async () => {
    const victim = 'victim@example.com';
    const attacker = await signup(victim, 'attackers-own', ATTACKER_PASSWORD);
    const owner = await signup('owner-of-acme@example.com', 'acme-hijack');
    expect(
      (
        await api.call('POST', 'tenants/acme-hijack/invitations', {
          token: owner.accessToken,
          body: { email: victim, role: 'editor' },
        })
      ).status,
    ).toBe(201);
    const token = tokenIn(
      (await api.resources.smtp.waitForMail(victim, /invited to acme-hijack/)).text,
      '/accept-invitation',
    );

    const noPassword = await api.call('POST', 'auth/invitations/accept', { body: { token } });
    expect([noPassword.status, noPassword.json().message]).toEqual([
      400,
      expect.stringMatching(/password is required: the account for victim@example.com never confirmed its address/),
    ]);
    const accepted = await api.call('POST', 'auth/invitations/accept', { body: { token, password: PASSWORD } });
    expect(accepted.status).toBe(200);
    expect(accepted.json()).toMatchObject({
      created: false,
      claimed: true,
      role: 'editor',
      user: { emailVerified: true },
    });

    expect((await api.call('GET', 'tenants/acme-hijack/dags', { token: attacker.accessToken })).status).toBe(401);
    expect((await api.call('GET', 'auth/me', { token: attacker.accessToken })).status).toBe(401);
    expect((await api.call('POST', 'auth/refresh', { body: { refreshToken: attacker.refreshToken } })).status).toBe(
      401,
    );
    expect((await login(victim, ATTACKER_PASSWORD)).status).toBe(401);
    const victimSession = accepted.json().session.accessToken as string;
    expect((await api.call('GET', 'tenants/acme-hijack/dags', { token: victimSession })).status).toBe(200);
    expect((await login(victim, PASSWORD)).status).toBe(200);
  });

  it("counts an address as verified only from the signed-up account's own session, so a stranger's sign-up cannot be confirmed by the mailbox's owner", async () => {
    const hijacked = await signup('mailbox-owner@example.com', 'mailbox-hijack', ATTACKER_PASSWORD);
    const link = tokenIn(
      (await api.resources.smtp.waitForMail('mailbox-owner@example.com', /Confirm your email/)).text,
      '/verify-email',
    );
    const anonymous = await api.call('POST', 'auth/verifyEmail', { body: { token: link } });
    expect(anonymous.status).toBe(401);
    const someoneElse = await signup('someone-else@example.com', 'someone-else');
    const other = await api.call('POST', 'auth/verifyEmail', { token: someoneElse.accessToken, body: { token: link } });
    expect([other.status, other.json().message]).toEqual([
      403,
      expect.stringMatching(/this verification link is for another account/),
    ]);
    const me = await api.call('GET', 'auth/me', { token: hijacked.accessToken });
    expect(me.json().user.emailVerified).toBe(false);

    const own = await api.call('POST', 'auth/verifyEmail', { token: hijacked.accessToken, body: { token: link } });
    expect([own.status, own.json().user.emailVerified]).toEqual([200, true]);
  });

  it('slows a password guesser down per source, doubling its wait, while the owner logs in from elsewhere', async () => {
    await signup('guessed@example.com', 'guessed');
    const attacker = '127.0.0.2';
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await login('guessed@example.com', `wrong-guess-number-${i}`, attacker)).status);
    expect(statuses).toEqual([401, 401, 401, 401, ...Array(8).fill(429)]);
    const waiting = await login('guessed@example.com', PASSWORD, attacker);
    expect([waiting.status, waiting.headers['retry-after'], waiting.json().message]).toEqual([
      429,
      '1',
      'too many failed log-ins for this account from this address; try again in 1 s',
    ]);

    expect((await login('guessed@example.com', PASSWORD, '127.0.0.3')).status).toBe(200);
    expect((await login('guessed@example.com', PASSWORD)).status).toBe(200);

    await sleep(1100);
    expect((await login('guessed@example.com', 'wrong-guess-after-wait', attacker)).status).toBe(401);
    const longer = await login('guessed@example.com', PASSWORD, attacker);
    expect([longer.status, longer.headers['retry-after']]).toEqual([429, '2']);
  });

  it('refuses an access token signed with the real secret but without an expiry, or living longer than configured', async () => {
    const session = await signup('no-expiry@example.com', 'no-expiry');
    const claims = JSON.parse(Buffer.from(session.accessToken.split('.')[1], 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const now = Math.floor(Date.now() / 1000);
    const forever = signJwt({ ...claims, exp: undefined }, api.config.jwtSecret);
    const tooLong = signJwt({ ...claims, exp: now + 365 * 24 * 3600 }, api.config.jwtSecret);
    for (const token of [forever, tooLong]) {
      const reply = await api.call('GET', 'tenants/no-expiry/dags', { token });
      expect([reply.status, reply.json().message]).toEqual([401, 'missing, invalid or expired access token']);
    }
    expect(
      (
        await api.call('GET', 'tenants/no-expiry/dags', {
          token: signJwt({ ...claims, exp: now + 60 }, api.config.jwtSecret),
        })
      ).status,
    ).toBe(200);
  });
});

describe('sign-up throttle (in-process api)', () => {
  let api: InProcessApi<TestResources>;
  beforeAll(
    async () =>
      (api = await startInProcessApi(await createTestResources(), {
        signupMaxPerIpPerHour: 3,
        signupMaxPerHour: 6,
        trustProxy: 'loopback',
      })),
    120_000,
  );
  afterAll(() => api?.stop(), 30_000);

  const signup = (n: number, from: string, forwardedFor?: string) =>
    api.call('POST', 'auth/signup', {
      body: { email: `flood-${n}@example.com`, password: PASSWORD, tenantSlug: `flood-${n}` },
      from,
      forwardedFor,
    });

  it('caps sign-ups per source address (behind a trusted proxy, the X-Forwarded-For one) and on the whole platform, answering 429 with Retry-After', async () => {
    const first = [];
    for (let n = 0; n < 4; n++) first.push(await signup(n, '127.0.0.2'));
    expect(first.map((r) => r.status)).toEqual([201, 201, 201, 429]);
    const refused = first[3];
    expect(refused.json().message).toMatch(/^too many sign-ups from this address; try again in \d+ s$/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3000);

    expect((await signup(5, '127.0.0.2', '203.0.113.7')).status).toBe(201);

    const second = [];
    for (let n = 10; n < 13; n++) second.push(await signup(n, '127.0.0.3'));
    expect(second.map((r) => r.status)).toEqual([201, 201, 429]);
    expect(second[2].json().message).toMatch(
      /^too many sign-ups on the platform in the last hour; try again in \d+ s$/,
    );
    expect(second[2].headers['retry-after']).toMatch(/^\d+$/);
  });
});
