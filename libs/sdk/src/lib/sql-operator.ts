import { currentDag, Task } from './dag';
import { Duration, parseDuration } from './duration';
import { DagDefinitionError } from './errors';
import { callerLocation } from './source-location';
import { TaskArgs } from './types';

export interface SqlOptions extends TaskArgs {
  /** A connection id of type `postgres` (host, port, login, password, schema = database). */
  connection: string;
  /** One SQL statement, with `$1`, `$2` … placeholders for `parameters`. Templated. */
  statement: string;
  /** Values for the placeholders, sent separately from the statement (never spliced into it). */
  parameters?: unknown[];
  /** At most this many rows become the XCom (default 1,000); more fails the task rather than truncating silently. */
  maxRows?: number;
  /** The statement's time limit on the server (default 60 s). */
  timeout?: Duration;
}

/** The config an sql task stores. */
export interface SqlConfig {
  connection: string;
  statement: string;
  parameters: unknown[];
  maxRows: number;
  timeoutMs: number;
}

/**
 * A task that runs one statement on a tenant's PostgreSQL connection from the worker (no tenant
 * code runs). Its XCom is `{ rowCount, rows }`, rows as JSON objects keyed by column name.
 */
export function sql(taskId: string, options: SqlOptions): Task {
  const { connection, statement, parameters, maxRows, timeout, ...args } = options ?? ({} as SqlOptions);
  const fail = (reason: string) => new DagDefinitionError(currentDag('sql').dagId, taskId, callerLocation(), reason);
  if (typeof connection !== 'string' || connection.length === 0) throw fail('sql needs a connection id');
  if (typeof statement !== 'string' || statement.trim().length === 0) throw fail('sql needs a statement');
  if (parameters !== undefined && !Array.isArray(parameters)) throw fail('parameters must be an array (for $1, $2, …)');
  if (maxRows !== undefined && (!Number.isInteger(maxRows) || maxRows < 1 || maxRows > 100_000))
    throw fail('maxRows must be a whole number from 1 to 100000');
  let timeoutMs: number;
  try {
    timeoutMs = parseDuration(timeout ?? '60s');
  } catch (error) {
    throw fail(`timeout: ${(error as Error).message}`);
  }
  const config: SqlConfig = {
    connection,
    statement,
    parameters: parameters ?? [],
    maxRows: maxRows ?? 1000,
    timeoutMs,
  };
  return currentDag('sql').addTask(taskId, 'sql', { ...config }, args, undefined, ['statement']);
}
