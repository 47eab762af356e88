import type { SqlConfig, TaskConnection } from '@updraft/sdk';
import { DestinationRefusedError, type OperatorIo, type OperatorOutcome } from './outcome';

/** The options given to `new pg.Client(…)`. */
export interface SqlClientOptions {
  host: string;
  port: number;
  user?: string;
  password?: string;
  database?: string;
  connectionTimeoutMillis: number;
  statement_timeout: number;
  application_name: string;
}

/** The slice of a `pg` Client the operator uses. */
export interface SqlClient {
  connect(): Promise<unknown>;
  query(query: {
    text: string;
    values: unknown[];
  }): Promise<{ rows?: Record<string, unknown>[]; rowCount: number | null; command?: string }>;
  end(): Promise<unknown>;
}

export interface SqlOperatorIo extends OperatorIo {
  taskId: string;
  /** The connection the task names; null when it is not defined. */
  connection: (connId: string) => Promise<TaskConnection | null>;
  /** The address to connect to for a host; throws DestinationRefusedError when it may not be reached. */
  resolveHost: (host: string) => Promise<string>;
  openClient: (options: SqlClientOptions) => SqlClient;
}

/** The `sql` operator: one statement on a PostgreSQL connection (no tenant code runs); its XCom is `{ rowCount, rows }`. */
export async function runSqlOperator(config: SqlConfig, io: SqlOperatorIo): Promise<OperatorOutcome> {
  const connection = await io.connection(config.connection);
  if (!connection) return { outcome: 'fail', message: `connection '${config.connection}' is not defined` };
  if (!['postgres', 'postgresql'].includes(connection.connType))
    return {
      outcome: 'fail',
      message: `connection '${config.connection}' is of type '${connection.connType}'; sql needs a postgres connection`,
    };
  if (!connection.host) return { outcome: 'fail', message: `connection '${config.connection}' has no host` };
  const host = connection.host.toLowerCase();
  let address: string;
  try {
    // Connect to the address that was checked, so the name cannot re-resolve elsewhere in between.
    address = await io.resolveHost(host);
  } catch (error) {
    const reason = error instanceof DestinationRefusedError ? error.message : `'${host}' does not resolve`;
    return { outcome: 'fail', message: `connection '${config.connection}' refused: ${reason}` };
  }
  const limitMs = Math.min(config.timeoutMs, io.timeoutMs);
  const port = connection.port ?? 5432;
  const client = io.openClient({
    host: address,
    port,
    user: connection.login ?? undefined,
    password: connection.password ?? undefined,
    database: connection.schema ?? undefined,
    connectionTimeoutMillis: Math.min(limitMs, 15_000),
    statement_timeout: limitMs,
    application_name: `updraft ${io.taskId}`,
  });
  const onAbort = () => void client.end().catch(() => undefined);
  io.signal.addEventListener('abort', onAbort, { once: true });
  io.log(`sql on ${config.connection} (${host}:${port}/${connection.schema ?? ''})`);
  try {
    await client.connect();
    const result = await client.query({ text: config.statement, values: config.parameters });
    const rows = result.rows ?? [];
    io.log(`${result.command ?? 'statement'}: ${result.rowCount ?? rows.length} row(s)`);
    if (rows.length > config.maxRows)
      return { outcome: 'fail', message: `the statement returned ${rows.length} rows; maxRows is ${config.maxRows}` };
    // Whoever runs the operator refuses an XCom over its size limit with a clear error, as for any operator.
    return { outcome: 'success', valueJson: JSON.stringify({ rowCount: result.rowCount ?? rows.length, rows }) };
  } catch (error) {
    if (io.signal.aborted) return { outcome: 'error', message: 'cancelled; the connection was closed' };
    const pgError = error as Error & { code?: string; position?: string };
    const where = pgError.position ? ` at character ${pgError.position}` : '';
    // Connection trouble may pass; a statement the server refuses will not.
    const transient =
      !pgError.code || pgError.code.startsWith('08') || pgError.code === '57P01' || pgError.code === '53300';
    return {
      outcome: transient ? 'error' : 'fail',
      message: `sql on ${config.connection} failed${pgError.code ? ` (${pgError.code})` : ''}${where}: ${pgError.message}`,
    };
  } finally {
    io.signal.removeEventListener('abort', onAbort);
    await client.end().catch(() => undefined);
  }
}
