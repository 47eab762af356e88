import { bash, chain, dag, definedDags, empty, task } from '../index';

describe('dag()', () => {
  beforeEach(() => definedDags().splice(0));

  it('serializes tasks, dependencies and defaults that tasks may override', () => {
    const d = dag(
      'do_nice_things',
      { schedule: '@daily', startDate: '2024-01-01', defaultArgs: { retries: 2, retryDelay: '5m' } },
      () => {
        const fetch = bash('fetch', { command: 'echo hi', retries: 0 });
        const clean = task('clean', async () => ({ rows: 1 }));
        fetch.then(clean);
      },
    );
    const s = d.serialize();
    expect(s.schedule).toBe('@daily');
    expect(s.startDate).toBe('2024-01-01T00:00:00.000Z');
    expect(s.tasks.map((t) => [t.taskId, t.operator, t.upstream, t.retries, t.retryDelayMs])).toEqual([
      ['fetch', 'bash', [], 0, 300_000],
      ['clean', 'task', ['fetch'], 2, 300_000],
    ]);
    expect(s.tasks[0].config).toEqual({ command: 'echo hi', env: {}, cwd: null });
    expect(s.tasks[1].source).toMatch(/dag\.spec\.ts:\d+$/);
    expect(typeof d.callable('clean')).toBe('function');
    expect(definedDags()).toEqual([d]);
  });

  it('fans out and in with chain()', () => {
    const d = dag('fan', {}, () => chain(empty('a'), [empty('b'), empty('c')], empty('d')));
    expect(Object.fromEntries(d.serialize().tasks.map((t) => [t.taskId, t.upstream]))).toEqual({
      a: [],
      b: ['a'],
      c: ['a'],
      d: ['b', 'c'],
    });
  });

  it('rejects a duplicate task id, naming the DAG, task and line', () => {
    expect(() =>
      dag('dup', {}, () => {
        empty('x');
        empty('x');
      }),
    ).toThrow(/DAG 'dup', task 'x' \(.*dag\.spec\.ts:\d+\): duplicate task id/);
  });

  it('rejects a cycle', () => {
    expect(() =>
      dag('cyclic', {}, () => {
        const a = empty('a');
        const b = empty('b');
        a.then(b);
        b.then(a);
      }),
    ).toThrow(/cycle detected: (a -> b -> a|b -> a -> b)/);
  });

  it('rejects invalid ids and bad durations', () => {
    expect(() => dag('bad id!', {}, () => undefined)).toThrow(/invalid DAG id/);
    expect(() =>
      dag('d1', {}, () => {
        empty('no spaces');
      }),
    ).toThrow(/task 'no spaces'.*invalid task id/);
    expect(() =>
      dag('d2', {}, () => {
        empty('t', { retryDelay: '5 minutes' });
      }),
    ).toThrow(/task 't'.*retryDelay: invalid duration '5 minutes'/);
  });

  it('serializes pool, poolSlots and priorityWeight, and names a bad one', () => {
    const d = dag('pooled', { defaultArgs: { pool: 'db' } }, () => {
      empty('a', { poolSlots: 2, priorityWeight: 7 });
      empty('b');
    });
    expect(d.serialize().tasks.map((t) => [t.taskId, t.pool, t.poolSlots, t.priorityWeight])).toEqual([
      ['a', 'db', 2, 7],
      ['b', 'db', undefined, 1],
    ]);
    expect(() =>
      dag('p1', {}, () => {
        empty('t', { priorityWeight: 2.5 });
      }),
    ).toThrow(/task 't'.*priorityWeight must be a whole number \(got 2.5\)/);
    expect(() =>
      dag('p2', {}, () => {
        empty('t', { pool: 'my pool' });
      }),
    ).toThrow(/task 't'.*pool must be 1 to 250 letters/);
    expect(() =>
      dag('p3', {}, () => {
        empty('t', { poolSlots: 0 });
      }),
    ).toThrow(/task 't'.*poolSlots must be a whole number, 1 or more \(got 0\)/);
  });

  it('serializes incident options: critical DAGs default to critical severity, other DAGs open none unless asked', () => {
    const plain = dag('plain', { deadline: '1h' }, () => empty('a')).serialize();
    expect(plain.incidents).toBeUndefined();
    expect(plain.critical).toBeUndefined();
    const critical = dag('pay', { critical: true }, () => empty('a')).serialize();
    expect(critical).toMatchObject({
      critical: true,
      incidents: { severity: 'critical', escalateAfterMs: null, escalateTo: [] },
    });
    const watched = dag(
      'watched',
      { incidents: { channels: ['ops-mail'], escalateAfter: '15m', escalateTo: ['pager'] } },
      () => empty('a'),
    ).serialize();
    expect(watched.incidents).toEqual({
      severity: 'high',
      channels: ['ops-mail'],
      escalateAfterMs: 900_000,
      escalateTo: ['pager'],
    });
    expect(() => dag('bad', { incidents: { escalateAfter: 'soon' } }, () => empty('a')).serialize()).toThrow(
      /incidents\.escalateAfter: invalid duration 'soon'/,
    );
    expect(() =>
      dag('worse', { incidents: { severity: 'apocalyptic' as never } }, () => empty('a')).serialize(),
    ).toThrow(/unknown incident severity 'apocalyptic'/);
  });

  it('rejects tasks linked across DAGs', () => {
    let outside: ReturnType<typeof empty> | undefined;
    dag('first', {}, () => {
      outside = empty('a');
    });
    expect(() =>
      dag('second', {}, () => {
        (outside as ReturnType<typeof empty>).then(empty('b'));
      }),
    ).toThrow(/unknown upstream 'a'/);
  });

  it('refuses operators outside a DAG', () => {
    expect(() => empty('lonely')).toThrow(/must be called inside a dag/);
  });
});

describe('dag() schedules', () => {
  beforeEach(() => definedDags().splice(0));
  it('rejects a bad cron, naming the DAG and the line', () => {
    expect(() => dag('nightly', { schedule: '0 25 * * *' }, () => undefined)).toThrow(
      /DAG 'nightly' \(.*dag\.spec\.ts:\d+\): invalid schedule '0 25 \* \* \*'/,
    );
    expect(() => dag('later', { schedule: 'every day' }, () => undefined)).toThrow(/invalid schedule 'every day'/);
    expect(() => dag('dated', { schedule: '@daily', startDate: 'yesterday' }, () => undefined)).toThrow(
      /startDate: invalid date 'yesterday'/,
    );
  });
});
