import { httpCheck, HttpExpectation, jsonPathValue, sensorVerdict, SensorTiming } from './sensors';

const at = (seconds: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, seconds));
const timing = (over: Partial<SensorTiming>): SensorTiming => ({
  firstPokeAt: at(0),
  now: at(10),
  timeoutMs: 60_000,
  pokeIntervalMs: 5_000,
  mode: 'reschedule',
  softFail: false,
  ...over,
});

describe('sensorVerdict', () => {
  it.each<[string, boolean, Partial<SensorTiming>, unknown]>([
    ['condition holds', true, {}, { state: 'success' }],
    ['condition holds even past the timeout', true, { now: at(100) }, { state: 'success' }],
    ['reschedule mode frees the slot until the next poke', false, {}, { state: 'up_for_reschedule', at: at(15) }],
    ['poke mode checks again holding the slot', false, { mode: 'poke' }, { state: 'poke_again', at: at(15) }],
    ['the next poke never goes past the timeout', false, { now: at(58) }, { state: 'up_for_reschedule', at: at(60) }],
    [
      'timeout → failed, not retried',
      false,
      { now: at(60) },
      { state: 'failed', reason: 'sensor timed out after 60 s (timeout 60 s)' },
    ],
    [
      'timeout with softFail → skipped',
      false,
      { now: at(61), softFail: true },
      { state: 'skipped', reason: 'sensor timed out after 61 s (timeout 60 s)' },
    ],
  ])('%s', (_case, satisfied, over, expected) => {
    expect(sensorVerdict(satisfied, timing(over))).toEqual(expected);
  });
});

describe('httpCheck', () => {
  const expect0: HttpExpectation = { expectStatus: null, bodyContains: null, jsonPath: null, jsonEquals: null };
  it.each<[string, Partial<HttpExpectation>, number, string, unknown]>([
    ['any 2xx by default', {}, 204, '', { ok: true }],
    ['a 503 by default', {}, 503, 'busy', { ok: false, reason: 'status 503, expected 2xx' }],
    ['an expected status', { expectStatus: [202, 404] }, 404, '', { ok: true }],
    ['an unexpected status', { expectStatus: [200] }, 201, '', { ok: false, reason: 'status 201, expected 200' }],
    ['body contains', { bodyContains: 'READY' }, 200, 'state: READY', { ok: true }],
    [
      'body lacks',
      { bodyContains: 'READY' },
      200,
      'state: WAIT',
      { ok: false, reason: "the body does not contain 'READY'" },
    ],
    [
      'a JSON value that matches',
      { jsonPath: '$.job.state', jsonEquals: 'done' },
      200,
      '{"job":{"state":"done"}}',
      { ok: true },
    ],
    [
      'a JSON value that differs',
      { jsonPath: '$.job.state', jsonEquals: 'done' },
      200,
      '{"job":{"state":"running"}}',
      { ok: false, reason: '$.job.state is "running", expected "done"' },
    ],
    [
      'a missing JSON value',
      { jsonPath: '$.items[1]', jsonEquals: 1 },
      200,
      '{"items":[1]}',
      { ok: false, reason: '$.items[1] is missing, expected 1' },
    ],
    [
      'a body that is not JSON',
      { jsonPath: '$.a', jsonEquals: 1 },
      200,
      'nope',
      { ok: false, reason: 'the body is not JSON' },
    ],
  ])('%s', (_case, over, status, body, expected) => {
    expect(httpCheck({ ...expect0, ...over }, status, body)).toEqual(expected);
  });

  it.each([
    ['$', { a: 1 }, { a: 1 }],
    ['$.a', { a: 1 }, 1],
    ['$.a[1].b', { a: [{}, { b: true }] }, true],
    ['$.a.b', { a: 'text' }, undefined],
    ['$[0]', [5], 5],
  ])('jsonPathValue(%s)', (path, value, expected) => expect(jsonPathValue(value, path)).toEqual(expected));
});
