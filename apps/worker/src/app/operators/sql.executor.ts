import { Injectable } from '@nestjs/common';
import { EgressDeniedError, EgressPolicy } from '@updraft/egress';
import type { TaskOutcome } from '@updraft/sandbox';
import type { SqlConfig } from '@updraft/sdk';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Client } from 'pg';
import type { OperatorExecutor, TryContext } from './operator-executor';
import { PlatformCalls } from './platform-calls.service';

/** The `sql` operator: one statement on a tenant's PostgreSQL connection, made by the worker (no tenant code runs). */
@Injectable()
export class SqlExecutor implements OperatorExecutor {
  readonly operators = ['sql'] as const;

  constructor(private readonly platform: PlatformCalls, private readonly egress: EgressPolicy) {}

  async execute({ ti, task, sink, signal, timeoutMs }: TryContext): Promise<TaskOutcome> {
    const config = task.config as unknown as SqlConfig;
    const connection = await this.platform.connection(ti.tenantId, config.connection, sink);
    if (!connection) return { outcome: 'fail', message: `connection '${config.connection}' is not defined` };
    if (!['postgres', 'postgresql'].includes(connection.connType)) return { outcome: 'fail', message: `connection '${config.connection}' is of type '${connection.connType}'; sql needs a postgres connection` };
    if (!connection.host) return { outcome: 'fail', message: `connection '${config.connection}' has no host` };
    const host = connection.host.toLowerCase();
    let address: string;
    try {
      // Connect to the address that was checked, so the name cannot re-resolve elsewhere in between.
      address = isIP(host) ? host : (await lookup(host)).address;
      await this.egress.checkAddresses(host, [address]);
    } catch (error) {
      const reason = error instanceof EgressDeniedError ? error.message : `'${host}' does not resolve`;
      return { outcome: 'fail', message: `connection '${config.connection}' refused: ${reason}` };
    }
    const limitMs = Math.min(config.timeoutMs, timeoutMs);
    const client = new Client({
      host: address, port: connection.port ?? 5432, user: connection.login ?? undefined, password: connection.password ?? undefined,
      database: connection.schema ?? undefined, connectionTimeoutMillis: Math.min(limitMs, 15_000), statement_timeout: limitMs,
      application_name: `updraft ${task.taskId}`,
    });
    const onAbort = () => void client.end().catch(() => undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    sink.write('system', `sql on ${config.connection} (${host}:${connection.port ?? 5432}/${connection.schema ?? ''})`);
    try {
      await client.connect();
      const result = await client.query({ text: config.statement, values: config.parameters });
      const rows = result.rows ?? [];
      sink.write('system', `${result.command ?? 'statement'}: ${result.rowCount ?? rows.length} row(s)`);
      if (rows.length > config.maxRows) return { outcome: 'fail', message: `the statement returned ${rows.length} rows; maxRows is ${config.maxRows}` };
      // The task runner refuses an XCom over its size limit with a clear error, as for any operator.
      return { outcome: 'success', valueJson: JSON.stringify({ rowCount: result.rowCount ?? rows.length, rows }) };
    } catch (error) {
      if (signal.aborted) return { outcome: 'error', message: 'cancelled; the connection was closed' };
      const pgError = error as Error & { code?: string; position?: string };
      const where = pgError.position ? ` at character ${pgError.position}` : '';
      // Connection trouble may pass; a statement the server refuses will not.
      const transient = !pgError.code || pgError.code.startsWith('08') || pgError.code === '57P01' || pgError.code === '53300';
      return { outcome: transient ? 'error' : 'fail', message: `sql on ${config.connection} failed${pgError.code ? ` (${pgError.code})` : ''}${where}: ${pgError.message}` };
    } finally {
      signal.removeEventListener('abort', onAbort);
      await client.end().catch(() => undefined);
    }
  }
}
