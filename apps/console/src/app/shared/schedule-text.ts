import { SCHEDULE_PRESETS } from '@updraft/sdk';
import cronstrue from 'cronstrue';

/** A schedule in words ("At 00:00, only on Monday"), for the cron, presets and intervals the SDK accepts. */
export function describeSchedule(schedule: string | null): string {
  if (schedule === null) return 'Manual only';
  if (schedule === '@once') return 'Once';
  if (/^(\d+(?:\.\d+)?(ms|s|m|h|d|w))+$/.test(schedule)) return `Every ${schedule}`;
  const cron = SCHEDULE_PRESETS[schedule] ?? schedule;
  try {
    return cronstrue.toString(cron, { use24HourTimeFormat: true, verbose: false });
  } catch {
    return schedule;
  }
}

/** The cron behind a preset (`@daily` → `0 0 * * *`), or the schedule itself. */
export function cronOf(schedule: string | null): string | null {
  return schedule === null ? null : (SCHEDULE_PRESETS[schedule] ?? schedule);
}
