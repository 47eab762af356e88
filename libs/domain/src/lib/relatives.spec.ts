import type { SerializedTask } from '@updraft/sdk';
import { withRelatives } from './relatives';

const t = (taskId: string, upstream: string[] = []) => ({ taskId, upstream }) as SerializedTask;
// a -> b -> d, a -> c -> d, e alone
const tasks = [t('a'), t('b', ['a']), t('c', ['a']), t('d', ['b', 'c']), t('e')];

describe('withRelatives', () => {
  it.each([
    [['b'], {}, ['b']],
    [['b'], { downstream: true }, ['b', 'd']],
    [['b'], { upstream: true }, ['a', 'b']],
    [['a'], { downstream: true }, ['a', 'b', 'c', 'd']],
    [['d'], { upstream: true }, ['a', 'b', 'c', 'd']],
    [['c', 'e'], { downstream: true, upstream: true }, ['a', 'c', 'd', 'e']],
  ])('%j with %j → %j', (ids, options, expected) =>
    expect([...withRelatives(tasks, ids, options)].sort()).toEqual(expected),
  );
});
