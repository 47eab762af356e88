import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Router } from '@angular/router';
import type { DagRun } from '@updraft/api-types';
import { elapsedMs, formatDuration } from '../../core/duration.pipe';
import { stateColor } from '../../shared/state-colors';

const WIDTH = 600;
const HEIGHT = 140;

/** Each finished run's duration over time (oldest left), coloured by its state; a bar opens its run. */
@Component({
  selector: 'ud-run-durations-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (bars().length) {
      <svg
        class="chart"
        [attr.viewBox]="'0 0 ' + width + ' ' + (height + 16)"
        preserveAspectRatio="none"
        data-testid="durations-chart"
        role="img"
        aria-label="Run durations"
      >
        @for (bar of bars(); track bar.runId) {
          <rect
            [attr.x]="bar.x"
            [attr.y]="height - bar.h"
            [attr.width]="bar.w"
            [attr.height]="bar.h"
            [attr.fill]="bar.color"
            (click)="open(bar.runId)"
          >
            <title>{{ bar.title }}</title>
          </rect>
        }
        <text x="0" [attr.y]="height + 13" class="axis">{{ first() }}</text>
        <text [attr.x]="width" [attr.y]="height + 13" text-anchor="end" class="axis">{{ last() }}</text>
        <text x="2" y="10" class="axis">{{ longest() }}</text>
      </svg>
    } @else {
      <p class="muted small">No finished run yet.</p>
    }
  `,
  styles: `
    .chart {
      width: 100%;
      height: 9.5rem;
    }
    rect {
      cursor: pointer;
    }
    .axis {
      font-size: 11px;
      fill: #777;
    }
  `,
})
export class RunDurationsChartComponent {
  readonly runs = input.required<DagRun[]>();
  readonly dagId = input.required<string>();
  private readonly router = inject(Router);
  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;

  private readonly finished = computed(() =>
    this.runs()
      .map((run) => ({ run, ms: elapsedMs(run.startDate, run.endDate) }))
      .filter((r): r is { run: DagRun; ms: number } => r.ms !== null)
      .reverse(),
  );
  private readonly max = computed(() => Math.max(1, ...this.finished().map((r) => r.ms)));
  protected readonly longest = computed(() => formatDuration(this.max()));
  protected readonly first = computed(() => this.finished()[0]?.run.logicalDate.slice(0, 10) ?? '');
  protected readonly last = computed(() => this.finished().at(-1)?.run.logicalDate.slice(0, 10) ?? '');
  protected readonly bars = computed(() => {
    const list = this.finished();
    // A few runs get narrow bars too, so the chart reads as a series rather than blocks.
    const step = Math.min(WIDTH / Math.max(list.length, 1), 24);
    return list.map(({ run, ms }, i) => ({
      runId: run.runId,
      x: i * step + step * 0.1,
      w: Math.max(step * 0.8, 0.5),
      h: Math.max(1, (ms / this.max()) * HEIGHT),
      color: stateColor(run.state),
      title: `${run.runId} · ${run.state} · ${formatDuration(ms)}`,
    }));
  });

  protected open(runId: string): void {
    void this.router.navigate(['/dags', this.dagId(), 'runs', runId]);
  }
}
