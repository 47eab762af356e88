import { CronExpressionParser } from 'cron-parser';
import { parseDuration } from './duration';

/** The cron behind each preset schedule. */
export const SCHEDULE_PRESETS: Record<string, string> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
};

/** How a schedule is read: manual only, `@once`, a 5-field cron (presets included), or a fixed duration. */
export type Timetable =
  { kind: 'manual' } | { kind: 'once' } | { kind: 'cron'; expression: string } | { kind: 'delta'; ms: number };

const DURATION = /^(\d+(?:\.\d+)?(ms|s|m|h|d|w))+$/;

/**
 * Reads a schedule string.
 * @throws Error naming the schedule and what is wrong with it.
 */
export function timetableOf(schedule: string | null, timezone = 'UTC'): Timetable {
  if (schedule === null) return { kind: 'manual' };
  if (schedule === '@once') return { kind: 'once' };
  if (DURATION.test(schedule)) {
    const ms = parseDuration(schedule);
    if (ms <= 0) throw new Error(`invalid schedule '${schedule}': the interval must be longer than zero`);
    return { kind: 'delta', ms };
  }
  const expression = SCHEDULE_PRESETS[schedule] ?? schedule;
  if (expression.startsWith('@'))
    throw new Error(
      `invalid schedule '${schedule}': unknown preset (use @once, @hourly, @daily, @weekly, @monthly or @yearly)`,
    );
  if (expression.trim().split(/\s+/).length !== 5)
    throw new Error(`invalid schedule '${schedule}': a cron expression has 5 fields (minute hour day month weekday)`);
  try {
    CronExpressionParser.parse(expression, { tz: timezone });
  } catch (error) {
    throw new Error(`invalid schedule '${schedule}': ${(error as Error).message}`);
  }
  return { kind: 'cron', expression };
}
