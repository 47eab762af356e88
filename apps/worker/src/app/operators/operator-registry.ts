import { Injectable } from '@nestjs/common';
import { ApprovalExecutor } from './approval.executor';
import { BashExecutor } from './bash.executor';
import { EmailExecutor } from './email.executor';
import { EmptyExecutor } from './empty.executor';
import { FunctionExecutor } from './function.executor';
import { HttpExecutor } from './http.executor';
import type { OperatorExecutor } from './operator-executor';
import { SensorExecutor } from './sensor.executor';
import { SlackExecutor } from './slack.executor';
import { SqlExecutor } from './sql.executor';
import { TriggerDagRunExecutor } from './trigger-dag-run.executor';

/** Finds the executor for a task's operator. A new operator adds its executor to the constructor and to OPERATOR_EXECUTORS. */
@Injectable()
export class OperatorRegistry {
  private readonly byOperator = new Map<string, OperatorExecutor>();

  constructor(
    empty: EmptyExecutor,
    bash: BashExecutor,
    fn: FunctionExecutor,
    email: EmailExecutor,
    slack: SlackExecutor,
    sensors: SensorExecutor,
    http: HttpExecutor,
    triggerDagRun: TriggerDagRunExecutor,
    sqlExecutor: SqlExecutor,
    approval: ApprovalExecutor,
  ) {
    for (const executor of [empty, bash, fn, email, slack, sensors, http, triggerDagRun, sqlExecutor, approval])
      for (const operator of executor.operators) this.byOperator.set(operator, executor);
  }

  find(operator: string): OperatorExecutor | undefined {
    return this.byOperator.get(operator);
  }
}

export const OPERATOR_EXECUTORS = [
  EmptyExecutor,
  BashExecutor,
  FunctionExecutor,
  EmailExecutor,
  SlackExecutor,
  SensorExecutor,
  HttpExecutor,
  TriggerDagRunExecutor,
  SqlExecutor,
  ApprovalExecutor,
];
