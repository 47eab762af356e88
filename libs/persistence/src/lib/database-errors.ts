/** Errors that mean PostgreSQL is briefly unreachable (restart, failover), not that the statement is wrong. */
const UNREACHABLE =
  /ECONNREFUSED|ECONNRESET|Connection terminated|terminating connection|database system is (shutting down|starting up|in recovery)|timeout exceeded when trying to connect/i;
const UNREACHABLE_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);

export function isDatabaseUnreachable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return (code !== undefined && UNREACHABLE_CODES.has(code)) || UNREACHABLE.test(message ?? '');
}

/** SQLSTATE classes of the database's own trouble (connection, deadlock and serialization, resources, operator, system), not of a statement's data. */
const INFRASTRUCTURE_CLASSES = new Set(['08', '40', '53', '57', '58', 'XX']);
const REDIS_DOWN = /Connection is closed|max retries per request|Stream isn't writeable|ETIMEDOUT|EAI_AGAIN|ENOTFOUND/i;

/**
 * Errors of the platform (PostgreSQL or Redis unwell), not of the try: a try that meets one is
 * handed back or retried, never failed for it. Data errors (class 22, e.g. a NUL in text) and
 * constraint violations (23) are an item's own.
 */
export function isInfrastructureError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return (
    isDatabaseUnreachable(error) ||
    (typeof code === 'string' && INFRASTRUCTURE_CLASSES.has(code.slice(0, 2))) ||
    REDIS_DOWN.test(message ?? '')
  );
}
