import Redis from 'ioredis';
import { randomSuffix } from './random-suffix';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** A Bull key prefix no other suite or run uses. */
export function uniqueRedisPrefix(): string {
  return `updraft_test_${randomSuffix()}`;
}

/** Deletes every key under `prefix:` with SCAN (never KEYS), leaving other prefixes alone. Returns how many went. */
export async function flushRedisPrefix(redisUrl: string, prefix: string): Promise<number> {
  if (!prefix || /[*?[\]]/.test(prefix)) throw new Error(`Refusing to flush the unsafe prefix "${prefix}"`);
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
