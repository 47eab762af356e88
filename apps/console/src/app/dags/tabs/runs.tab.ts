import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { DagRun, DagRunState, Page } from '@updraft/api-types';
import type { RunType } from '@updraft/domain';
import { catchError, combineLatest, map, of, startWith, switchMap } from 'rxjs';
import { apiErrorMessage } from '../../core/api-error';
import { DurationPipe, elapsedMs } from '../../core/duration.pipe';
import { StateBadgeComponent } from '../../core/state-badge.component';
import { whileActive } from '../../shared/live';
import { RunStateFiltersComponent } from '../../shared/run-state-filters.component';
import { isLive } from '../../shared/state-colors';
import { setQueryFilters, setQueryOffset } from '../../shared/url-query';
import { DagApiService, RunListQuery } from '../dag-api.service';
import { DagPageStore } from '../dag-page.store';
import { RunCalendarComponent } from './run-calendar.component';
import { RunDurationsChartComponent } from './run-durations-chart.component';

export const RUNS_PAGE_SIZE = 25;
/** How many of the newest runs the calendar and the durations chart are drawn from. */
export const HISTORY_RUNS = 500;

type Loaded = { page: Page<DagRun> | null; error: string | null };

/** Every run of the DAG, filtered and paged on the server (filters in the URL), with its durations and a calendar of days. */
@Component({
  selector: 'ud-runs-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    DurationPipe,
    RouterLink,
    RunCalendarComponent,
    RunDurationsChartComponent,
    RunStateFiltersComponent,
    StateBadgeComponent,
  ],
  template: `
    <form class="filters small" (submit)="$event.preventDefault()">
      <ud-run-state-filters [state]="query().state" [runType]="query().runType" (changed)="setFilter($event)" />
      <label
        >From
        <input
          type="date"
          data-testid="runs-filter-from"
          [value]="fromDay()"
          (change)="setFilter({ from: $any($event.target).value })"
      /></label>
      <label
        >To
        <input
          type="date"
          data-testid="runs-filter-to"
          [value]="toDay()"
          (change)="setFilter({ to: $any($event.target).value })"
      /></label>
    </form>

    <div class="charts">
      @if (history(); as runs) {
        <section class="card">
          <h2 class="small">Durations</h2>
          <ud-run-durations-chart [runs]="runs" [dagId]="store.dagId()" />
        </section>
        <section class="card">
          <h2 class="small">Calendar</h2>
          <ud-run-calendar [runs]="runs" />
        </section>
      }
    </div>

    @if (loaded().error; as error) {
      <p class="error" role="alert">{{ error }}</p>
    } @else if (loaded().page; as page) {
      <div class="table-scroll">
        <table class="table">
          <thead>
            <tr>
              <th>Run</th>
              <th>State</th>
              <th>Type</th>
              <th>Logical date</th>
              <th>Started</th>
              <th>Duration</th>
            </tr>
          </thead>
          <tbody>
            @for (run of page.items; track run.runId) {
              <tr data-testid="runs-row" [attr.data-run-id]="run.runId" [attr.data-state]="run.state">
                <td>
                  <a class="mono small" [routerLink]="['/dags', store.dagId(), 'runs', run.runId]">{{ run.runId }}</a>
                </td>
                <td><ud-state-badge [state]="run.state" /></td>
                <td>{{ run.runType }}</td>
                <td class="small">{{ run.logicalDate | date: 'yyyy-MM-dd HH:mm' : 'UTC' }}</td>
                <td class="small">{{ run.startDate ? (run.startDate | date: 'yyyy-MM-dd HH:mm:ss' : 'UTC') : '—' }}</td>
                <td class="small">{{ elapsed(run) | duration }}</td>
              </tr>
            } @empty {
              <tr>
                <td colspan="6" class="muted" data-testid="runs-empty">No run matches.</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
      <nav class="pager small" aria-label="Pages">
        <button
          type="button"
          class="btn"
          data-testid="runs-prev"
          [disabled]="query().offset === 0"
          (click)="goToPage(-1)"
        >
          Previous
        </button>
        <span data-testid="runs-page-info"
          >{{ page.total ? query().offset + 1 : 0 }}–{{ query().offset + page.items.length }} of {{ page.total }}</span
        >
        <button
          type="button"
          class="btn"
          data-testid="runs-next"
          [disabled]="query().offset + page.items.length >= page.total"
          (click)="goToPage(1)"
        >
          Next
        </button>
      </nav>
    } @else {
      <p class="muted">Loading runs…</p>
    }
  `,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
      margin-bottom: 0.75rem;
    }
    .charts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
      gap: 0.75rem;
      margin-bottom: 0.75rem;
    }
    .charts h2 {
      margin: 0 0 0.5rem;
    }
  `,
})
export class RunsTab {
  protected readonly store = inject(DagPageStore);
  private readonly api = inject(DagApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly query = toSignal(
    this.route.queryParamMap.pipe(
      map((params): RunListQuery => ({
        state: (params.get('state') as DagRunState | null) ?? undefined,
        runType: (params.get('runType') as RunType | null) ?? undefined,
        logicalDateFrom: params.get('from') ? `${params.get('from')}T00:00:00Z` : undefined,
        logicalDateTo: params.get('to')
          ? new Date(Date.parse(`${params.get('to')}T00:00:00Z`) + 86_400_000).toISOString()
          : undefined,
        limit: RUNS_PAGE_SIZE,
        offset: Number(params.get('offset')) || 0,
      })),
    ),
    { requireSync: true },
  );

  protected readonly loaded = toSignal(
    combineLatest([toObservable(this.store.tenant), toObservable(this.store.dagId), toObservable(this.query)]).pipe(
      switchMap(([tenant, dagId, query]) =>
        tenant === null
          ? of<Loaded>({ page: null, error: null })
          : whileActive(
              () => this.api.runs(tenant, dagId, query),
              (page) => page.items.some((r) => isLive(r.state)),
            ).pipe(
              map((page): Loaded => ({ page, error: null })),
              catchError((err: unknown) => of<Loaded>({ page: null, error: apiErrorMessage(err) })),
              startWith<Loaded>({ page: null, error: null }),
            ),
      ),
    ),
    { initialValue: { page: null, error: null } as Loaded },
  );

  protected readonly history = toSignal(
    combineLatest([toObservable(this.store.tenant), toObservable(this.store.dagId)]).pipe(
      switchMap(([tenant, dagId]) =>
        tenant === null
          ? of(null)
          : this.api.runs(tenant, dagId, { limit: HISTORY_RUNS, offset: 0 }).pipe(
              map((page) => page.items),
              catchError(() => of(null)),
            ),
      ),
    ),
  );

  protected readonly elapsed = (run: DagRun) => elapsedMs(run.startDate, run.endDate);
  private readonly params = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly fromDay = computed(() => this.params().get('from') ?? '');
  protected readonly toDay = computed(() => this.params().get('to') ?? '');

  protected setFilter(change: Record<string, string>): void {
    setQueryFilters(this.router, this.route, change);
  }

  protected goToPage(direction: 1 | -1): void {
    setQueryOffset(this.router, this.route, this.query().offset + direction * RUNS_PAGE_SIZE);
  }
}
