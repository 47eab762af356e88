import type { TriggerRule } from '@updraft/sdk';
import { TaskState } from './states';
import { evaluateTriggerRule, TriggerDecision } from './trigger-rules';

const S: TaskState = 'success';
const F: TaskState = 'failed';
const K: TaskState = 'skipped';
const U: TaskState = 'upstream_failed';
const R: TaskState = 'running';

const table: [TriggerRule, TaskState[], TriggerDecision][] = [
  ['all_success', [S, S], 'run'],
  ['all_success', [S, R], 'wait'],
  ['all_success', [F, R], 'upstream_failed'],
  ['all_success', [U, S], 'upstream_failed'],
  ['all_success', [K, S], 'skip'],
  ['all_failed', [F, U], 'run'],
  ['all_failed', [F, R], 'wait'],
  ['all_failed', [F, S], 'skip'],
  ['all_failed', [K, F], 'skip'],
  ['all_done', [S, F, K, U], 'run'],
  ['all_done', [S, R], 'wait'],
  ['all_done_min_one_success', [S, F], 'run'],
  ['all_done_min_one_success', [F, K], 'skip'],
  ['all_done_min_one_success', [S, R], 'wait'],
  ['one_success', [S, R], 'run'],
  ['one_success', [F, R], 'wait'],
  ['one_success', [F, K], 'upstream_failed'],
  ['one_success', [K, K], 'skip'],
  ['one_failed', [F, R], 'run'],
  ['one_failed', [U, R], 'run'],
  ['one_failed', [S, R], 'wait'],
  ['one_failed', [S, K], 'skip'],
  ['one_done', [S, R], 'run'],
  ['one_done', [F, R], 'run'],
  ['one_done', [K, R], 'wait'],
  ['one_done', [K, K], 'skip'],
  ['none_failed', [S, K], 'run'],
  ['none_failed', [K, K], 'run'],
  ['none_failed', [S, R], 'wait'],
  ['none_failed', [S, F], 'upstream_failed'],
  ['none_failed_min_one_success', [S, K], 'run'],
  ['none_failed_min_one_success', [K, K], 'skip'],
  ['none_failed_min_one_success', [U, S], 'upstream_failed'],
  ['none_failed_min_one_success', [K, R], 'wait'],
  ['none_skipped', [S, F], 'run'],
  ['none_skipped', [S, K], 'skip'],
  ['none_skipped', [S, R], 'wait'],
  ['all_skipped', [K, K], 'run'],
  ['all_skipped', [K, S], 'skip'],
  ['all_skipped', [K, F], 'skip'],
  ['all_skipped', [K, R], 'wait'],
  ['always', [F, R], 'run'],
  ['always', [], 'run'],
  ['all_success', [], 'run'],
  ['all_success', ['removed', S], 'run'],
];

describe('evaluateTriggerRule', () => {
  it.each(table)('%s with upstream %j → %s', (rule, upstream, expected) => {
    expect(evaluateTriggerRule(rule, upstream)).toBe(expected);
  });
});
