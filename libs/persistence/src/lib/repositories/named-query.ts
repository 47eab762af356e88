import type { DataSource } from 'typeorm';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/**
 * Runs a statement as a named prepared statement: PostgreSQL parses and plans it once per
 * connection (then keeps a generic plan), where an unnamed one is planned on every call. Only for
 * the statements every try runs, and only those whose result columns are fixed (`RETURNING id`,
 * not `*`), so a migration that adds a column cannot invalidate a connection's statement. Logged
 * like any query, so the query-count budgets see it.
 */
export async function queryNamed<T>(db: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  const runner = db.createQueryRunner() as PostgresQueryRunner;
  try {
    const client = await runner.connect();
    db.logger.logQuery(text, values, runner);
    return (await client.query({ name, text, values })).rows;
  } finally {
    await runner.release();
  }
}
