import { timetableOf } from '@updraft/sdk';
import { DataInterval, isDue, nextDataInterval, ScheduleSpec } from './schedule';

export const MAX_BACKFILL_RUNS = 1000;

/**
 * The data intervals a backfill from `from` to `to` (logical dates, both included) covers, oldest
 * first: every schedule point in the range whose interval has ended by `now`. The DAG's own
 * startDate, endDate and catchup do not limit a backfill.
 */
export function backfillIntervals(
  spec: ScheduleSpec,
  from: Date,
  to: Date,
  now: Date,
): DataInterval[] | { error: string } {
  if (from > to) return { error: 'from must not be after to' };
  const kind = timetableOf(spec.schedule, spec.timezone).kind;
  if (kind === 'manual' || kind === 'once')
    return { error: `the DAG's schedule (${spec.schedule ?? 'null'}) has no intervals to backfill` };
  const range: ScheduleSpec = { ...spec, startDate: from.toISOString(), endDate: to.toISOString(), catchup: true };
  const intervals: DataInterval[] = [];
  for (
    let interval = nextDataInterval(range, null, now);
    interval && isDue(interval, now);
    interval = nextDataInterval(range, interval, now)
  ) {
    if (intervals.length === MAX_BACKFILL_RUNS)
      return { error: `the range holds more than ${MAX_BACKFILL_RUNS} runs; backfill it in parts` };
    intervals.push(interval);
  }
  return intervals;
}
