import { Injectable } from '@nestjs/common';
import { EgressPolicy, egressFetcher } from '@updraft/egress';
import { runSensor, SENSOR_OPERATORS } from '@updraft/operators';
import { TaskInstanceRepository } from '@updraft/persistence';
import type { ExecutorOutcome, OperatorExecutor, TryContext } from './operator-executor';

/**
 * Sensors wait for a condition in the worker itself (no tenant code: every check is declarative).
 * Poke mode checks in a loop holding the worker slot; reschedule mode checks once per try and
 * frees the slot until the next check is due.
 */
@Injectable()
export class SensorExecutor implements OperatorExecutor {
  readonly operators = SENSOR_OPERATORS;

  constructor(
    private readonly taskInstances: TaskInstanceRepository,
    private readonly egress: EgressPolicy,
  ) {}

  execute({ ti, task, loaded, sink, signal, timeoutMs }: TryContext): Promise<ExecutorOutcome> {
    return runSensor(task, loaded.run, {
      signal,
      timeoutMs,
      log: (line) => sink.write('system', line),
      fetch: egressFetcher(this.egress),
      externalTaskState: (dagId, taskId, logicalDate) =>
        this.taskInstances.stateAt(ti.tenantId, dagId, taskId, logicalDate),
      firstPokeAt: ti.firstPokeAt ?? new Date(),
      canReschedule: true,
    });
  }
}
