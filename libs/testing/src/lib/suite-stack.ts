import { migrateWithBuiltApi } from './migrate-with-built-api';
import { DEFAULT_REDIS_URL, flushRedisPrefix, uniqueRedisPrefix } from './redis-prefix';
import { Stack, startStack, StartStackOptions } from './start-stack';
import { createTestDatabase } from './test-database';

export interface SuiteStack extends Stack {
  databaseUrl: string;
  /** Stops the apps, drops the database and flushes the Redis prefix. */
  release(): Promise<void>;
}

/** An e2e suite's own database (migrated by the built api) and Redis prefix, with the apps started on them as processes. */
export async function startSuiteStack(
  suite: string,
  options: Omit<StartStackOptions, 'databaseUrl' | 'redisPrefix' | 'suite'> = {},
): Promise<SuiteStack> {
  const redisUrl = options.redisUrl ?? process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;
  const redisPrefix = uniqueRedisPrefix();
  const db = await createTestDatabase({ migrate: (url) => migrateWithBuiltApi(url, suite) });
  const stack = await startStack({ ...options, databaseUrl: db.url, redisPrefix, redisUrl, suite }).catch(
    async (error: unknown) => {
      await db.drop();
      throw error;
    },
  );
  return {
    ...stack,
    databaseUrl: db.url,
    release: async () => {
      await stack.stop();
      await db.drop();
      await flushRedisPrefix(redisUrl, redisPrefix);
    },
  };
}
