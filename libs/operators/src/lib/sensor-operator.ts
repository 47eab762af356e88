import { httpCheck, sensorVerdict, type HttpExpectation } from '@updraft/domain';
import type { SensorSettings, SerializedTask } from '@updraft/sdk';
import { DestinationRefusedError, sleep, type OperatorIo, type OperatorOutcome } from './outcome';
import { readBodyCapped, type Fetcher } from './response-body';

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_REQUEST_MS = 30_000;

export const SENSOR_OPERATORS = [
  'time_delta_sensor',
  'date_time_sensor',
  'external_task_sensor',
  'http_sensor',
] as const;

export type SensorCheck = { satisfied: boolean; detail: string } | { fail: string };

/** A sensor's outcome: an operator's, or (reschedule mode) a request to check again at `at` without counting a try. */
export type SensorOutcome = OperatorOutcome | { outcome: 'reschedule'; at: Date; message: string };

/** The run a sensor waits in. */
export interface SensorRun {
  logicalDate: Date;
  dataIntervalEnd: Date;
}

export interface SensorIo extends OperatorIo {
  fetch: Fetcher;
  /** The state of `taskId` of DAG `dagId` in its run of `logicalDate`; null when there is none. */
  externalTaskState: (dagId: string, taskId: string, logicalDate: Date) => Promise<string | null>;
  /** The first check of this try (kept across reschedules). */
  firstPokeAt: Date;
  /** False where no slot can be freed (a local run): reschedule mode then checks in place, like poke mode. */
  canReschedule: boolean;
}

/**
 * Sensors wait for a condition (no tenant code: every check is declarative). Poke mode checks in
 * a loop; reschedule mode checks once per try and asks to be queued again when the next check is due.
 */
export async function runSensor(task: SerializedTask, run: SensorRun, io: SensorIo): Promise<SensorOutcome> {
  const settings = task.config['sensor'] as SensorSettings;
  const tryDeadline = Date.now() + io.timeoutMs;
  for (;;) {
    const check = await checkSensor(task, run, io);
    if ('fail' in check) return { outcome: 'fail', message: check.fail };
    io.log(`${check.satisfied ? 'condition met' : 'not yet'}: ${check.detail}`);
    const verdict = sensorVerdict(check.satisfied, {
      firstPokeAt: io.firstPokeAt,
      now: new Date(),
      ...settings,
      mode: io.canReschedule ? settings.mode : 'poke',
    });
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
        if (verdict.at.getTime() > tryDeadline)
          return {
            outcome: 'error',
            message: `the try ran out of its execution timeout (${io.timeoutMs} ms) while poking`,
          };
        try {
          await sleep(verdict.at.getTime() - Date.now(), io.signal);
        } catch {
          return { outcome: 'fail', message: 'the try was cancelled while waiting for its next check' };
        }
    }
  }
}

async function checkSensor(task: SerializedTask, run: SensorRun, io: SensorIo): Promise<SensorCheck> {
  const config = task.config;
  switch (task.operator) {
    case 'time_delta_sensor':
      return untilTime(new Date(run.dataIntervalEnd.getTime() + (config['deltaMs'] as number)));
    case 'date_time_sensor':
      return untilTime(new Date(config['targetTime'] as string));
    case 'external_task_sensor': {
      const dagId = config['externalDagId'] as string;
      const taskId = config['externalTaskId'] as string;
      const state = await io.externalTaskState(dagId, taskId, run.logicalDate);
      const what = `task '${taskId}' of DAG '${dagId}' for ${run.logicalDate.toISOString()}`;
      if (state && (config['failedStates'] as string[]).includes(state)) return { fail: `${what} is ${state}` };
      return {
        satisfied: state !== null && (config['allowedStates'] as string[]).includes(state),
        detail: `${what} is ${state ?? 'not there yet'}`,
      };
    }
    default:
      return checkHttp(task, io);
  }
}

async function checkHttp(task: SerializedTask, io: SensorIo): Promise<SensorCheck> {
  const config = task.config as unknown as HttpExpectation & { url: string; headers: Record<string, string> };
  const settings = task.config['sensor'] as SensorSettings;
  let url: URL;
  try {
    url = new URL(config.url);
  } catch {
    return { fail: `'${config.url}' is not an absolute http(s) URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { fail: `only http and https URLs are allowed, not '${url.protocol}'` };
  try {
    const response = await io.fetch(url, {
      method: 'GET',
      headers: config.headers,
      redirect: 'manual',
      signal: AbortSignal.any([io.signal, AbortSignal.timeout(Math.min(settings.pokeIntervalMs, MAX_REQUEST_MS))]),
    });
    const body = (await readBodyCapped(response, MAX_BODY_BYTES)).text;
    const result = httpCheck(config, response.status, body);
    return {
      satisfied: result.ok,
      detail: result.ok ? `GET ${config.url} → ${response.status}` : `GET ${config.url}: ${result.reason}`,
    };
  } catch (error) {
    if (error instanceof DestinationRefusedError) return { fail: `GET ${config.url} refused: ${error.message}` };
    return { satisfied: false, detail: `GET ${config.url} failed: ${(error as Error).message}` };
  }
}

function untilTime(target: Date): SensorCheck {
  return { satisfied: Date.now() >= target.getTime(), detail: `waiting until ${target.toISOString()}` };
}
