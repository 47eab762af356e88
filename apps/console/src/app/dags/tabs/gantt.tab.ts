import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import type { TaskInstance, TaskTry } from '@updraft/api-types';
import { EMPTY, Observable, catchError, forkJoin, map, of, switchMap } from 'rxjs';
import { formatDuration } from '../../core/duration.pipe';
import { whileActive } from '../../shared/live';
import { isLive, stateColor } from '../../shared/state-colors';
import { TaskInstanceApiService } from '../../task-instances/task-instance-api.service';
import { DagApiService } from '../dag-api.service';
import { DagPageStore } from '../dag-page.store';
import { RunPickerComponent } from '../run-picker.component';

/** A try before the current one, named by its task instance. */
type EarlierTry = TaskTry & { taskId: string; mapIndex: number };

interface Bar {
  key: string;
  taskId: string;
  tryNumber: number;
  label: string;
  state: string;
  queuedLeft: number;
  queuedWidth: number;
  runLeft: number;
  runWidth: number;
  title: string;
}

/**
 * One run's task instances on a time line: the grey part queued, the coloured part running; a task
 * that ran more than once has a bar for each earlier try too (their queued time is not kept).
 */
@Component({
  selector: 'ud-gantt-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RunPickerComponent],
  template: `
    <div class="toolbar"><ud-run-picker /></div>
    @if (!store.selectedRunId()) {
      <p class="muted">No runs yet.</p>
    } @else if (bars(); as bars) {
      <p class="small muted">{{ span() }}</p>
      <div class="gantt" data-testid="gantt">
        @for (bar of bars; track bar.key) {
          <div
            class="gantt__row"
            data-testid="gantt-row"
            [attr.data-task-id]="bar.taskId"
            [attr.data-try]="bar.tryNumber"
            [attr.data-state]="bar.state"
          >
            <span class="gantt__label mono small" [title]="bar.label">{{ bar.label }}</span>
            <span class="gantt__track" [title]="bar.title">
              <span class="gantt__queued" [style.left.%]="bar.queuedLeft" [style.width.%]="bar.queuedWidth"></span>
              <span
                class="gantt__run"
                [style.left.%]="bar.runLeft"
                [style.width.%]="bar.runWidth"
                [style.background]="color(bar.state)"
              ></span>
            </span>
          </div>
        } @empty {
          <p class="muted">No task of this run has been queued yet.</p>
        }
      </div>
    } @else {
      <p class="muted">Loading the run's task instances…</p>
    }
  `,
  styles: `
    .toolbar {
      margin-bottom: 0.5rem;
    }
    .gantt {
      background: #fff;
      border: 1px solid var(--border);
      border-radius: 6px;
      padding: 0.5rem;
      max-height: 75vh;
      overflow: auto;
    }
    .gantt__row {
      display: grid;
      grid-template-columns: minmax(6rem, 14rem) 1fr;
      gap: 0.5rem;
      align-items: center;
      height: 22px;
    }
    .gantt__label {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .gantt__track {
      position: relative;
      height: 14px;
      background: #f3f4f6;
      border-radius: 3px;
    }
    .gantt__queued,
    .gantt__run {
      position: absolute;
      top: 0;
      height: 100%;
      border-radius: 3px;
    }
    .gantt__queued {
      background: #bdbdbd;
    }
    .gantt__run {
      min-width: 2px;
    }
  `,
})
export class GanttTab {
  protected readonly store = inject(DagPageStore);
  private readonly api = inject(DagApiService);
  private readonly taskApi = inject(TaskInstanceApiService);
  protected readonly color = stateColor;

  private readonly target = computed(
    () => ({ tenant: this.store.tenant(), dagId: this.store.dagId(), runId: this.store.selectedRunId() }),
    {
      equal: (a, b) => a.tenant === b.tenant && a.dagId === b.dagId && a.runId === b.runId,
    },
  );

  private readonly instances = toSignal(
    toObservable(this.target).pipe(
      switchMap(({ tenant, dagId, runId }) =>
        !tenant || !runId
          ? EMPTY
          : whileActive(
              () =>
                this.api
                  .taskInstances(tenant, dagId, runId)
                  .pipe(switchMap((page) => this.withEarlierTries(tenant, dagId, runId, page.items))),
              ({ items }) => items.some((ti) => isLive(ti.state)),
            ).pipe(catchError(() => EMPTY)),
      ),
    ),
  );

