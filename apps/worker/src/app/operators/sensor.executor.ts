import { Injectable } from '@nestjs/common';
import { httpCheck, HttpExpectation, sensorVerdict } from '@updraft/domain';
import { EgressDeniedError, egressFetch, EgressPolicy } from '@updraft/egress';
import { TaskInstanceRepository } from '@updraft/persistence';
import type { SensorSettings, SerializedTask } from '@updraft/sdk';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ExecutorOutcome, OperatorExecutor, TryContext } from './operator-executor';
import { readBodyCapped } from './response-body';

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_REQUEST_MS = 30_000;

type Check = { satisfied: boolean; detail: string } | { fail: string };

/**
 * Sensors wait for a condition in the worker itself (no tenant code: every check is declarative).
 * Poke mode checks in a loop holding the worker slot; reschedule mode checks once per try and
 * frees the slot until the next check is due.
 */
@Injectable()
export class SensorExecutor implements OperatorExecutor {
  readonly operators = ['time_delta_sensor', 'date_time_sensor', 'external_task_sensor', 'http_sensor'] as const;

  constructor(private readonly taskInstances: TaskInstanceRepository, private readonly egress: EgressPolicy) {}

  async execute(context: TryContext): Promise<ExecutorOutcome> {
    const { ti, task, sink, signal, timeoutMs } = context;
    const settings = task.config['sensor'] as SensorSettings;
    const firstPokeAt = ti.firstPokeAt ?? new Date();
    const tryDeadline = Date.now() + timeoutMs;
    for (;;) {
      const check = await this.check(context);
      if ('fail' in check) return { outcome: 'fail', message: check.fail };
      sink.write('system', `${check.satisfied ? 'condition met' : 'not yet'}: ${check.detail}`);
      const verdict = sensorVerdict(check.satisfied, { firstPokeAt, now: new Date(), ...settings });
      switch (verdict.state) {
        case 'success':
          return { outcome: 'success', valueJson: null };
        case 'failed':
          return { outcome: 'fail', message: verdict.reason };
        case 'skipped':
          return { outcome: 'skip', message: verdict.reason };
        case 'up_for_reschedule':
          return { outcome: 'reschedule', at: verdict.at, message: `next check at ${verdict.at.toISOString()}` };
        case 'poke_again':
          if (verdict.at.getTime() > tryDeadline) return { outcome: 'error', message: `the try ran out of its execution timeout (${timeoutMs} ms) while poking` };
          try {
            await sleep(verdict.at.getTime() - Date.now(), undefined, { signal });
          } catch {
            return { outcome: 'fail', message: 'the try was cancelled while waiting for its next check' };
          }
      }
    }
  }

  private async check({ ti, task, loaded, signal }: TryContext): Promise<Check> {
    const config = task.config;
    switch (task.operator) {
      case 'time_delta_sensor':
        return untilTime(new Date(loaded.run.dataIntervalEnd.getTime() + (config['deltaMs'] as number)));
      case 'date_time_sensor':
        return untilTime(new Date(config['targetTime'] as string));
      case 'external_task_sensor': {
        const dagId = config['externalDagId'] as string;
        const taskId = config['externalTaskId'] as string;
        const state = await this.taskInstances.stateAt(ti.tenantId, dagId, taskId, loaded.run.logicalDate);
        const what = `task '${taskId}' of DAG '${dagId}' for ${loaded.run.logicalDate.toISOString()}`;
        if (state && (config['failedStates'] as string[]).includes(state)) return { fail: `${what} is ${state}` };
        return { satisfied: state !== null && (config['allowedStates'] as string[]).includes(state), detail: `${what} is ${state ?? 'not there yet'}` };
      }
      default:
        return this.checkHttp(task, signal);
    }
  }

  private async checkHttp(task: SerializedTask, signal: AbortSignal): Promise<Check> {
    const config = task.config as unknown as HttpExpectation & { url: string; headers: Record<string, string> };
    const settings = task.config['sensor'] as SensorSettings;
    try {
      const response = await egressFetch(this.egress, config.url, {
        headers: config.headers,
        redirect: 'manual',
        signal: AbortSignal.any([signal, AbortSignal.timeout(Math.min(settings.pokeIntervalMs, MAX_REQUEST_MS))]),
      });
      const body = (await readBodyCapped(response, MAX_BODY_BYTES)).text;
      const result = httpCheck(config, response.status, body);
      return { satisfied: result.ok, detail: result.ok ? `GET ${config.url} → ${response.status}` : `GET ${config.url}: ${result.reason}` };
    } catch (error) {
      if (error instanceof EgressDeniedError) return { fail: `GET ${config.url} refused: ${error.message}` };
      return { satisfied: false, detail: `GET ${config.url} failed: ${(error as Error).message}` };
    }
  }
}

function untilTime(target: Date): Check {
  return { satisfied: Date.now() >= target.getTime(), detail: `waiting until ${target.toISOString()}` };
}
