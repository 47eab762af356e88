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

function cronAfter(expression: string, timezone: string, after: Date): Date {
  return CronExpressionParser.parse(expression, { currentDate: after, tz: timezone }).next().toDate();
}

function cronBefore(expression: string, timezone: string, before: Date): Date {
  return CronExpressionParser.parse(expression, { currentDate: before, tz: timezone }).prev().toDate();
}

/**
 * The data interval the next scheduled run covers, after the last one (Airflow 2's meaning: a
 * run for [start, end) is due once `end` has passed; its logical date is `start`). Without
 * catchup, missed intervals are skipped up to the latest complete one. Null when the DAG will
 * never run again on schedule (manual, @once already run, past its end date).
 */
export function nextDataInterval(spec: ScheduleSpec, last: DataInterval | null, now: Date): DataInterval | null {
  const timetable = timetableOf(spec.schedule, spec.timezone);
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
