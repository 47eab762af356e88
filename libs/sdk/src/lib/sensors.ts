import { currentDag, Task } from './dag';
import { Duration, parseDuration } from './duration';
import { DagDefinitionError } from './errors';
import { callerLocation } from './source-location';
import { TaskArgs } from './types';

export type SensorMode = 'poke' | 'reschedule';

/** What every sensor takes, besides the usual task settings. */
export interface SensorOptions extends TaskArgs {
  /** Time between two checks (default 60 s). */
  pokeInterval?: Duration;
  /** How long to keep checking, from the first check (default 7 days); then the sensor fails with "sensor timed out", without retries. */
  timeout?: Duration;
  /** `poke` holds a worker slot between checks; `reschedule` frees it (`up_for_reschedule`) and is queued again when the next check is due. */
  mode?: SensorMode;
  /** On timeout, skip instead of failing. */
  softFail?: boolean;
}

/** The settings a sensor stores under `config.sensor`. */
export interface SensorSettings {
  pokeIntervalMs: number;
  timeoutMs: number;
  mode: SensorMode;
  softFail: boolean;
}

export interface TimeDeltaSensorOptions extends SensorOptions {
  /** Waits until the run's data_interval_end plus this. */
  delta: Duration;
}

export interface DateTimeSensorOptions extends SensorOptions {
  /** Waits until this moment (ISO 8601 or a Date). */
  targetTime: string | Date;
}

export interface ExternalTaskSensorOptions extends SensorOptions {
  externalDagId: string;
  externalTaskId: string;
  /** States of the other task that satisfy the sensor (default `['success']`). */
  allowedStates?: string[];
  /** States of the other task that fail the sensor at once (default none). */
  failedStates?: string[];
}

export interface HttpSensorOptions extends SensorOptions {
  /** An absolute http(s) URL, requested with GET at each check. Templated (it may start with a template, e.g. `{{ var.value.api }}/ready`). */
  url: string;
  /** Templated. */
  headers?: Record<string, string>;
  /** Status codes that count (default: any 2xx). */
  expectStatus?: number[];
  /** The body must contain this text. */
  bodyContains?: string;
  /** A JSON path into the body (`$.status` or `$.items[0].state`) whose value must equal `jsonEquals`. */
  jsonPath?: string;
  jsonEquals?: unknown;
}

function addSensor(
  operator: string,
  taskId: string,
  options: SensorOptions,
  specific: Record<string, unknown>,
  templateFields: string[] = [],
): Task {
  const { pokeInterval, timeout, mode, softFail, ...args } = options;
  const dag = currentDag(operator);
  const fail = (reason: string) => new DagDefinitionError(dag.dagId, taskId, callerLocation(), reason);
  const duration = (value: Duration | undefined, fallback: string, name: string) => {
    try {
      return parseDuration(value ?? fallback);
    } catch (error) {
      throw fail(`${name}: ${(error as Error).message}`);
    }
  };
  if (mode !== undefined && mode !== 'poke' && mode !== 'reschedule')
    throw fail(`mode must be 'poke' or 'reschedule', not '${String(mode)}'`);
  const sensor: SensorSettings = {
    pokeIntervalMs: duration(pokeInterval, '60s', 'pokeInterval'),
    timeoutMs: duration(timeout, '7d', 'timeout'),
    mode: mode ?? 'poke',
    softFail: softFail ?? false,
  };
  return dag.addTask(taskId, operator, { sensor, ...specific }, args, undefined, templateFields);
}

function definitionError(operator: string, taskId: string, reason: string): DagDefinitionError {
  return new DagDefinitionError(currentDag(operator).dagId, taskId, callerLocation(), reason);
}

/** Waits until the run's data interval end plus `delta` (Airflow's TimeDeltaSensor). */
export function timeDeltaSensor(taskId: string, options: TimeDeltaSensorOptions): Task {
  const { delta, ...rest } = options ?? ({} as TimeDeltaSensorOptions);
  let deltaMs: number;
  try {
    deltaMs = parseDuration(delta);
  } catch (error) {
    throw definitionError('timeDeltaSensor', taskId, `delta: ${(error as Error).message}`);
  }
  return addSensor('time_delta_sensor', taskId, rest, { deltaMs });
}

/** Waits until a moment (Airflow's DateTimeSensor). */
export function dateTimeSensor(taskId: string, options: DateTimeSensorOptions): Task {
  const { targetTime, ...rest } = options ?? ({} as DateTimeSensorOptions);
  const target = new Date(targetTime);
  if (Number.isNaN(target.getTime()))
    throw definitionError('dateTimeSensor', taskId, `targetTime: invalid date '${String(targetTime)}'`);
  return addSensor('date_time_sensor', taskId, rest, { targetTime: target.toISOString() });
}

/** Waits until a task of another DAG of the same tenant reaches success in the run of the same logical date. */
export function externalTaskSensor(taskId: string, options: ExternalTaskSensorOptions): Task {
  const { externalDagId, externalTaskId, allowedStates, failedStates, ...rest } =
    options ?? ({} as ExternalTaskSensorOptions);
  if (typeof externalDagId !== 'string' || !externalDagId || typeof externalTaskId !== 'string' || !externalTaskId) {
    throw definitionError('externalTaskSensor', taskId, 'externalTaskSensor needs externalDagId and externalTaskId');
  }
  return addSensor('external_task_sensor', taskId, rest, {
    externalDagId,
    externalTaskId,
    allowedStates: allowedStates ?? ['success'],
    failedStates: failedStates ?? [],
  });
}

/** Requests a URL at each check until the response passes a declarative check (status, text, or a JSON value). */
export function httpSensor(taskId: string, options: HttpSensorOptions): Task {
  const { url, headers, expectStatus, bodyContains, jsonPath, jsonEquals, ...rest } =
    options ?? ({} as HttpSensorOptions);
  const fail = (reason: string) => definitionError('httpSensor', taskId, reason);
  if (typeof url !== 'string' || !/^(https?:\/\/|\{\{)/.test(url))
    throw fail('httpSensor needs an absolute http(s) url (or one that starts with a template)');
  if (expectStatus && !expectStatus.every((code) => Number.isInteger(code) && code >= 100 && code <= 599))
    throw fail('expectStatus: status codes are whole numbers from 100 to 599');
  if (jsonPath !== undefined && !/^\$(\.[A-Za-z0-9_-]+|\[\d+\])*$/.test(jsonPath))
    throw fail(`jsonPath '${jsonPath}' is not supported: use $.field.other[0] form`);
  return addSensor(
    'http_sensor',
    taskId,
    rest,
    {
      url,
      headers: headers ?? {},
      expectStatus: expectStatus ?? null,
      bodyContains: bodyContains ?? null,
      jsonPath: jsonPath ?? null,
      jsonEquals: jsonEquals === undefined ? null : jsonEquals,
    },
    ['url', 'headers'],
  );
}
