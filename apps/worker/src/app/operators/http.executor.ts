import { Injectable } from '@nestjs/common';
import { EgressPolicy, egressFetcher } from '@updraft/egress';
import { runHttpOperator } from '@updraft/operators';
import type { TaskOutcome } from '@updraft/sandbox';
import type { HttpConfig } from '@updraft/sdk';
import type { OperatorExecutor, TryContext } from './operator-executor';
import { PlatformCalls } from './platform-calls.service';

/** The `http` operator: one request made by the worker (no tenant code runs), through the egress policy. */
@Injectable()
export class HttpExecutor implements OperatorExecutor {
  readonly operators = ['http'] as const;

  constructor(
    private readonly platform: PlatformCalls,
    private readonly egress: EgressPolicy,
  ) {}

  execute({ ti, task, sink, signal, timeoutMs }: TryContext): Promise<TaskOutcome> {
    return runHttpOperator(task.config as unknown as HttpConfig, {
      signal,
      timeoutMs,
      log: (line) => sink.write('system', line),
      fetch: egressFetcher(this.egress),
      connection: (connId) => this.platform.connection(ti.tenantId, connId, sink),
    });
  }
}
