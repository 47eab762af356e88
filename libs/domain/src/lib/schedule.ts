import { timetableOf } from '@updraft/sdk';
import { CronExpressionParser } from 'cron-parser';

export interface DataInterval {
  start: Date;
  end: Date;
}

export interface ScheduleSpec {
  schedule: string | null;
  startDate: string | null;
  endDate: string | null;
  timezone: string;
  catchup: boolean;
}

/**
 * Cron math costs about a millisecond a call (parsing, time zones), and a scheduler pass asks the
 * same questions for every DAG on the same schedule (10,000 minutely DAGs: 60,000 calls a minute,
 * all alike). Answers depend on their arguments only, so they are kept; the memo is dropped
 * whole when it fills.
 */
const CRON_MEMO_SIZE = 10_000;
const cronMemo = new Map<string, number>();

function cronStep(expression: string, timezone: string, from: Date, direction: 'next' | 'prev'): Date {
  const key = `${direction} ${from.getTime()} ${timezone} ${expression}`;
  const known = cronMemo.get(key);
  if (known !== undefined) return new Date(known);
  const iterator = CronExpressionParser.parse(expression, { currentDate: from, tz: timezone });
  const at = (direction === 'next' ? iterator.next() : iterator.prev()).toDate();
  if (cronMemo.size >= CRON_MEMO_SIZE) cronMemo.clear();
  cronMemo.set(key, at.getTime());
  return at;
}

const timetables = new Map<string, ReturnType<typeof timetableOf>>();

/** timetableOf validates a cron expression by parsing it: once per schedule and time zone is enough. */
function knownTimetable(schedule: string | null, timezone: string): ReturnType<typeof timetableOf> {
  const key = `${timezone} ${schedule}`;
  let timetable = timetables.get(key);
  if (!timetable) {
    timetable = timetableOf(schedule, timezone);
    if (timetables.size >= CRON_MEMO_SIZE) timetables.clear();
    timetables.set(key, timetable);
  }
  return timetable;
}

function cronAfter(expression: string, timezone: string, after: Date): Date {
  return cronStep(expression, timezone, after, 'next');
}

function cronBefore(expression: string, timezone: string, before: Date): Date {
  return cronStep(expression, timezone, before, 'prev');
}

/**
 * The data interval the next scheduled run covers, after the last one (Airflow 2's meaning: a
 * run for [start, end) is due once `end` has passed; its logical date is `start`). Without
 * catchup, missed intervals are skipped up to the latest complete one. Null when the DAG will
 * never run again on schedule (manual, @once already run, past its end date).
 */
export function nextDataInterval(spec: ScheduleSpec, last: DataInterval | null, now: Date): DataInterval | null {
  const timetable = knownTimetable(spec.schedule, spec.timezone);
  if (timetable.kind === 'manual' || !spec.startDate) return null;
  const startDate = new Date(spec.startDate);
  let interval: DataInterval;
  if (timetable.kind === 'once') {
    if (last) return null;
    interval = { start: startDate, end: startDate };
  } else if (timetable.kind === 'delta') {
    let start = last ? last.end : startDate;
    if (!spec.catchup && now.getTime() - start.getTime() >= 2 * timetable.ms) {
      const complete = Math.floor((now.getTime() - startDate.getTime()) / timetable.ms);
      start = new Date(Math.max(start.getTime(), startDate.getTime() + (complete - 1) * timetable.ms));
    }
    interval = { start, end: new Date(start.getTime() + timetable.ms) };
  } else {
    const { expression } = timetable;
    let start = last ? last.end : cronAfter(expression, spec.timezone, new Date(startDate.getTime() - 1));
    if (!spec.catchup) {
      const latestEnd = cronBefore(expression, spec.timezone, new Date(now.getTime() + 1));
      const latestStart = cronBefore(expression, spec.timezone, latestEnd);
      if (latestStart > start) start = latestStart;
    }
    interval = { start, end: cronAfter(expression, spec.timezone, start) };
  }
  if (spec.endDate && interval.start > new Date(spec.endDate)) return null;
  return interval;
}

/** Whether a run for this interval may be created now. */
export function isDue(interval: DataInterval, now: Date): boolean {
  return interval.end.getTime() <= now.getTime();
}
