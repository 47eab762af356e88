import { DataInterval, isDue, nextDataInterval, ScheduleSpec } from './schedule';

/** What the run creator knows of a scheduled DAG when it looks at it. */
export interface SchedulingState {
  spec: ScheduleSpec & { maxActiveRuns: number };
  /** The data interval of its latest scheduled run, null before the first. */
  last: DataInterval | null;
  /** Its runs queued or running now. */
  activeRuns: number;
}

/** The intervals to create runs for now, and when to look at the DAG next (null: never on schedule). */
export interface ScheduledRunsPlan {
  intervals: DataInterval[];
  nextCheckAt: Date | null;
}

/**
 * Every due interval in order (catchup) or only the latest (no catchup), never past
 * `maxActiveRuns`; at most `maxRuns` at a time (the rest at the next look, right away). A DAG held
 * back by `maxActiveRuns` is looked at again after `recheckBlockedMs`.
 */
export function planScheduledRuns(
  state: SchedulingState,
  now: Date,
  limits: { maxRuns: number; recheckBlockedMs: number },
): ScheduledRunsPlan {
  const intervals: DataInterval[] = [];
  let last = state.last;
  let active = state.activeRuns;
  for (let i = 0; i < limits.maxRuns; i++) {
    const interval = nextDataInterval(state.spec, last, now);
    if (!interval) return { intervals, nextCheckAt: null };
    if (!isDue(interval, now)) return { intervals, nextCheckAt: interval.end };
    if (active >= state.spec.maxActiveRuns)
      return { intervals, nextCheckAt: new Date(now.getTime() + limits.recheckBlockedMs) };
    intervals.push(interval);
    active++;
    last = interval;
  }
  return { intervals, nextCheckAt: now };
}
