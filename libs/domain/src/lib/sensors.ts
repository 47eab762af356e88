import type { SensorMode } from '@updraft/sdk';

export interface SensorTiming {
  /** The first check of this try (kept across reschedules). */
  firstPokeAt: Date;
  now: Date;
  timeoutMs: number;
  pokeIntervalMs: number;
  mode: SensorMode;
  softFail: boolean;
}

export type SensorVerdict =
  | { state: 'success' }
  | { state: 'failed' | 'skipped'; reason: string }
  /** Poke mode: check again at `at`, holding the worker slot. */
  | { state: 'poke_again'; at: Date }
  /** Reschedule mode: free the slot and be queued again at `at`. */
  | { state: 'up_for_reschedule'; at: Date };

/**
 * What a sensor does after one check (Airflow's semantics): done when the condition holds; past
 * its timeout (counted from the first check) it fails with "sensor timed out", or is skipped with
 * softFail; otherwise it checks again after the poke interval, never later than the timeout.
 */
export function sensorVerdict(satisfied: boolean, t: SensorTiming): SensorVerdict {
  if (satisfied) return { state: 'success' };
  const deadline = t.firstPokeAt.getTime() + t.timeoutMs;
  if (t.now.getTime() >= deadline) {
    const reason = `sensor timed out after ${Math.round((t.now.getTime() - t.firstPokeAt.getTime()) / 1000)} s (timeout ${t.timeoutMs / 1000} s)`;
    return { state: t.softFail ? 'skipped' : 'failed', reason };
  }
  const at = new Date(Math.min(t.now.getTime() + t.pokeIntervalMs, deadline));
  return { state: t.mode === 'poke' ? 'poke_again' : 'up_for_reschedule', at };
}

export interface HttpExpectation {
  expectStatus: number[] | null;
  bodyContains: string | null;
  jsonPath: string | null;
  jsonEquals: unknown;
}

/** Reads `$.a.b[0]` from a parsed JSON value; undefined when the path does not exist. */
export function jsonPathValue(value: unknown, path: string): unknown {
  const steps = path.replace(/^\$/, '').match(/\.[A-Za-z0-9_-]+|\[\d+\]/g) ?? [];
  let current = value;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    const key = step.startsWith('[') ? Number(step.slice(1, -1)) : step.slice(1);
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether an HTTP response passes a declarative check; when not, why (for the task log). */
export function httpCheck(
  expect: HttpExpectation,
  status: number,
  body: string,
): { ok: true } | { ok: false; reason: string } {
  const statusOk = expect.expectStatus ? expect.expectStatus.includes(status) : status >= 200 && status < 300;
  if (!statusOk)
    return {
      ok: false,
      reason: `status ${status}, expected ${expect.expectStatus ? expect.expectStatus.join(' or ') : '2xx'}`,
    };
  if (expect.bodyContains !== null && !body.includes(expect.bodyContains))
    return { ok: false, reason: `the body does not contain '${expect.bodyContains}'` };
  if (expect.jsonPath !== null) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return { ok: false, reason: 'the body is not JSON' };
    }
    const found = jsonPathValue(parsed, expect.jsonPath);
    if (!sameJson(found, expect.jsonEquals))
      return {
        ok: false,
        reason: `${expect.jsonPath} is ${found === undefined ? 'missing' : JSON.stringify(found)}, expected ${JSON.stringify(expect.jsonEquals)}`,
      };
  }
  return { ok: true };
}
