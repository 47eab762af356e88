import type { ExpandSource } from '@updraft/sdk';
import { evaluateTriggerRule } from './trigger-rules';
import { expansionOf, MAX_MAP_LENGTH, upstreamStates } from './mapping';
import type { TaskState } from './states';

const literal = (...values: unknown[]): ExpandSource => ({ kind: 'literal', values });
const xcom = (taskId: string): ExpandSource => ({ kind: 'xcom', taskId });

describe('expansionOf', () => {
  it.each<[string, Record<string, ExpandSource>, [string, unknown][], unknown]>([
    ['a literal list', { n: literal(1, 2, 3) }, [], { items: [{ n: 1 }, { n: 2 }, { n: 3 }] }],
    ['an upstream XCom list', { file: xcom('ls') }, [['ls', ['a', 'b']]], { items: [{ file: 'a' }, { file: 'b' }] }],
    ['an empty list (the task is skipped)', { file: xcom('ls') }, [['ls', []]], { items: [] }],
    [
      'two arguments: every combination, first slowest',
      { a: literal(1, 2), b: literal('x', 'y') },
      [],
      {
        items: [
          { a: 1, b: 'x' },
          { a: 1, b: 'y' },
          { a: 2, b: 'x' },
          { a: 2, b: 'y' },
        ],
      },
    ],
    [
      'an XCom that is not a list',
      { file: xcom('ls') },
      [['ls', { a: 1 }]],
      { error: "cannot map over 'file': the XCom of 'ls' must be a list, got object" },
    ],
    [
      'an upstream that pushed nothing',
      { file: xcom('ls') },
      [],
      { error: "cannot map over 'file': the XCom of 'ls' must be a list, got nothing" },
    ],
    [
      'an XCom of null',
      { file: xcom('ls') },
      [['ls', null]],
      { error: "cannot map over 'file': the XCom of 'ls' must be a list, got null" },
    ],
  ])('%s', (_case, expand, outputs, expected) => {
    expect(expansionOf(expand, new Map(outputs))).toEqual(expected);
  });

  it(`refuses more than ${MAX_MAP_LENGTH} instances`, () => {
    const many = Array.from({ length: 40 }, (_, i) => i);
    expect(expansionOf({ a: literal(...many), b: literal(...many) }, new Map())).toEqual({
      error: `mapping would create more than ${MAX_MAP_LENGTH} instances`,
    });
  });
});

describe('trigger rules over a mapped upstream: it is done when all its instances are', () => {
  const rows: [string, TaskState[], Parameters<typeof evaluateTriggerRule>[0], string][] = [
    ['all instances succeeded', ['success', 'success', 'success'], 'all_success', 'run'],
    ['one instance still running', ['success', 'running', 'success'], 'all_success', 'wait'],
    ['one instance failed', ['success', 'failed', 'running'], 'all_success', 'upstream_failed'],
    ['one instance failed, all done', ['success', 'failed', 'success'], 'all_done', 'run'],
    ['one instance running', ['success', 'failed', 'running'], 'all_done', 'wait'],
    ['unexpanded placeholder', ['none'], 'all_success', 'wait'],
    ['mapped over an empty list (skipped)', ['skipped'], 'all_success', 'skip'],
    ['mapped over an empty list (skipped)', ['skipped'], 'none_failed_min_one_success', 'skip'],
    ['one failed is enough', ['running', 'failed'], 'one_failed', 'run'],
  ];
  it.each(rows)('%s → %s/%s', (_case, instances, rule, decision) => {
    const states = upstreamStates(['mapped'], new Map([['mapped', instances]]));
    expect(evaluateTriggerRule(rule, states)).toBe(decision);
  });

  it('counts a missing upstream as removed', () => {
    expect(upstreamStates(['gone', 'here'], new Map([['here', ['success' as TaskState]]]))).toEqual([
      'removed',
      'success',
    ]);
  });
});
