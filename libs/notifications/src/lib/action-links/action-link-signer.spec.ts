import { actionLinkKey, signActionLink, verifyActionLink } from './action-link-signer';

const key = actionLinkKey('a-secret-of-some-length-for-tests');
const grant = {
  tenantId: '11111111-1111-4111-8111-111111111111',
  subjectKind: 'approval',
  subjectId: '22222222-2222-4222-8222-222222222222',
  userId: '33333333-3333-4333-8333-333333333333',
  action: 'approve',
  expiresAt: new Date('2030-01-01T00:00:00Z'),
};

describe('action links', () => {
  it('verifies what it signed, naming the grant and a link id', () => {
    const verified = verifyActionLink(key, signActionLink(key, grant, 'link-1'), new Date('2029-12-31T23:59:59Z'));
    expect(verified).toEqual({ ok: true, claims: { ...grant, linkId: 'link-1' } });
  });

  it('gives each link its own id', () => {
    const one = verifyActionLink(key, signActionLink(key, grant), new Date('2029-01-01T00:00:00Z'));
    const two = verifyActionLink(key, signActionLink(key, grant), new Date('2029-01-01T00:00:00Z'));
    expect(one.ok && two.ok && one.claims.linkId !== two.claims.linkId).toBe(true);
  });

  it('refuses a link whose payload was changed (another tenant, user or action) as forged', () => {
    const token = signActionLink(key, grant);
    const [, signature] = token.split('.');
    for (const change of [
      { tenantId: '44444444-4444-4444-8444-444444444444' },
      { userId: 'x' },
      { action: 'reject' },
    ]) {
      const [body] = signActionLink(key, { ...grant, ...change }).split('.');
      expect(verifyActionLink(key, `${body}.${signature}`, new Date('2029-01-01'))).toEqual({
        ok: false,
        reason: 'forged',
      });
    }
  });

  it('refuses a link signed with another key', () => {
    const other = actionLinkKey('another-secret-of-some-length');
    expect(verifyActionLink(key, signActionLink(other, grant), new Date('2029-01-01'))).toEqual({
      ok: false,
      reason: 'forged',
    });
  });

  it('refuses an expired link, and garbage as malformed', () => {
    expect(verifyActionLink(key, signActionLink(key, grant), new Date('2030-01-01T00:00:00Z'))).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifyActionLink(key, 'not-a-token')).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyActionLink(key, 'a.b.c')).toEqual({ ok: false, reason: 'malformed' });
  });
});
