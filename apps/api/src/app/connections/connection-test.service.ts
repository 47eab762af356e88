import { BadRequestException, Injectable } from '@nestjs/common';
import type { ConnectionTestResult } from '@updraft/api-types';
import { egressFetcher, egressHostResolver, EgressPolicy } from '@updraft/egress';
import { OperatorOutcome, runHttpOperator, runSqlOperator } from '@updraft/operators';
import type { TaskConnection } from '@updraft/sdk';
import { Client } from 'pg';

const TEST_TIMEOUT_MS = 10_000;
export const TESTABLE_TYPES = ['http', 'https', 'postgres', 'postgresql'] as const;

/**
 * "Test connection" runs the same operator code a task would (an http GET of the base URL, or
 * `SELECT 1`), through the same egress policy, so a connection that passes here passes in a task.
 */
@Injectable()
export class ConnectionTestService {
  constructor(private readonly egress: EgressPolicy) {}

  async test(connection: TaskConnection): Promise<ConnectionTestResult> {
    if (!(TESTABLE_TYPES as readonly string[]).includes(connection.connType)) {
      throw new BadRequestException({
        message: `only ${TESTABLE_TYPES.join(', ')} connections can be tested, not '${connection.connType}'`,
        details: [{ field: 'connType', problems: [`cannot test '${connection.connType}'`] }],
      });
    }
    const log: string[] = [];
    const io = {
      signal: AbortSignal.timeout(TEST_TIMEOUT_MS + 1_000),
      timeoutMs: TEST_TIMEOUT_MS,
      log: (line: string) => log.push(line),
      connection: async () => connection,
    };
    const started = Date.now();
    const outcome: OperatorOutcome = connection.connType.startsWith('http')
      ? await runHttpOperator(
          {
            url: '',
            method: 'GET',
            headers: {},
            body: null,
            connection: connection.connId,
            expectStatus: null,
            bodyContains: null,
            timeoutMs: TEST_TIMEOUT_MS,
          },
          { ...io, fetch: egressFetcher(this.egress) },
        )
      : await runSqlOperator(
          {
            connection: connection.connId,
            statement: 'SELECT 1',
            parameters: [],
            maxRows: 1,
            timeoutMs: TEST_TIMEOUT_MS,
          },
          {
            ...io,
            taskId: 'connection-test',
            resolveHost: egressHostResolver(this.egress),
            openClient: (options) => new Client(options),
          },
        );
    const ok = outcome.outcome === 'success';
    return {
      ok,
      message: ok ? (log.at(-1) ?? 'connected') : (outcome as { message: string }).message,
      durationMs: Date.now() - started,
    };
  }
}