  /** The tries before the current one, of each instance that has them (one call per such instance). */
  private withEarlierTries(
    tenant: string,
    dagId: string,
    runId: string,
    items: TaskInstance[],
  ): Observable<{ items: TaskInstance[]; earlier: EarlierTry[][] }> {
    const retried = items.filter((ti) => ti.tryNumber > 1);
    if (retried.length === 0) return of({ items, earlier: [] });
    return forkJoin(
      retried.map((ti) =>
        this.taskApi.tries({ tenant, dagId, runId, taskId: ti.taskId, mapIndex: ti.mapIndex }).pipe(
          map(({ items: tries }) => tries.filter((t) => t.tryNumber < ti.tryNumber)),
          catchError(() => of([] as TaskTry[])),
        ),
      ),
    ).pipe(
      map((earlier) => ({
        items,
        earlier: earlier.map((tries, i) =>
          tries.map((t) => ({ ...t, taskId: retried[i].taskId, mapIndex: retried[i].mapIndex })),
        ),
      })),
    );
  }

  private readonly window = computed(() => {
    const items = [...(this.instances()?.items ?? []), ...(this.instances()?.earlier.flat() ?? [])].map((t) => ({
      queuedAt: 'queuedAt' in t ? t.queuedAt : null,
      startDate: t.startDate,
      endDate: t.endDate,
    }));
    const starts = items.flatMap((ti) =>
      [ti.queuedAt, ti.startDate].filter((d): d is string => d !== null).map(Date.parse),
    );
    const ends = items.flatMap((ti) => (ti.endDate ? [Date.parse(ti.endDate)] : ti.startDate ? [Date.now()] : []));
    if (starts.length === 0) return null;
    const from = Math.min(...starts);
    const to = Math.max(from + 1000, ...ends, ...starts);
    return { from, to };
  });

  protected readonly span = computed(() => {
    const w = this.window();
    return w
      ? `${new Date(w.from).toISOString().replace('T', ' ').slice(0, 19)} UTC, ${formatDuration(w.to - w.from)} in all`
      : '';
  });

  protected readonly bars = computed((): Bar[] | null => {
    const loaded = this.instances();
    if (!loaded) return null;
    const w = this.window();
    if (!w) return [];
    const pct = (t: number) => ((t - w.from) / (w.to - w.from)) * 100;
    const bar = (
      t: { taskId: string; mapIndex: number; tryNumber: number; state: string | null },
      queuedAt: string | null,
      startDate: string | null,
      endDate: string | null,
    ): Bar => {
      const queued = queuedAt ? Date.parse(queuedAt) : null;
      const start = startDate ? Date.parse(startDate) : null;
      const end = endDate ? Date.parse(endDate) : start !== null ? Date.now() : null;
      const queuedUntil = start ?? Date.now();
      const state = t.state ?? 'none';
      const label = `${t.taskId}${t.mapIndex >= 0 ? ` [${t.mapIndex}]` : ''}${t.tryNumber > 1 || queuedAt === null ? ` · try ${t.tryNumber}` : ''}`;
      return {
        key: `${t.taskId}:${t.mapIndex}:${t.tryNumber}`,
        taskId: t.taskId,
        tryNumber: t.tryNumber,
        label,
        state,
        queuedLeft: queued === null ? 0 : pct(queued),
        queuedWidth: queued === null ? 0 : pct(queuedUntil) - pct(queued),
        runLeft: start === null ? 0 : pct(start),
        runWidth: start === null || end === null ? 0 : pct(end) - pct(start),
        title: `${label} · ${state}${queued !== null && start !== null ? ` · queued ${formatDuration(start - queued)}` : ''}${start !== null && end !== null ? ` · ran ${formatDuration(end - start)}` : ''}`,
      };
    };
    const current = loaded.items
      .filter((ti) => ti.queuedAt || ti.startDate)
      .map((ti: TaskInstance) => ({
        at: ti.startDate ?? ti.queuedAt ?? '',
        bar: bar(ti, ti.queuedAt, ti.startDate, ti.endDate),
      }));
    const earlier = loaded.earlier.flat().map((t) => ({ at: t.startDate, bar: bar(t, null, t.startDate, t.endDate) }));
    return [...current, ...earlier].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).map((b) => b.bar);
  });
}
