import { DEFAULT_REDIS_URL, flushRedisPrefix, uniqueRedisPrefix } from './redis-prefix';
import { SmtpCapture, startSmtpCapture } from './smtp-capture';
import { createTestDatabase } from './test-database';

/** What one suite needs of its own to run an app in-process: a database, a Redis prefix and an SMTP capture. */
export interface TestResources {
  settings: { databaseUrl: string; redisUrl: string; redisPrefix: string; smtpUrl: string };
  smtp: SmtpCapture;
  /** Drops the database, flushes the prefix and closes the SMTP capture. */
  release(): Promise<void>;
}

export async function createTestResources(
  redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL,
): Promise<TestResources> {
  const [database, smtp] = await Promise.all([createTestDatabase(), startSmtpCapture()]);
  const redisPrefix = uniqueRedisPrefix();
  return {
    settings: { databaseUrl: database.url, redisUrl, redisPrefix, smtpUrl: smtp.url },
    smtp,
    release: async () => {
      await smtp.close();
      await database.drop();
      await flushRedisPrefix(redisUrl, redisPrefix);
    },
  };
}
