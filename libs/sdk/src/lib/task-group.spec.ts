import { chain, dag, definedDags, empty, http, taskGroup, triggerDagRun } from '../index';

const upstreamOf = (d: ReturnType<typeof dag>) =>
  Object.fromEntries(d.serialize().tasks.map((t) => [t.taskId, t.upstream]));

describe('taskGroup()', () => {
  beforeEach(() => definedDags().splice(0));

  it('prefixes ids and links a dependency on the group to its first and last tasks', () => {
    const d = dag('grouped', {}, () => {
      const start = empty('start');
      const load = taskGroup('load', () => {
        const extract = empty('extract');
        extract.then([empty('a'), empty('b')]);
      });
      chain(start, load, empty('done'));
    });
    expect(upstreamOf(d)).toEqual({
      start: [],
      'load.extract': ['start'],
      'load.a': ['load.extract'],
      'load.b': ['load.extract'],
      done: ['load.a', 'load.b'],
    });
    expect(d.serialize().tasks.find((t) => t.taskId === 'load.a')?.groupId).toBe('load');
    expect(d.serialize().taskGroups).toEqual([{ groupId: 'load', parentGroupId: null }]);
  });

  it('nests groups and lets a group depend on a group', () => {
    const d = dag('nested', {}, () => {
      const outer = taskGroup('outer', () => {
        const inner = taskGroup('inner', () => {
          empty('x');
        });
        inner.then(empty('y'));
      });
      outer.then(
        taskGroup('after', () => {
          empty('z');
        }),
      );
    });
    expect(upstreamOf(d)).toEqual({ 'outer.inner.x': [], 'outer.y': ['outer.inner.x'], 'after.z': ['outer.y'] });
    expect(d.serialize().taskGroups).toEqual([
      { groupId: 'outer', parentGroupId: null },
      { groupId: 'outer.inner', parentGroupId: 'outer' },
      { groupId: 'after', parentGroupId: null },
    ]);
  });

  it('rejects an empty group, a duplicate group and a dotted group id, naming the DAG and line', () => {
    expect(() =>
      dag('g1', {}, () => {
        taskGroup('g', () => undefined);
      }),
    ).toThrow(/DAG 'g1', task 'g' \(.*task-group\.spec\.ts:\d+\): the task group has no task/);
    expect(() =>
      dag('g2', {}, () => {
        taskGroup('g', () => {
          empty('a');
        });
        taskGroup('g', () => {
          empty('b');
        });
      }),
    ).toThrow(/duplicate task group id/);
    expect(() =>
      dag('g3', {}, () => {
        taskGroup('a.b', () => {
          empty('a');
        });
      }),
    ).toThrow(/invalid task group id/);
  });

  it('rejects linking something that is not a task, naming the DAG', () => {
    expect(() =>
      dag('bad_link', {}, () => {
        empty('a').then('b' as never);
      }),
    ).toThrow(/DAG 'bad_link', task 'a'.*unknown upstream or downstream "b"/);
    expect(() =>
      dag('bad_chain', {}, () => {
        chain('x' as never, empty('a'));
      }),
    ).toThrow(/DAG 'bad_chain'.*chain\(\): item 1 is "x"/);
  });
});

describe('http() and triggerDagRun()', () => {
  beforeEach(() => definedDags().splice(0));

  it('store their settings and which fields are templates', () => {
    const d = dag('ops', {}, () => {
      http('call', {
        url: '/v1/items/{{ ds }}',
        method: 'post',
        body: { a: 1 },
        connection: 'api',
        expectStatus: [201],
        bodyContains: 'ok',
        timeout: '5s',
      });
      triggerDagRun('kick', { dagId: 'other', conf: { day: '{{ ds }}' }, waitForCompletion: true, pokeInterval: '2s' });
    });
    const [call, kick] = d.serialize().tasks;
    expect(call.config).toEqual({
      url: '/v1/items/{{ ds }}',
      method: 'POST',
      headers: {},
      body: { a: 1 },
      connection: 'api',
      expectStatus: [201],
      bodyContains: 'ok',
      timeoutMs: 5000,
    });
    expect(call.templateFields).toEqual(['url', 'headers', 'body']);
    expect(kick.operator).toBe('trigger_dag_run');
    expect(kick.config).toEqual({
      dagId: 'other',
      conf: { day: '{{ ds }}' },
      waitForCompletion: true,
      pokeIntervalMs: 2000,
    });
  });

  it('reject bad settings naming the DAG, task and line', () => {
    expect(() =>
      dag('h1', {}, () => {
        http('call', { url: 'x', method: 'FETCH' as never });
      }),
    ).toThrow(/DAG 'h1', task 'call' \(.*task-group\.spec\.ts:\d+\): unknown HTTP method 'FETCH'/);
    expect(() =>
      dag('h2', {}, () => {
        http('call', { url: 'x', timeout: 'soon' });
      }),
    ).toThrow(/task 'call'.*timeout: invalid duration 'soon'/);
    expect(() =>
      dag('h3', {}, () => {
        http('call', { url: 'x', expectStatus: [700] });
      }),
    ).toThrow(/expectStatus/);
    expect(() =>
      dag('t1', {}, () => {
        triggerDagRun('kick', { dagId: 'bad id' });
      }),
    ).toThrow(/DAG 't1', task 'kick'.*valid dagId/);
    expect(() =>
      dag('t2', {}, () => {
        triggerDagRun('kick', { dagId: 'x', pokeInterval: '-1s' });
      }),
    ).toThrow(/pokeInterval: invalid duration/);
  });
});
