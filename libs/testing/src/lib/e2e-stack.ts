import { migrateWithBuiltApi } from './migrate-with-built-api';
import { DEFAULT_REDIS_URL, flushRedisPrefix, uniqueRedisPrefix } from './redis-prefix';
import { Stack, startStack } from './start-stack';
import { createTestDatabase } from './test-database';

export interface E2eStack {
  stack: Stack;
  /** Stops the apps, drops the database and empties the suite's Redis prefix. */
  tearDown(): Promise<void>;
}

/** An e2e suite's own platform: a migrated database, a Redis prefix and the apps as processes. */
export async function startE2eStack(suite: string, env: Record<string, string> = {}): Promise<E2eStack> {
  const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;
  const redisPrefix = uniqueRedisPrefix();
  const db = await createTestDatabase({ migrate: (url) => migrateWithBuiltApi(url, suite) });
  const stack = await startStack({ databaseUrl: db.url, redisPrefix, redisUrl, suite, env }).catch(async (error) => {
    await db.drop();
    throw error;
  });
  return {
    stack,
    tearDown: async () => {
      await stack.stop();
      await db.drop();
      await flushRedisPrefix(redisUrl, redisPrefix);
    },
  };
}
