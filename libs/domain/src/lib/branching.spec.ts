import type { SerializedTask } from '@updraft/sdk';
import { tasksSkippedBy } from './branching';

const t = (taskId: string, upstream: string[] = [], operator = 'empty', config: Record<string, unknown> = {}) =>
  ({ taskId, upstream, operator, config }) as SerializedTask;
// pick -> (left -> left_2), (right), and join <- left_2, right
const tasks = [
  t('pick', [], 'branch'),
  t('left', ['pick']),
  t('left_2', ['left']),
  t('right', ['pick']),
  t('join', ['left_2', 'right']),
];
const gate = t('gate', [], 'short_circuit');
const softGate = t('gate', [], 'short_circuit', { ignoreDownstreamTriggerRules: false });
const gated = (g: SerializedTask) => [g, t('a', ['gate']), t('b', ['a'])];

describe('tasksSkippedBy', () => {
  it.each([
    ['left', ['right']],
    [['left', 'right'], []],
    [null, ['left', 'right']],
    ['right', ['left']],
  ])('a branch choosing %j skips %j', (value, skip) =>
    expect(tasksSkippedBy(tasks, tasks[0], value)).toEqual({ skip }),
  );

  it('refuses a branch to a task that is not directly downstream', () => {
    expect(tasksSkippedBy(tasks, tasks[0], 'join')).toEqual({
      error: 'the branch returned "join", which is not a direct downstream task (left, right)',
    });
  });

  it.each([
    [gate, true, []],
    [gate, 0, ['a', 'b']],
    [softGate, false, ['a']],
  ])('a short circuit (%j) returning %j skips %j', (g, value, skip) =>
    expect(tasksSkippedBy(gated(g), g, value)).toEqual({ skip }),
  );
});
