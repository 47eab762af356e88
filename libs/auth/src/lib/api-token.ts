import { createHash, randomBytes } from 'node:crypto';

/** Every API token starts with this, so the guard (and secret scanners) can tell it from a JWT. */
export const API_TOKEN_PREFIX = 'updraft_pat_';

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new token (256 random bits), the hash stored in its place, and a hint to recognise it by in lists. */
export function newApiToken(): { token: string; hash: string; hint: string } {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashApiToken(token), hint: `${token.slice(0, API_TOKEN_PREFIX.length + 4)}…` };
}
