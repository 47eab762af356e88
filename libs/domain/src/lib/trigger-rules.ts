import type { TriggerRule } from '@updraft/sdk';
import { TaskState } from './states';

/** What to do with a task whose upstream states are known. */
export type TriggerDecision = 'run' | 'wait' | 'skip' | 'upstream_failed';

interface Counts {
  /** Every upstream instance, removed ones included (Airflow's `upstream`). */
  upstream: number;
  success: number;
  skipped: number;
  failed: number;
  upstreamFailed: number;
  removed: number;
  /** Finished instances: success, skipped, failed, upstream_failed and removed. */
  done: number;
}

function count(upstream: readonly TaskState[]): Counts {
  const c: Counts = {
    upstream: upstream.length,
    success: 0,
    skipped: 0,
    failed: 0,
    upstreamFailed: 0,
    removed: 0,
    done: 0,
  };
  for (const state of upstream) {
    if (state === 'success') c.success++;
    else if (state === 'skipped') c.skipped++;
    else if (state === 'failed') c.failed++;
    else if (state === 'upstream_failed') c.upstreamFailed++;
    else if (state === 'removed') c.removed++;
    else continue;
    c.done++;
  }
  return c;
}

/**
 * Airflow's trigger rules exactly as its scheduler applies them (`TriggerRuleDep` for an unmapped
 * instance): a task is skipped or marked upstream_failed as soon as the outcome can no longer
 * change, even before all its upstreams finish. A removed upstream counts as done but never as a
 * success, a skip or a failure.
 */
export function evaluateTriggerRule(rule: TriggerRule, upstream: readonly TaskState[]): TriggerDecision {
  const c = count(upstream);
  if (c.upstream === 0 || rule === 'always') return 'run';
  const allDone = c.done >= c.upstream;
  const failures = c.failed + c.upstreamFailed;
  const runWhen = (met: boolean): TriggerDecision => (met ? 'run' : 'wait');
  switch (rule) {
    case 'all_success':
      if (failures > 0) return 'upstream_failed';
      if (c.skipped > 0) return 'skip';
      return runWhen(c.success === c.upstream);
    case 'all_failed':
      if (c.success > 0 || c.skipped > 0) return 'skip';
      return runWhen(failures === c.upstream);
    case 'all_done':
      return runWhen(allDone);
    case 'all_done_min_one_success':
      // Skipped upstreams never count as done here: one skip skips the task at once.
      if (c.skipped > 0) return 'skip';
      if (!allDone) return 'wait';
      return c.success > 0 ? 'run' : 'upstream_failed';
    case 'one_success':
      if (allDone && c.done === c.skipped) return 'skip';
      if (allDone && c.success === 0) return 'upstream_failed';
      return runWhen(c.success > 0);
    case 'one_failed':
      if (allDone && failures === 0) return 'skip';
      return runWhen(failures > 0);
    case 'one_done':
      // Done means succeeded or failed by itself: an upstream_failed upstream does not count.
      if (allDone && c.success + c.failed === 0) return 'skip';
      return runWhen(c.success + c.failed > 0);
    case 'none_failed':
      if (failures > 0) return 'upstream_failed';
      return runWhen(c.success + c.skipped === c.upstream);
    case 'none_failed_min_one_success':
      if (failures > 0) return 'upstream_failed';
      if (c.skipped === c.upstream) return 'skip';
      return runWhen(c.success + c.skipped === c.upstream);
    case 'none_skipped':
      if (c.skipped > 0) return 'skip';
      return runWhen(allDone);
    case 'all_skipped':
      if (c.success > 0 || failures > 0) return 'skip';
      return runWhen(c.skipped === c.upstream);
  }
}
