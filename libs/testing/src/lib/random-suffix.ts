import { randomBytes } from 'node:crypto';

/** Lower-case, identifier-safe random text: fits Postgres database names and Redis key prefixes. */
export function randomSuffix(bytes = 6): string {
  return randomBytes(bytes).toString('hex');
}
