import type { TriggerRule } from '@updraft/sdk';
import { TaskState } from './states';

/** What to do with a task whose upstream states are known. */
export type TriggerDecision = 'run' | 'wait' | 'skip' | 'upstream_failed';

interface Counts {
  total: number;
  success: number;
  skipped: number;
  failed: number;
  upstreamFailed: number;
  removed: number;
  done: number;
}

function count(upstream: readonly TaskState[]): Counts {
  const c: Counts = { total: 0, success: 0, skipped: 0, failed: 0, upstreamFailed: 0, removed: 0, done: 0 };
  for (const state of upstream) {
    if (state === 'removed') {
      c.removed++;
      continue;
    }
    c.total++;
    if (state === 'success') c.success++;
    else if (state === 'skipped') c.skipped++;
    else if (state === 'failed') c.failed++;
    else if (state === 'upstream_failed') c.upstreamFailed++;
    else continue;
    c.done++;
  }
  return c;
}

/**
 * Airflow's trigger rules, as the scheduler applies them: a task may be decided (run, skipped or
 * upstream_failed) before all its upstreams finish when the outcome can no longer change.
 * Removed upstream tasks are ignored.
 */
export function evaluateTriggerRule(rule: TriggerRule, upstream: readonly TaskState[]): TriggerDecision {
  const c = count(upstream);
  const allDone = c.done === c.total;
  const failures = c.failed + c.upstreamFailed;
  if (c.total === 0) return 'run';
  switch (rule) {
    case 'always':
      return 'run';
    case 'all_success':
      if (failures > 0) return 'upstream_failed';
      if (c.skipped > 0) return 'skip';
      return allDone ? 'run' : 'wait';
    case 'all_failed':
      if (c.success > 0 || c.skipped > 0) return 'skip';
      return allDone ? 'run' : 'wait';
    case 'all_done':
      return allDone ? 'run' : 'wait';
    case 'all_done_min_one_success':
      if (!allDone) return 'wait';
      return c.success > 0 ? 'run' : 'skip';
    case 'one_success':
      if (c.success > 0) return 'run';
      if (!allDone) return 'wait';
      return c.skipped === c.total ? 'skip' : 'upstream_failed';
    case 'one_failed':
      if (failures > 0) return 'run';
      return allDone ? 'skip' : 'wait';
    case 'one_done':
      if (c.success > 0 || failures > 0) return 'run';
      return allDone ? 'skip' : 'wait';
    case 'none_failed':
      if (failures > 0) return 'upstream_failed';
      return allDone ? 'run' : 'wait';
    case 'none_failed_min_one_success':
      if (failures > 0) return 'upstream_failed';
      if (!allDone) return 'wait';
      return c.skipped === c.total ? 'skip' : 'run';
    case 'none_skipped':
      if (c.skipped > 0) return 'skip';
      return allDone ? 'run' : 'wait';
    case 'all_skipped':
      if (c.success > 0 || failures > 0) return 'skip';
      return allDone ? 'run' : 'wait';
  }
}
