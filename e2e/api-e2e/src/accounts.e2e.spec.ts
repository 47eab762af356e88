import { createHmac } from 'node:crypto';
import { Client } from 'pg';
import type {
  AuditEntry,
  InvitationAccepted,
  LoginResponse,
  MeResponse,
  Page,
  SessionTokens,
  SignupResponse,
} from '@updraft/api-types';
import {
  ApiClient,
  CapturedMail,
  createTestDatabase,
  DEFAULT_REDIS_URL,
  flushRedisPrefix,
  migrateWithBuiltApi,
  SmtpCapture,
  Stack,
  startSmtpCapture,
  startStack,
  TestDatabase,
  uniqueRedisPrefix,
} from '@updraft/testing';

const SUITE = 'api-e2e-accounts';
const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;
const PUBLIC_URL = 'https://updraft.example.test';
const CONSOLE_ORIGIN = 'https://console.example.test';
const PASSWORD = 'e2e-correct-horse-battery';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: { field?: string; problems?: string[]; reason?: string }[];
}

/** Signs an access token with the stack's own secret, to build expired or foreign tokens. */
function signJwt(payload: Record<string, unknown>, secret: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('accounts over HTTP: sessions, mailed tokens, invitations, audit log, hardening', () => {
  let db: TestDatabase | undefined;
  let stack: Stack | undefined;
  let smtp: SmtpCapture | undefined;
  let anonymous: ApiClient;
  const redisPrefix = uniqueRedisPrefix();

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    db = await createTestDatabase({ migrate: (url) => migrateWithBuiltApi(url, SUITE) });
    stack = await startStack({
      databaseUrl: db.url,
      redisPrefix,
      redisUrl,
      suite: SUITE,
      apps: ['api', 'worker'],
      smtpUrl: smtp.url,
      env: { PUBLIC_URL, CORS_ORIGINS: CONSOLE_ORIGIN, LOGIN_MAX_ATTEMPTS_PER_IP: '500', MAX_JSON_BODY_BYTES: '65536' },
    });
    anonymous = new ApiClient(stack.baseUrl);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await smtp?.close();
    await db?.drop();
    await flushRedisPrefix(redisUrl, redisPrefix);
  }, 60_000);

  const signup = (email: string, tenantSlug: string, password = PASSWORD) =>
    anonymous.post<SignupResponse & ErrorBody>('/auth/signup', { json: { email, password, tenantSlug } });
  const login = (email: string, password = PASSWORD) =>
    anonymous.post<LoginResponse & ErrorBody>('/auth/login', { json: { email, password } });
  /** The token in a mailed link, after checking the link points at PUBLIC_URL. */
  const tokenIn = (mail: CapturedMail, path: string) => {
    const link = new RegExp(`${PUBLIC_URL}${path}\\?token=([A-Za-z0-9_-]+)`).exec(mail.text);
    expect(link).not.toBeNull();
    return (link as RegExpExecArray)[1];
  };
  const sql = async <T>(text: string, values: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: (db as TestDatabase).url });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  };

  it('refuses weak passwords, malformed emails and injection-shaped input with a 400 naming the rule, creating nothing', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        { email: 'weak@e2e.updraft.test', password: 'short', tenantSlug: 'weak' },
        /password must be at least 12 characters/,
      ],
      [{ email: 'weak@e2e.updraft.test', password: 'Password2024!', tenantSlug: 'weak' }, /password is too common/],
      [
        { email: 'weak@e2e.updraft.test', password: 'weak@e2e.updraft.test', tenantSlug: 'weak' },
        /password must not be your email address/,
      ],
      [{ email: "x' OR '1'='1", password: PASSWORD, tenantSlug: 'weak' }, /email must be a valid email address/],
      [
        { email: 'weak@e2e.updraft.test', password: PASSWORD, tenantSlug: "weak'; DROP TABLE tenant; --" },
        /tenantSlug must be 3-40 lowercase letters/,
      ],
      [
        { email: 'weak@e2e.updraft.test', password: PASSWORD, tenantSlug: 'weak', role: 'owner' },
        /property role should not exist/,
      ],
    ];
    for (const [body, message] of cases) {
      const response = await anonymous.post<ErrorBody>('/auth/signup', { json: body });
      expect([response.status, response.body.error]).toEqual([400, 'Bad Request']);
      expect(response.body.message).toMatch(message);
      expect(JSON.stringify(response.body)).not.toMatch(/\bat \w+ \(|node_modules/);
    }
    expect(
      await sql(
        `SELECT 1 FROM app_user WHERE email = 'weak@e2e.updraft.test' UNION ALL SELECT 1 FROM tenant WHERE slug = 'weak'`,
      ),
    ).toEqual([]);
    expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM tenant`))[0].n).toBe(0);
  });

  it('refuses a duplicate sign-up with 409 and leaves no half-made account or tenant', async () => {
    expect((await signup('first@e2e.updraft.test', 'first')).status).toBe(201);
    const sameEmail = await signup('FIRST@e2e.updraft.test', 'another');
    expect([sameEmail.status, sameEmail.body.message, sameEmail.body.details]).toEqual([
      409,
      'an account with this email already exists',
      [{ field: 'email' }],
    ]);
    const sameSlug = await signup('second@e2e.updraft.test', 'first');
    expect([sameSlug.status, sameSlug.body.details]).toEqual([409, [{ field: 'tenantSlug' }]]);
    expect(await sql(`SELECT slug FROM tenant WHERE slug = 'another'`)).toEqual([]);
    expect((await login('second@e2e.updraft.test')).status).toBe(401);
  });

  it('verifies the email address through the mailed one-time link', async () => {
    const created = await signup('verify@e2e.updraft.test', 'verify');
    expect([created.status, created.body.user.emailVerified]).toEqual([201, false]);
    const mail = await (smtp as SmtpCapture).waitForMail('verify@e2e.updraft.test', /Confirm your email/);
    const token = tokenIn(mail, '/verify-email');
    expect(await sql(`SELECT 1 FROM one_time_token WHERE token_hash = $1`, [token])).toEqual([]);

    expect((await anonymous.post('/auth/verifyEmail', { json: { token } })).status).toBe(401);
    const account = anonymous.withToken(created.body.accessToken);
    const verified = await account.post<{ user: { emailVerified: boolean } }>('/auth/verifyEmail', { json: { token } });
    expect([verified.status, verified.body.user.emailVerified]).toEqual([200, true]);
    const me = await anonymous.get<MeResponse>('/auth/me', { token: created.body.accessToken });
    expect(me.body.user.emailVerified).toBe(true);
    const again = await account.post<ErrorBody>('/auth/verifyEmail', { json: { token } });
    expect([again.status, again.body.message]).toEqual([410, 'this verification link was already used']);
    const forged = await account.post<ErrorBody>('/auth/verifyEmail', { json: { token: `${token.slice(0, -2)}xx` } });
    expect([forged.status, forged.body.message]).toEqual([400, 'this verification link is not valid']);
  });

  it('rotates refresh tokens, and a reused refresh token revokes the whole session', async () => {
    await signup('rotate@e2e.updraft.test', 'rotate');
    const first = (await login('rotate@e2e.updraft.test')).body;
    expect(first.expiresIn).toBeGreaterThan(0);
    const second = await anonymous.post<SessionTokens>('/auth/refresh', { json: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await anonymous.get('/auth/me', { token: second.body.accessToken })).status).toBe(200);

    const replay = await anonymous.post<ErrorBody>('/auth/refresh', { json: { refreshToken: first.refreshToken } });
    expect(replay.status).toBe(401);
    expect(replay.body.message).toMatch(/already used: the session is revoked/);
    expect((await anonymous.post('/auth/refresh', { json: { refreshToken: second.body.refreshToken } })).status).toBe(
      401,
    );
    expect((await anonymous.get('/auth/me', { token: second.body.accessToken })).status).toBe(401);
    expect((await anonymous.get('/auth/me', { token: first.accessToken })).status).toBe(401);

    const otherSession = (await login('rotate@e2e.updraft.test')).body;
    expect((await anonymous.get('/auth/me', { token: otherSession.accessToken })).status).toBe(200);
  });

  it('logs out: the refresh token and the access tokens of that session stop working, other sessions stay', async () => {
    await signup('logout@e2e.updraft.test', 'logout');
    const [a, b] = [(await login('logout@e2e.updraft.test')).body, (await login('logout@e2e.updraft.test')).body];
    expect((await anonymous.post('/auth/logout', { json: { refreshToken: a.refreshToken } })).status).toBe(204);
    expect((await anonymous.post('/auth/refresh', { json: { refreshToken: a.refreshToken } })).status).toBe(401);
    const after = await anonymous.get<ErrorBody>('/auth/me', { token: a.accessToken });
    expect([after.status, after.body.message]).toEqual([401, 'missing, invalid or expired access token']);
    expect((await anonymous.get('/auth/me', { token: b.accessToken })).status).toBe(200);
    expect(
      (await anonymous.post('/auth/logout', { json: { refreshToken: 'not-a-token-we-ever-issued' } })).status,
    ).toBe(401);
  });

  it('refuses expired, tampered and foreign access tokens with 401', async () => {
    const session = (await signup('tokens@e2e.updraft.test', 'tokens')).body;
    const [, payload] = session.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const secret = (stack as Stack).env['JWT_SECRET'];
    const now = Math.floor(Date.now() / 1000);
    const tokens = {
      expired: signJwt({ ...claims, iat: now - 7200, exp: now - 3600 }, secret),
      tampered: session.accessToken.replace(
        `.${payload}.`,
        `.${Buffer.from(JSON.stringify({ ...claims, sub: '00000000-0000-0000-0000-000000000000' })).toString('base64url')}.`,
      ),
      foreign: signJwt({ ...claims, exp: now + 600 }, 'some-other-secret'),
      noSession: signJwt({ sub: claims['sub'], email: claims['email'], typ: 'access', exp: now + 600 }, secret),
      noExpiry: signJwt({ ...claims, exp: undefined }, secret),
    };
    for (const [kind, token] of Object.entries(tokens)) {
      const response = await anonymous.get<ErrorBody>('/tenants/tokens/dags', { token });
      expect([kind, response.status, response.body.message]).toEqual([
        kind,
        401,
        'missing, invalid or expired access token',
      ]);
    }
    expect((await anonymous.get('/tenants/tokens/dags', { token: session.accessToken })).status).toBe(200);
  });

  it('resets a password by mailed link: a weak new password is refused without spending the link; old sessions end', async () => {
    const before = (await signup('reset@e2e.updraft.test', 'reset')).body;
    const unknown = await anonymous.post<{ message: string }>('/auth/passwordReset', {
      json: { email: 'nobody@e2e.updraft.test' },
    });
    const known = await anonymous.post<{ message: string }>('/auth/passwordReset', {
      json: { email: 'reset@e2e.updraft.test' },
    });
    expect([unknown.status, known.status, unknown.body]).toEqual([202, 202, known.body]);
    const token = tokenIn(
      await (smtp as SmtpCapture).waitForMail('reset@e2e.updraft.test', /Reset your Updraft password/),
      '/reset-password',
    );

    const weak = await anonymous.post<ErrorBody>('/auth/passwordReset/confirm', {
      json: { token, password: 'qwertyuiop123' },
    });
    expect([weak.status, weak.body.details]).toEqual([
      400,
      [
        {
          field: 'password',
          problems: ['password is too common: it is on the list of common passwords; choose another'],
        },
      ],
    ]);
    const done = await anonymous.post('/auth/passwordReset/confirm', {
      json: { token, password: 'a-brand-new-kestrel-password' },
    });
    expect(done.status).toBe(200);
    expect(
      (await anonymous.post('/auth/passwordReset/confirm', { json: { token, password: 'yet-another-kestrel-pass' } }))
        .status,
    ).toBe(410);

    expect((await anonymous.get('/auth/me', { token: before.accessToken })).status).toBe(401);
    expect((await anonymous.post('/auth/refresh', { json: { refreshToken: before.refreshToken } })).status).toBe(401);
    expect((await login('reset@e2e.updraft.test')).status).toBe(401);
    expect((await login('reset@e2e.updraft.test', 'a-brand-new-kestrel-password')).status).toBe(200);
  });

  describe('invitations, several tenants, audit log', () => {
    let owner: ApiClient;
    const tenant = 'acme';

    beforeAll(async () => {
      owner = anonymous.withToken((await signup('owner@e2e.updraft.test', tenant)).body.accessToken);
    });

    const invite = async (email: string, role: string) => {
      const response = await owner.post(`/tenants/${tenant}/invitations`, { json: { email, role } });
      expect(response.status).toBe(201);
      return tokenIn(await (smtp as SmtpCapture).waitForMail(email, /invited to acme/), '/accept-invitation');
    };

    it('creates the account of a new address on acceptance (password required), and adds an existing account to a second tenant', async () => {
      const token = await invite('newbie@e2e.updraft.test', 'editor');
      const noPassword = await anonymous.post<ErrorBody>('/auth/invitations/accept', { json: { token } });
      expect([noPassword.status, noPassword.body.message]).toEqual([
        400,
        'password is required: there is no account for newbie@e2e.updraft.test yet',
      ]);
      const accepted = await anonymous.post<InvitationAccepted>('/auth/invitations/accept', {
        json: { token, password: PASSWORD },
      });
      expect(accepted.status).toBe(200);
      expect([
        accepted.body.created,
        accepted.body.role,
        accepted.body.tenant.slug,
        accepted.body.user.emailVerified,
      ]).toEqual([true, 'editor', tenant, true]);
      const newbie = anonymous.withToken((accepted.body.session as SessionTokens).accessToken);
      expect((await newbie.get(`/tenants/${tenant}/dags`)).status).toBe(200);
      expect((await anonymous.post('/auth/invitations/accept', { json: { token, password: PASSWORD } })).status).toBe(
        410,
      );

      const other = (await signup('multi@e2e.updraft.test', 'multi')).body;
      const verifyLink = tokenIn(
        await (smtp as SmtpCapture).waitForMail('multi@e2e.updraft.test', /Confirm your email/),
        '/verify-email',
      );
      expect(
        (await anonymous.post('/auth/verifyEmail', { json: { token: verifyLink }, token: other.accessToken })).status,
      ).toBe(200);
      const second = await invite('multi@e2e.updraft.test', 'viewer');
      const joined = await anonymous.post<InvitationAccepted>('/auth/invitations/accept', { json: { token: second } });
      expect([
        joined.status,
        joined.body.created,
        joined.body.claimed,
        joined.body.alreadyMember,
        joined.body.session,
      ]).toEqual([200, false, false, false, undefined]);
      const me = await anonymous.get<MeResponse>('/auth/me', { token: other.accessToken });
      expect(me.body.tenants).toEqual([
        { slug: 'acme', name: 'acme', role: 'viewer' },
        { slug: 'multi', name: 'multi', role: 'owner' },
      ]);
      const multi = anonymous.withToken(other.accessToken);
      expect((await multi.get(`/tenants/acme/dags`)).status).toBe(200);
      expect((await multi.get(`/tenants/multi/dags`)).status).toBe(200);
      const refused = await multi.post<ErrorBody>(`/tenants/acme/invitations`, {
        json: { email: 'x@e2e.updraft.test', role: 'viewer' },
      });
      expect([refused.status, refused.body.message]).toEqual([
        403,
        "your role 'viewer' does not grant 'members:manage'",
      ]);
      expect((await multi.get(`/tenants/acme/auditLog`)).status).toBe(403);
    });

    it('turns away a removed member at once, however fresh their token', async () => {
      const token = await invite('leaver@e2e.updraft.test', 'editor');
      const leaver = (
        await anonymous.post<InvitationAccepted>('/auth/invitations/accept', { json: { token, password: PASSWORD } })
      ).body;
      const client = anonymous.withToken((leaver.session as SessionTokens).accessToken);
      expect((await client.get(`/tenants/${tenant}/dags`)).status).toBe(200);
      expect((await owner.request('DELETE', `/tenants/${tenant}/members/${leaver.user.id}`)).status).toBe(204);
      const after = await client.get<ErrorBody>(`/tenants/${tenant}/dags`);
      expect([after.status, after.body.message]).toEqual([404, "tenant 'acme' not found"]);
      const again = await owner.request<ErrorBody>('DELETE', `/tenants/${tenant}/members/${leaver.user.id}`);
      expect([again.status, again.body.message]).toEqual([404, 'that user is not a member of this tenant']);
    });

    it('lists members and changes roles, never leaving the tenant without an owner, and lets only owners touch owners', async () => {
      const token = await invite('second-admin@e2e.updraft.test', 'admin');
      const admin = (
        await anonymous.post<InvitationAccepted>('/auth/invitations/accept', { json: { token, password: PASSWORD } })
      ).body;
      const adminClient = anonymous.withToken((admin.session as SessionTokens).accessToken);
      const members = await adminClient.get<{ items: { userId: string; email: string; role: string }[] }>(
        `/tenants/${tenant}/members`,
      );
      const ownerId = members.body.items.find((m) => m.email === 'owner@e2e.updraft.test')?.userId as string;
      expect(members.body.items.find((m) => m.userId === admin.user.id)).toMatchObject({
        email: 'second-admin@e2e.updraft.test',
        role: 'admin',
      });

      const byAdmin = await adminClient.patch<ErrorBody>(`/tenants/${tenant}/members/${ownerId}`, {
        json: { role: 'viewer' },
      });
      expect([byAdmin.status, byAdmin.body.message]).toEqual([
        403,
        'only an owner can make, change or remove an owner',
      ]);
      expect(
        (await adminClient.patch(`/tenants/${tenant}/members/${admin.user.id}`, { json: { role: 'owner' } })).status,
      ).toBe(403);
      const badRole = await owner.patch<ErrorBody>(`/tenants/${tenant}/members/${admin.user.id}`, {
        json: { role: 'emperor' },
      });
      expect([badRole.status, badRole.body.message]).toEqual([
        400,
        expect.stringContaining('role must be one of owner, admin, editor, viewer, member'),
      ]);

      const lastOwner = await owner.patch<ErrorBody>(`/tenants/${tenant}/members/${ownerId}`, {
        json: { role: 'admin' },
      });
      expect([lastOwner.status, lastOwner.body.message]).toEqual([
        409,
        'the tenant would have no owner left: make another member owner first',
      ]);
      expect((await owner.request('DELETE', `/tenants/${tenant}/members/${ownerId}`)).status).toBe(409);

      const promoted = await owner.patch<{ role: string }>(`/tenants/${tenant}/members/${admin.user.id}`, {
        json: { role: 'owner' },
      });
      expect([promoted.status, promoted.body.role]).toEqual([200, 'owner']);
      expect(
        (await adminClient.patch(`/tenants/${tenant}/members/${admin.user.id}`, { json: { role: 'editor' } })).status,
      ).toBe(200);
      const roles = await sql<{ role: string }>(
        `SELECT m.role FROM membership m JOIN tenant t ON t.id = m.tenant_id WHERE t.slug = $1 AND m.user_id = $2`,
        [tenant, admin.user.id],
      );
      expect(roles).toEqual([{ role: 'editor' }]);
    });

    it('records log-ins (failed or not) and mutating requests, readable by owners with filters and pages', async () => {
      expect((await login('owner@e2e.updraft.test', 'not-the-password-at-all')).status).toBe(401);
      expect((await login('owner@e2e.updraft.test')).status).toBe(200);
      const logins = await owner.get<Page<AuditEntry>>(`/tenants/${tenant}/auditLog`, {
        query: { action: 'POST /auth/login' },
      });
      expect(logins.status).toBe(200);
      expect(logins.body.items.map((e) => [e.actor.email, e.outcome, e.statusCode])).toEqual([
        ['owner@e2e.updraft.test', 'success', 200],
        ['owner@e2e.updraft.test', 'failure', 401],
      ]);
      expect(logins.body.items[0].ip).toMatch(/127\.0\.0\.1/);

      const invites = await owner.get<Page<AuditEntry>>(`/tenants/${tenant}/auditLog`, {
        query: { action: 'POST /tenants/:tenant/invitations', outcome: 'success' },
      });
      expect(invites.body.total).toBe(4);
      expect(invites.body.items.every((e) => e.actor.email === 'owner@e2e.updraft.test')).toBe(true);
      const denied = await owner.get<Page<AuditEntry>>(`/tenants/${tenant}/auditLog`, {
        query: { actor: 'multi@e2e.updraft.test', outcome: 'failure' },
      });
      expect(denied.body.items.map((e) => [e.action, e.statusCode])).toEqual([
        ['POST /tenants/:tenant/invitations', 403],
      ]);
      const joined = await owner.get<Page<AuditEntry>>(`/tenants/${tenant}/auditLog`, {
        query: { action: 'POST /auth/invitations/accept', outcome: 'success' },
      });
      expect(joined.body.items.map((e) => e.actor.email).sort()).toEqual([
        'leaver@e2e.updraft.test',
        'multi@e2e.updraft.test',
        'newbie@e2e.updraft.test',
        'second-admin@e2e.updraft.test',
      ]);

      const paged = await owner.get<Page<AuditEntry>>(`/tenants/${tenant}/auditLog`, {
        query: { limit: 2, offset: 1 },
      });
      const all = await owner.get<Page<AuditEntry>>(`/tenants/${tenant}/auditLog`, { query: { limit: 500 } });
      expect(paged.body.items.map((e) => e.id)).toEqual(all.body.items.slice(1, 3).map((e) => e.id));
      const future = await owner.get<Page<AuditEntry>>(`/tenants/${tenant}/auditLog`, {
        query: { from: new Date(Date.now() + 3600_000).toISOString() },
      });
      expect(future.body.total).toBe(0);
      expect(
        (await owner.get<ErrorBody>(`/tenants/${tenant}/auditLog`, { query: { outcome: 'maybe' } })).body.message,
      ).toBe('outcome must be one of success, failure, error');

      const outsider = (await signup('outsider@e2e.updraft.test', 'outsider')).body;
      expect((await anonymous.get(`/tenants/${tenant}/auditLog`, { token: outsider.accessToken })).status).toBe(404);
      const outsiderLog = await anonymous.get<Page<AuditEntry>>(`/tenants/outsider/auditLog`, {
        token: outsider.accessToken,
      });
      expect(outsiderLog.body.items.some((e) => e.actor.email !== 'outsider@e2e.updraft.test')).toBe(false);
    });

    it('keeps the audit log append-only in the database itself', async () => {
      await expect(sql(`UPDATE audit_log SET outcome = 'success'`)).rejects.toThrow(
        /audit_log is append-only \(UPDATE refused\)/,
      );
      await expect(sql(`DELETE FROM audit_log`)).rejects.toThrow(/audit_log is append-only \(DELETE refused\)/);
      await expect(sql(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    });
  });

  it('answers oversized and malformed bodies with a clear 4xx, sends security headers and allows only configured CORS origins', async () => {
    const big = await anonymous.post<ErrorBody>('/auth/login', {
      json: { email: 'big@e2e.updraft.test', password: 'x'.repeat(70_000) },
    });
    expect([big.status, big.body.message]).toEqual([413, 'request body too large']);
    const response = await fetch(`${(stack as Stack).baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": ',
    });
    expect([response.status, ((await response.json()) as ErrorBody).message]).toEqual([
      400,
      'request body is not valid JSON',
    ]);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(response.headers.get('x-powered-by')).toBeNull();

    const preflight = (origin: string) =>
      fetch(`${(stack as Stack).baseUrl}/api/v1/auth/login`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    expect((await preflight(CONSOLE_ORIGIN)).headers.get('access-control-allow-origin')).toBe(CONSOLE_ORIGIN);
    expect((await preflight('https://evil.example.test')).headers.get('access-control-allow-origin')).toBeNull();
  });
});
