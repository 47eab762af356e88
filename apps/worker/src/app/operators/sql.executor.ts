import { Injectable } from '@nestjs/common';
import { EgressPolicy, egressHostResolver } from '@updraft/egress';
import { runSqlOperator } from '@updraft/operators';
import type { TaskOutcome } from '@updraft/sandbox';
import type { SqlConfig } from '@updraft/sdk';
import { Client } from 'pg';
import type { OperatorExecutor, TryContext } from './operator-executor';
import { PlatformCalls } from './platform-calls.service';

/** The `sql` operator: one statement on a tenant's PostgreSQL connection, made by the worker (no tenant code runs). */
@Injectable()
export class SqlExecutor implements OperatorExecutor {
  readonly operators = ['sql'] as const;

  constructor(
    private readonly platform: PlatformCalls,
    private readonly egress: EgressPolicy,
  ) {}

  execute({ ti, task, sink, signal, timeoutMs }: TryContext): Promise<TaskOutcome> {
    return runSqlOperator(task.config as unknown as SqlConfig, {
      signal,
      timeoutMs,
      taskId: task.taskId,
      log: (line) => sink.write('system', line),
      connection: (connId) => this.platform.connection(ti.tenantId, connId, sink),
      resolveHost: egressHostResolver(this.egress),
      openClient: (options) => new Client(options),
    });
  }
}
