import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { DagRun, DagRunState, Page } from '@updraft/api-types';
import type { RunType } from '@updraft/domain';
import { catchError, combineLatest, map, of, startWith, switchMap } from 'rxjs';
import { apiErrorMessage } from '../core/api-error';
import { DurationPipe, elapsedMs } from '../core/duration.pipe';
import { SessionService } from '../core/session.service';
import { StateBadgeComponent } from '../core/state-badge.component';
import { DagApiService } from '../dags/dag-api.service';
import { BreadcrumbsComponent } from '../shared/breadcrumbs.component';
import { whileActive } from '../shared/live';
import { RunStateFiltersComponent } from '../shared/run-state-filters.component';
import { isLive } from '../shared/state-colors';
import { setQueryFilters, setQueryOffset } from '../shared/url-query';

export const ALL_RUNS_PAGE_SIZE = 50;

type Loaded = { page: Page<DagRun> | null; error: string | null };

/** Runs of every DAG, newest first, filtered by state and type (in the URL), live while one is active. */
@Component({
  selector: 'ud-runs-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BreadcrumbsComponent, DatePipe, DurationPipe, RouterLink, RunStateFiltersComponent, StateBadgeComponent],
  template: `
    <ud-breadcrumbs [items]="[{ label: 'Runs' }]" />
    <h1>Runs</h1>
    <form class="filters small" (submit)="$event.preventDefault()">
      <ud-run-state-filters
        testIdPrefix="all-runs"
        [state]="query().state"
        [runType]="query().runType"
        (changed)="filter($event)"
      />
    </form>
    @if (loaded().error; as error) {
      <p class="error" role="alert">{{ error }}</p>
    } @else if (loaded().page; as page) {
      <div class="table-scroll">
        <table class="table">
          <thead>
            <tr>
              <th>DAG</th>
              <th>Run</th>
              <th>State</th>
              <th>Type</th>
              <th>Logical date</th>
              <th>Duration</th>
            </tr>
          </thead>
          <tbody>
            @for (run of page.items; track run.dagId + run.runId) {
              <tr data-testid="all-runs-row" [attr.data-dag-id]="run.dagId" [attr.data-state]="run.state">
                <td>
                  <a class="mono" [routerLink]="['/dags', run.dagId]">{{ run.dagId }}</a>
                </td>
                <td>
                  <a class="mono small" [routerLink]="['/dags', run.dagId, 'runs', run.runId]">{{ run.runId }}</a>
                </td>
                <td><ud-state-badge [state]="run.state" /></td>
                <td>{{ run.runType }}</td>
                <td class="small">{{ run.logicalDate | date: 'yyyy-MM-dd HH:mm' : 'UTC' }}</td>
                <td class="small">{{ elapsed(run) | duration }}</td>
              </tr>
            } @empty {
              <tr>
                <td colspan="6" class="muted">No run matches.</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
      <nav class="pager small" aria-label="Pages">
        <button type="button" class="btn" [disabled]="query().offset === 0" (click)="goToPage(-1)">Previous</button>
        <span
          >{{ page.total ? query().offset + 1 : 0 }}–{{ query().offset + page.items.length }} of {{ page.total }}</span
        >
        <button
          type="button"
          class="btn"
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
      gap: 0.5rem 1rem;
      margin-bottom: 0.75rem;
    }
  `,
})
export class RunsPage {
  private readonly api = inject(DagApiService);
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly tenant = computed(() => this.session.tenant()?.slug ?? null);
  protected readonly elapsed = (run: DagRun) => elapsedMs(run.startDate, run.endDate);

  protected readonly query = toSignal(
    this.route.queryParamMap.pipe(
      map((params) => ({
        state: (params.get('state') as DagRunState | null) ?? undefined,
        runType: (params.get('runType') as RunType | null) ?? undefined,
        limit: ALL_RUNS_PAGE_SIZE,
        offset: Number(params.get('offset')) || 0,
      })),
    ),
    { requireSync: true },
  );

  protected readonly loaded = toSignal(
    combineLatest([toObservable(this.tenant), toObservable(this.query)]).pipe(
      switchMap(([tenant, query]) =>
        tenant === null
          ? of<Loaded>({ page: null, error: 'No tenant selected.' })
          : whileActive(
              () => this.api.allRuns(tenant, query),
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

  protected filter(change: Record<string, string>): void {
    setQueryFilters(this.router, this.route, change);
  }

  protected goToPage(direction: 1 | -1): void {
    setQueryOffset(this.router, this.route, this.query().offset + direction * ALL_RUNS_PAGE_SIZE);
  }
}
