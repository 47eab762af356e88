import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { scratchDatabase } from '../testing/scratch-database';
import { AccountRepository } from './account.repository';
import { AuditLogRepository } from './audit-log.repository';
import { OneTimeTokenRepository } from './one-time-token.repository';
import { SessionRepository } from './session.repository';

const hash = () => createHash('sha256').update(randomBytes(32)).digest('hex');
const inAnHour = () => new Date(Date.now() + 3600_000);

describe('sessions, one-time tokens and the audit log against PostgreSQL', () => {
  let db: DataSource;
  let drop: () => Promise<void>;
  let sessions: SessionRepository;
  let tokens: OneTimeTokenRepository;
  let accounts: AccountRepository;
  let userId: string;
  let tenantId: string;

  beforeAll(async () => {
    ({ db, drop } = await scratchDatabase());
    sessions = new SessionRepository(db);
    tokens = new OneTimeTokenRepository(db);
    accounts = new AccountRepository(db);
    const created = await accounts.createTenantWithOwner({
      email: 'owner@example.com',
      passwordHash: 'x',
      tenantSlug: 'acme',
      tenantName: 'Acme',
    });
    [userId, tenantId] = [created.user.id, created.tenant.id];
  });
  afterAll(() => drop());

  it('lets only one of two concurrent refreshes with the same token win; the loser counts as reuse and ends the session', async () => {
    const first = hash();
    const session = await sessions.start({ userId, ip: null, tokenHash: first, expiresAt: inAnHour() });
    const outcomes = await Promise.all([
      sessions.rotate(first, { tokenHash: hash(), expiresAt: inAnHour() }),
      sessions.rotate(first, { tokenHash: hash(), expiresAt: inAnHour() }),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['reused', 'rotated']);
    expect(await sessions.liveUser(userId, session.id)).toBeNull();
  });

  it('refuses an expired refresh token without touching the session', async () => {
    const stale = hash();
    const session = await sessions.start({
      userId,
      ip: '10.0.0.1',
      tokenHash: stale,
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(await sessions.rotate(stale, { tokenHash: hash(), expiresAt: inAnHour() })).toEqual({ kind: 'expired' });
    expect(await sessions.liveUser(userId, session.id)).toEqual({
      id: userId,
      email: 'owner@example.com',
      sessionId: session.id,
    });
  });

  it('keeps a one-time token unused when the change it authorises fails, and spends it once when it succeeds', async () => {
    const tokenHash = hash();
    await tokens.create({
      purpose: 'reset_password',
      tokenHash,
      email: 'owner@example.com',
      userId,
      expiresAt: inAnHour(),
    });
    await expect(
      tokens.consume('reset_password', tokenHash, async (_token, tx) => {
        await accounts.setPassword(userId, 'changed', tx);
        throw new Error('weak password');
      }),
    ).rejects.toThrow('weak password');
    expect((await accounts.findUserById(userId))?.passwordHash).toBe('x');

    expect(await tokens.consume('reset_password', tokenHash, async () => 'ok')).toEqual({ ok: true, value: 'ok' });
    expect(await tokens.consume('reset_password', tokenHash, async () => 'again')).toEqual({
      ok: false,
      reason: 'used',
    });
    expect(await tokens.consume('verify_email', tokenHash, async () => 'other purpose')).toEqual({
      ok: false,
      reason: 'unknown',
    });
  });

  it('appends audit entries and lists them per tenant with filters; the table refuses UPDATE and DELETE', async () => {
    const audit = new AuditLogRepository(db);
    const entry = {
      tenantId,
      actorUserId: userId,
      actorEmail: 'owner@example.com',
      target: {},
      statusCode: 200,
      ip: null,
    };
    await audit.append({ ...entry, action: 'POST /auth/login', outcome: 'success' });
    await audit.append({ ...entry, action: 'POST /auth/login', outcome: 'failure', statusCode: 401 });
    await audit.append({ ...entry, tenantId: null, action: 'POST /auth/login', outcome: 'failure', statusCode: 401 });
    const failures = await audit.list(
      tenantId,
      { actor: 'OWNER@example.com', outcome: 'failure' },
      { limit: 10, offset: 0 },
    );
    expect([failures.total, failures.items[0].statusCode]).toEqual([1, 401]);
    await expect(db.query(`UPDATE audit_log SET outcome = 'success'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_log WHERE tenant_id IS NULL`)).rejects.toThrow(/append-only/);
  });
});
