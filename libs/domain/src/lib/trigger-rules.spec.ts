import { TRIGGER_RULES, type TriggerRule } from '@updraft/sdk';
import { TaskState } from './states';
import { evaluateTriggerRule, TriggerDecision } from './trigger-rules';

/**
 * Airflow's `TriggerRuleDep._evaluate_direct_relatives` (airflow-core 3.x) transcribed as it is
 * written there, for an unmapped task instance with `flag_upstream_failed` set (the scheduler's
 * case): first the state the scheduler sets at once, then the dependency that keeps the task
 * waiting. Kept apart from `evaluateTriggerRule` on purpose: the test compares the two.
 */
function airflowDecision(triggerRule: TriggerRule, upstreamStates: readonly TaskState[]): TriggerDecision {
  const upstream = upstreamStates.length;
  if (upstream === 0) return 'run';
  if (triggerRule === 'always') return 'run';
  const finished = upstreamStates.filter((s) =>
    ['success', 'skipped', 'failed', 'upstream_failed', 'removed'].includes(s),
  );
  const counter = (state: TaskState): number => finished.filter((s) => s === state).length;
  const success = counter('success');
  const skipped = counter('skipped');
  const failed = counter('failed');
  const upstream_failed = counter('upstream_failed');
  const removed = counter('removed');
  const done = finished.length;
  const upstream_done = done >= upstream;

  let new_state: TriggerDecision | null = null;
  if (triggerRule === 'all_success') {
    if (upstream_failed || failed) new_state = 'upstream_failed';
    else if (skipped) new_state = 'skip';
  } else if (triggerRule === 'all_failed') {
    if (success || skipped) new_state = 'skip';
  } else if (triggerRule === 'one_success') {
    if (upstream_done && done === skipped) new_state = 'skip';
    else if (upstream_done && success <= 0) new_state = 'upstream_failed';
  } else if (triggerRule === 'one_failed') {
    if (upstream_done && !(failed || upstream_failed)) new_state = 'skip';
  } else if (triggerRule === 'one_done') {
    if (upstream_done && !(failed || success)) new_state = 'skip';
  } else if (triggerRule === 'none_failed') {
    if (upstream_failed || failed) new_state = 'upstream_failed';
  } else if (triggerRule === 'none_failed_min_one_success') {
    if (upstream_failed || failed) new_state = 'upstream_failed';
    else if (skipped === upstream) new_state = 'skip';
  } else if (triggerRule === 'none_skipped') {
    if (skipped) new_state = 'skip';
  } else if (triggerRule === 'all_skipped') {
    if (success || failed || upstream_failed) new_state = 'skip';
  } else if (triggerRule === 'all_done_min_one_success') {
    const non_skipped_done = success + failed + upstream_failed + removed;
    const non_skipped_upstream = upstream - skipped;
    if (skipped > 0) new_state = 'skip';
    else if (non_skipped_done >= non_skipped_upstream && success === 0) new_state = 'upstream_failed';
  }
  if (new_state !== null) return new_state;

  let failing = false;
  if (triggerRule === 'one_success') failing = success <= 0;
  else if (triggerRule === 'one_failed') failing = !failed && !upstream_failed;
  else if (triggerRule === 'one_done') failing = success + failed <= 0;
  else if (triggerRule === 'all_success') failing = upstream - success > 0;
  else if (triggerRule === 'all_failed') failing = upstream - failed - upstream_failed > 0;
  else if (triggerRule === 'all_done') failing = !upstream_done;
  else if (triggerRule === 'none_failed' || triggerRule === 'none_failed_min_one_success')
    failing = upstream - success - skipped > 0;
  else if (triggerRule === 'none_skipped') failing = !upstream_done || skipped > 0;
  else if (triggerRule === 'all_skipped') failing = upstream - skipped > 0;
  else if (triggerRule === 'all_done_min_one_success') {
    const non_skipped_done = success + failed + upstream_failed + removed;
    const non_skipped_upstream = upstream - skipped;
    failing = skipped > 0 || non_skipped_done < non_skipped_upstream || success === 0;
  }
  return failing ? 'wait' : 'run';
}

/** Every state an upstream instance can be in: the five finished ones and the not-done ones. */
const UPSTREAM_STATES: TaskState[] = [
  'success',
  'skipped',
  'failed',
  'upstream_failed',
  'removed',
  'none',
  'scheduled',
  'queued',
  'running',
  'up_for_retry',
  'up_for_reschedule',
];

/** Every ordered list of up to `size` upstream states. */
function upstreamLists(size: number): TaskState[][] {
  const lists: TaskState[][] = [[]];
  let previous: TaskState[][] = [[]];
  for (let n = 1; n <= size; n++) {
    previous = previous.flatMap((list) => UPSTREAM_STATES.map((state) => [...list, state]));
    lists.push(...previous);
  }
  return lists;
}

describe('evaluateTriggerRule conforms to Airflow', () => {
  const lists = upstreamLists(3);

  it('covers every rule and every combination of up to 3 upstream states', () => {
    expect(TRIGGER_RULES).toHaveLength(12);
    expect(lists).toHaveLength(1 + 11 + 11 ** 2 + 11 ** 3);
  });

  it.each([...TRIGGER_RULES])('%s decides as Airflow does for every upstream combination', (rule) => {
    const differing = lists
      .map((upstream) => ({
        upstream,
        airflow: airflowDecision(rule, upstream),
        updraft: evaluateTriggerRule(rule, upstream),
      }))
      .filter((c) => c.airflow !== c.updraft);
    expect(differing).toEqual([]);
  });

  it('reaches each kind of decision, including ones taken before every upstream is done', () => {
    const seen = new Set(TRIGGER_RULES.flatMap((rule) => lists.map((upstream) => evaluateTriggerRule(rule, upstream))));
    expect([...seen].sort()).toEqual(['run', 'skip', 'upstream_failed', 'wait']);
    expect(evaluateTriggerRule('all_done_min_one_success', ['skipped', 'running'])).toBe('skip');
    expect(evaluateTriggerRule('all_done_min_one_success', ['failed', 'upstream_failed'])).toBe('upstream_failed');
    expect(evaluateTriggerRule('one_done', ['upstream_failed', 'running'])).toBe('wait');
    expect(evaluateTriggerRule('one_done', ['upstream_failed', 'skipped'])).toBe('skip');
    expect(evaluateTriggerRule('all_success', ['failed', 'running'])).toBe('upstream_failed');
  });
});
