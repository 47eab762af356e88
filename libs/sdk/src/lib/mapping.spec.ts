import {
  bash,
  dag,
  dateTimeSensor,
  definedDags,
  externalTaskSensor,
  httpSensor,
  task,
  timeDeltaSensor,
} from '../index';

describe('expand (dynamic task mapping)', () => {
  beforeEach(() => definedDags().splice(0));

  it('serializes literal lists and upstream outputs, making the producer an upstream task', () => {
    const d = dag('mapped', {}, () => {
      const files = task('list_files', async () => ['a.csv', 'b.csv']);
      task(
        'load',
        async (ctx, { file, mode }: { file: string; mode: string }) => `${file}:${mode}:${ctx.mapIndex}`,
      ).expand({ file: files.output, mode: ['full', 'delta'] });
    });
    const load = d.serialize().tasks.find((t) => t.taskId === 'load');
    expect(load?.upstream).toEqual(['list_files']);
    expect(load?.expand).toEqual({
      file: { kind: 'xcom', taskId: 'list_files' },
      mode: { kind: 'literal', values: ['full', 'delta'] },
    });
    expect(d.serialize().tasks.find((t) => t.taskId === 'list_files')?.expand).toBeUndefined();
  });

  it('hands a mapped instance its element as the second argument', async () => {
    const d = dag('args', {}, () => {
      task('double', async (_ctx, { n }: { n: number }) => n * 2).expand({ n: [1, 2, 3] });
    });
    const fn = d.callable('double');
    expect(await fn?.({ mapIndex: 1, mapped: { n: 2 } } as never)).toBe(4);
  });

  it("types each argument by the function's second parameter", () => {
    const d = dag('typed', {}, () => {
      const counts = task('counts', async () => [1, 2]);
      // @ts-expect-error a list of numbers cannot feed a string argument
      task('by_literal', async (_c, { name }: { name: string }) => name).expand({ name: [1, 2] });
      // @ts-expect-error nor can an upstream that returns numbers
      task('by_output', async (_c, { name }: { name: string }) => name).expand({ name: counts.output });
      // @ts-expect-error a task without a second parameter takes no argument
      task('no_args', async () => 1).expand({ name: ['a'] });
    });
    expect(d.serialize().tasks).toHaveLength(4);
  });

  it.each([
    [
      'a non-function task',
      () => bash('b', { command: 'true' }).expand({ x: [1] } as never),
      /maps function tasks only, not 'bash'/,
    ],
    [
      'no argument',
      () => task('t', async (_c, _a: { x: number }) => 1).expand({} as never),
      /needs at least one argument/,
    ],
    [
      'a value that is not a list',
      () => task('t', async (_c, _a: { x: number }) => 1).expand({ x: 5 } as never),
      /'x' must be a list or another task's output/,
    ],
    [
      'a second expand',
      () =>
        task('t', async (_c, _a: { x: number }) => 1)
          .expand({ x: [1] })
          .expand({ x: [2] }),
      /already called/,
    ],
  ])('rejects %s, naming the DAG and task', (_case, build, message) => {
    expect(() => dag('bad', {}, build)).toThrow(message);
    expect(() => dag('bad2', {}, build)).toThrow(/DAG 'bad2', task '(b|t)'/);
  });
});

describe('sensors', () => {
  beforeEach(() => definedDags().splice(0));

  it('store their operator, settings and check, with defaults', () => {
    const d = dag('sensing', {}, () => {
      timeDeltaSensor('wait_delta', { delta: '10m' });
      dateTimeSensor('wait_time', {
        targetTime: '2024-01-01T06:00:00Z',
        mode: 'reschedule',
        pokeInterval: '5s',
        timeout: '1h',
        softFail: true,
      });
      externalTaskSensor('wait_other', { externalDagId: 'upstream_dag', externalTaskId: 'publish', retries: 2 });
      httpSensor('wait_api', {
        url: 'http://127.0.0.1:9/health',
        expectStatus: [200],
        jsonPath: '$.status',
        jsonEquals: 'ready',
      });
    });
    const byId = Object.fromEntries(d.serialize().tasks.map((t) => [t.taskId, t]));
    expect(byId['wait_delta'].operator).toBe('time_delta_sensor');
    expect(byId['wait_delta'].config).toEqual({
      sensor: { pokeIntervalMs: 60_000, timeoutMs: 7 * 24 * 3_600_000, mode: 'poke', softFail: false },
      deltaMs: 600_000,
    });
    expect(byId['wait_time'].config).toEqual({
      sensor: { pokeIntervalMs: 5_000, timeoutMs: 3_600_000, mode: 'reschedule', softFail: true },
      targetTime: '2024-01-01T06:00:00.000Z',
    });
    expect([
      byId['wait_other'].operator,
      byId['wait_other'].retries,
      byId['wait_other'].config['allowedStates'],
    ]).toEqual(['external_task_sensor', 2, ['success']]);
    expect(byId['wait_api'].config).toMatchObject({
      url: 'http://127.0.0.1:9/health',
      expectStatus: [200],
      bodyContains: null,
      jsonPath: '$.status',
      jsonEquals: 'ready',
    });
    expect(byId['wait_api'].templateFields).toEqual(['url', 'headers']);
    expect(byId['wait_time'].templateFields).toEqual([]);
  });

  it('take an http url that starts with a template (rendered before each check)', () => {
    const d = dag('templated_sensor', {}, () => {
      httpSensor('wait_api', { url: '{{ var.value.exports_api }}/exports/{{ ds }}' });
    });
    expect(d.serialize().tasks[0].config['url']).toBe('{{ var.value.exports_api }}/exports/{{ ds }}');
  });

  it.each([
    [
      'a bad mode',
      () => dateTimeSensor('s', { targetTime: '2024-01-01', mode: 'sleep' as never }),
      /mode must be 'poke' or 'reschedule'/,
    ],
    ['a bad target time', () => dateTimeSensor('s', { targetTime: 'tomorrow' }), /targetTime: invalid date 'tomorrow'/],
    ['a bad poke interval', () => timeDeltaSensor('s', { delta: '1m', pokeInterval: 'often' }), /pokeInterval/],
    ['a relative url', () => httpSensor('s', { url: '/health' }), /absolute http\(s\) url/],
    [
      'an unsupported JSON path',
      () => httpSensor('s', { url: 'http://x', jsonPath: 'status' }),
      /jsonPath 'status' is not supported/,
    ],
    [
      'a missing external task',
      () => externalTaskSensor('s', { externalDagId: 'd' } as never),
      /needs externalDagId and externalTaskId/,
    ],
  ])('reject %s at definition', (_case, build, message) => {
    expect(() => dag('bad_sensor', {}, build)).toThrow(message);
  });
});
