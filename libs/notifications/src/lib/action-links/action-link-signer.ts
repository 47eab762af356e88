import { Inject, Injectable } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import type { ActionLinkUse } from '@updraft/persistence';
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * What one action link lets one person (`userId`) do once: `action` (the feature's own name: `approve`,
 * `acknowledge`, ...) on the subject (`subjectKind` names the feature, `subjectId` the subject) of a
 * tenant, until `expiresAt`.
 */
export type ActionLinkGrant = Omit<ActionLinkUse, 'linkId'>;

/** A verified link: the grant and the link's own id (what its single use is recorded under). */
export type ActionLinkClaims = ActionLinkUse;

export type ActionLinkRefusal = 'malformed' | 'forged' | 'expired';

export type VerifiedActionLink = { ok: true; claims: ActionLinkClaims } | { ok: false; reason: ActionLinkRefusal };

/** The path (under /api/v1) a link's confirmation page is served at. */
export const ACTION_LINK_PATH = 'actionLinks';

interface Payload {
  v: 1;
  /** link id */
  l: string;
  t: string;
  k: string;
  s: string;
  u: string;
  a: string;
  /** expiry, epoch seconds */
  e: number;
}

/** The link-signing key, derived from JWT_SECRET for this one purpose (a token of another kind never verifies as a link). */
export function actionLinkKey(jwtSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', jwtSecret, 'updraft', 'updraft action links v1', 32));
}

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** `<payload>.<HMAC-SHA256 of payload>`, both base64url: whatever a link names is signed, nothing is stored until it is used. */
export function signActionLink(
  key: Buffer,
  grant: ActionLinkGrant,
  linkId = randomBytes(16).toString('base64url'),
): string {
  const payload: Payload = {
    v: 1,
    l: linkId,
    t: grant.tenantId,
    k: grant.subjectKind,
    s: grant.subjectId,
    u: grant.userId,
    a: grant.action,
    e: Math.floor(grant.expiresAt.getTime() / 1000),
  };
  const body = b64(JSON.stringify(payload));
  return `${body}.${b64(createHmac('sha256', key).update(body).digest())}`;
}

/** Checks a link's signature and expiry (not whether it was used: that is the repository's, in the transaction that acts). */
export function verifyActionLink(key: Buffer, token: string, now = new Date()): VerifiedActionLink {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 2 || token.length > 2048) return { ok: false, reason: 'malformed' };
  const [body, signature] = parts;
  const expected = createHmac('sha256', key).update(body).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
  let payload: Payload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (payload.v !== 1 || typeof payload.e !== 'number') return { ok: false, reason: 'malformed' };
  const expiresAt = new Date(payload.e * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    claims: {
      linkId: payload.l,
      tenantId: payload.t,
      subjectKind: payload.k,
      subjectId: payload.s,
      userId: payload.u,
      action: payload.a,
      expiresAt,
    },
  };
}

/** Issues action links (the apps that send messages) and verifies them (the api that serves them), with the config's key. */
@Injectable()
export class ActionLinkSigner {
  private readonly key: Buffer;

  constructor(@Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig) {
    this.key = actionLinkKey(config.jwtSecret);
  }

  /** A signed token for the grant. */
  token(grant: ActionLinkGrant): string {
    return signActionLink(this.key, grant);
  }

  /** The link a message carries: the confirmation page of a new token for the grant (PUBLIC_URL). */
  url(grant: ActionLinkGrant): string {
    return `${this.config.publicUrl.replace(/\/$/, '')}/api/v1/${ACTION_LINK_PATH}/${this.token(grant)}`;
  }

  verify(token: string, now = new Date()): VerifiedActionLink {
    return verifyActionLink(this.key, token, now);
  }
}
