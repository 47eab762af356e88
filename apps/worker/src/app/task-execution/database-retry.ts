import { isDatabaseUnreachable } from '@updraft/persistence';

/**
 * Runs `write` again while PostgreSQL is unreachable, up to `withinMs`: a try whose outcome is
 * known must not be lost (or reaped as a zombie) because the database restarted meanwhile.
 */
export async function whileDatabaseDown<T>(write: () => Promise<T>, withinMs: number): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (let waitMs = 100; ; waitMs = Math.min(waitMs * 2, 1_000)) {
    try {
      return await write();
    } catch (error) {
      if (!isDatabaseUnreachable(error) || Date.now() + waitMs > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
