/** Errors that mean PostgreSQL is briefly unreachable (restart, failover), not that the statement is wrong. */
const UNREACHABLE = /ECONNREFUSED|ECONNRESET|Connection terminated|terminating connection|database system is (shutting down|starting up|in recovery)|timeout exceeded when trying to connect/i;
const UNREACHABLE_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);

export function isDatabaseUnreachable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return (code !== undefined && UNREACHABLE_CODES.has(code)) || UNREACHABLE.test(message ?? '');
}

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
