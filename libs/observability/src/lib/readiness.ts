import type { DataSource } from 'typeorm';

/** Something that answers PING: a Bull queue's Redis client. */
export interface Pingable {
  ping(): Promise<unknown>;
}

/** Why PostgreSQL is not ready (unreachable, or migrations this build needs not yet applied), or null. */
export async function databaseNotReady(db: DataSource): Promise<string | null> {
  let applied: { name: string }[];
  try {
    applied = await db.query('SELECT name FROM typeorm_migrations');
  } catch (error) {
    return `PostgreSQL: ${(error as Error).message}`;
  }
  const names = new Set(applied.map((row) => row.name));
  // Migrations newer than this build are fine: during a rollout the old version runs on the new schema.
  const missing = db.migrations.map((migration) => migration.name).filter((name) => name && !names.has(name));
  return missing.length > 0 ? `PostgreSQL: ${missing.length} migration(s) not applied (${missing[0]}…)` : null;
}

export async function redisNotReady(redis: Pingable, timeoutMs = 2_000): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return null;
  } catch (error) {
    return `Redis: ${(error as Error).message}`;
  } finally {
    clearTimeout(timer);
  }
}

/** Null when PostgreSQL, Redis and the migrations are ready, else every reason, joined. */
export async function platformNotReady(db: DataSource, redis: Pingable): Promise<string | null> {
  const reasons = (await Promise.all([databaseNotReady(db), redisNotReady(redis)])).filter(Boolean);
  return reasons.length > 0 ? reasons.join('; ') : null;
}
