import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { DagRun } from '@updraft/api-types';
import { stateColor } from '../../shared/state-colors';

const DAY_MS = 86_400_000;
/** A day's colour: failed if any run failed that day, else running, queued, then success. */
const DAY_ORDER = ['failed', 'running', 'queued', 'success'] as const;

/** The last weeks as a calendar, one square per day (UTC) coloured by its runs' states. */
@Component({
  selector: 'ud-run-calendar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="calendar" data-testid="run-calendar">
      @for (week of weeks(); track $index) {
        <div class="calendar__week">
          @for (day of week; track day.date) {
            <span
              class="calendar__day"
              [attr.data-date]="day.date"
              [attr.data-state]="day.state ?? 'none'"
              [style.background]="day.state ? color(day.state) : '#eef0f3'"
              [title]="day.date + (day.count ? ' · ' + day.count + ' runs · ' + day.state : ' · no runs')"
            ></span>
          }
        </div>
      }
    </div>
  `,
  styles: `
    .calendar {
      display: flex;
      gap: 3px;
      overflow-x: auto;
    }
    .calendar__week {
      display: grid;
      grid-template-rows: repeat(7, 11px);
      gap: 3px;
    }
    .calendar__day {
      width: 11px;
      height: 11px;
      border-radius: 2px;
    }
  `,
})
export class RunCalendarComponent {
  readonly runs = input.required<DagRun[]>();
  readonly weeksShown = input(17);
  protected readonly color = stateColor;

  protected readonly weeks = computed(() => {
    const byDay = new Map<string, string[]>();
    for (const run of this.runs()) {
      const day = run.logicalDate.slice(0, 10);
      byDay.set(day, [...(byDay.get(day) ?? []), run.state]);
    }
    const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    const lastSunday = today - new Date(today).getUTCDay() * DAY_MS;
    const start = lastSunday - (this.weeksShown() - 1) * 7 * DAY_MS;
    return Array.from({ length: this.weeksShown() }, (_, w) =>
      Array.from({ length: 7 }, (_, d) => {
        const date = new Date(start + (w * 7 + d) * DAY_MS).toISOString().slice(0, 10);
        const states = byDay.get(date) ?? [];
        return { date, count: states.length, state: DAY_ORDER.find((s) => states.includes(s)) ?? null };
      }),
    );
  });
}
