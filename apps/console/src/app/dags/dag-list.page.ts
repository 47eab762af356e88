import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { DAG_SORTS, DagListItem, DagSort } from '@updraft/api-types';
import { PERMISSIONS, RUN_STATES, RunState, roleHasPermission } from '@updraft/domain';
import { catchError, combineLatest, debounceTime, map, of, startWith, switchMap } from 'rxjs';
import { apiErrorMessage } from '../core/api-error';
import { SessionService } from '../core/session.service';
import { BreadcrumbsComponent } from '../shared/breadcrumbs.component';
import { cronOf, describeSchedule } from '../shared/schedule-text';
import { stateColor } from '../shared/state-colors';
import { setQueryFilters, setQueryOffset } from '../shared/url-query';
import { AdminApiService } from '../admin/admin-api.service';
import { DagApiService, DagListQuery } from './dag-api.service';
import { PauseToggleComponent } from './pause-toggle.component';

export const DAG_PAGE_SIZE = 50;
export const RECENT_RUN_DOTS = 10;

interface ListState {
  loading: boolean;
  items: DagListItem[];
  total: number;
  error: string | null;
}

const SORT_LABELS: Record<DagSort, string> = {
  dagId: 'DAG id (A–Z)',
  '-dagId': 'DAG id (Z–A)',
  nextRun: 'Next run (soonest)',
  '-nextRun': 'Next run (latest)',
  lastRun: 'Last run (oldest)',
  '-lastRun': 'Last run (newest)',
};

/** Every DAG of the tenant, searched, filtered, sorted and paged on the server; the filters live in the URL. */
@Component({
  selector: 'ud-dag-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BreadcrumbsComponent, DatePipe, PauseToggleComponent, RouterLink],
  template: `
    <ud-breadcrumbs [items]="[{ label: 'DAGs' }]" />
    <h1>DAGs</h1>

    <form class="filters" role="search" (submit)="$event.preventDefault()">
      <input
        type="search"
        class="filters__search"
        placeholder="Search DAG id or description"
        aria-label="Search DAGs"
        data-testid="dag-search"
        [value]="query().search ?? ''"
        (input)="searchText.set($any($event.target).value)"
      />
      <select
        aria-label="Paused or active"
        data-testid="filter-paused"
        [value]="pausedValue()"
        (change)="setFilter({ paused: $any($event.target).value })"
      >
        <option value="">Active and paused</option>
        <option value="false">Active only</option>
        <option value="true">Paused only</option>
      </select>
      <select
        aria-label="Last run state"
        data-testid="filter-last-run"
        [value]="query().lastRunState ?? ''"
        (change)="setFilter({ lastRunState: $any($event.target).value })"
      >
        <option value="">Any last run</option>
        @for (state of runStates; track state) {
          <option [value]="state">Last run {{ state }}</option>
        }
      </select>
      <input
        type="text"
        aria-label="Team"
        placeholder="Team"
        data-testid="filter-team"
        [value]="query().team ?? ''"
        (change)="setFilter({ team: $any($event.target).value })"
      />
      <input
        type="text"
        aria-label="Owner"
        placeholder="Owner"
        data-testid="filter-owner"
        [value]="query().owner ?? ''"
        (change)="setFilter({ owner: $any($event.target).value })"
      />
      <select
        aria-label="Sort"
        data-testid="dag-sort"
        [value]="query().sort ?? 'dagId'"
        (change)="setFilter({ sort: $any($event.target).value })"
      >
        @for (sort of sorts; track sort) {
          <option [value]="sort">{{ sortLabels[sort] }}</option>
        }
      </select>
    </form>
    @if (query().tags?.length) {
      <p class="small">
        Tags:
        @for (tag of query().tags; track tag) {
          <button
            type="button"
            class="tag tag--on"
            data-testid="active-tag"
            (click)="toggleTag(tag)"
            [title]="'Remove the tag filter ' + tag"
          >
            {{ tag }} ✕
          </button>
        }
      </p>
    }

    @if (state().error; as error) {
      <p class="error" role="alert">{{ error }}</p>
    } @else if (state().loading && state().items.length === 0) {
      <p class="muted">Loading DAGs…</p>
    } @else if (state().items.length === 0) {
      <p class="muted" data-testid="no-dags">
        {{
          filtered() ? 'No DAG matches these filters.' : 'No DAGs in this tenant yet. Upload a bundle to get started.'
        }}
      </p>
    } @else {
      <div class="table-scroll">
        <table class="table dag-table" [class.dag-table--loading]="state().loading">
          <thead>
            <tr>
              <th>DAG</th>
              <th>Schedule</th>
              <th>Next run</th>
              <th>Owner / team</th>
              <th>Recent runs</th>
              <th>SLA</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            @for (dag of state().items; track dag.dagId) {
              <tr data-testid="dag-row" [attr.data-dag-id]="dag.dagId">
                <td>
                  <a [routerLink]="['/dags', dag.dagId]" class="mono">{{ dag.dagId }}</a>
                  @if (dag.description) {
                    <div class="muted small">{{ dag.description }}</div>
                  }
                  @if (dag.tags.length) {
                    <div class="tags">
                      @for (tag of dag.tags; track tag) {
                        <button
                          type="button"
                          class="tag"
                          data-testid="dag-tag"
                          (click)="toggleTag(tag)"
                          [title]="'Show DAGs tagged ' + tag"
                        >
                          {{ tag }}
                        </button>
                      }
                    </div>
                  }
                </td>
                <td>
                  <div>{{ describe(dag.schedule) }}</div>
                  @if (cron(dag.schedule); as cron) {
                    <div class="mono small muted">{{ cron }}</div>
                  }
                </td>
                <td class="small">{{ dag.nextRunAt ? (dag.nextRunAt | date: 'yyyy-MM-dd HH:mm') : '—' }}</td>
                <td class="small">
                  {{ dag.owners.join(', ') || '—' }}
                  @if (dag.team) {
                    <div class="muted">team {{ dag.team }}</div>
                  }
                </td>
                <td>
                  <span class="dots" data-testid="recent-runs">
                    @for (run of dag.recentRuns; track run.runId) {
                      <a
                        class="dot"
                        [routerLink]="['/dags', dag.dagId, 'runs', run.runId]"
                        [style.background]="color(run.state)"
                        [attr.data-state]="run.state"
                        [title]="run.state + ' · ' + (run.logicalDate | date: 'yyyy-MM-dd HH:mm')"
                        ><span class="visually-hidden">{{ run.state }} run {{ run.runId }}</span></a
                      >
                    } @empty {
                      <span class="muted small">Never run</span>
                    }
                  </span>
                </td>
                <td>
                  @if (openIncidents()[dag.dagId]; as open) {
                    <a
                      class="sla-badge incident-badge"
                      data-testid="open-incidents"
                      [routerLink]="['/incidents']"
                      [title]="open + ' unresolved incident(s)'"
                      >{{ open }} open</a
                    >
                  }
                  @if (dag.slaMisses) {
                    <span class="sla-badge" data-testid="sla-misses" [title]="dag.slaMisses + ' SLA misses'">{{
                      dag.slaMisses
                    }}</span>
                  }
                </td>
                <td>
                  <ud-pause-toggle
                    [paused]="dag.isPaused"
                    [editable]="canEdit()"
                    [busy]="pausing() === dag.dagId"
                    (pauseRequested)="setPaused(dag, $event)"
                  />
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
      <nav class="pager small" aria-label="Pages">
        <button type="button" class="btn" data-testid="page-prev" [disabled]="offset() === 0" (click)="goToPage(-1)">
          Previous
        </button>
        <span data-testid="page-info"
          >{{ offset() + 1 }}–{{ offset() + state().items.length }} of {{ state().total }}</span
        >
        <button
          type="button"
          class="btn"
          data-testid="page-next"
          [disabled]="offset() + state().items.length >= state().total"
          (click)="goToPage(1)"
        >
          Next
        </button>
      </nav>
    }
    @if (pauseError(); as error) {
      <p class="error" role="alert">{{ error }}</p>
    }
  `,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-bottom: 0.75rem;
    }
    .filters input,
    .filters select {
      padding: 0.4rem 0.5rem;
      border: 1px solid #c4c4c4;
      border-radius: 4px;
      font: inherit;
      min-width: 0;
    }
    .filters__search {
      flex: 1 1 16rem;
    }
    .dag-table--loading {
      opacity: 0.6;
    }
    .tag {
      border: 1px solid #c5d7ef;
      background: #eef4fc;
      border-radius: 999px;
      font: inherit;
      font-size: 0.75rem;
      padding: 0 0.5rem;
      cursor: pointer;
      margin: 0.15rem 0.2rem 0 0;
    }
    .tag--on {
      background: var(--accent);
      color: #fff;
    }
    .dots {
      display: inline-flex;
      gap: 3px;
      flex-wrap: wrap;
      max-width: 9rem;
    }
    .dot {
      position: relative;
      display: inline-block;
      width: 12px;
      height: 12px;
      border-radius: 50%;
      box-shadow: inset 0 0 0 1px rgb(0 0 0 / 15%);
    }
    .incident-badge {
      background: #6a1b9a;
      margin-right: 0.25rem;
      text-decoration: none;
    }
    .sla-badge {
      background: #c62828;
      color: #fff;
      border-radius: 999px;
      padding: 0 0.5rem;
      font-size: 0.75rem;
      font-weight: 600;
    }
  `,
})
export class DagListPage {
  private readonly api = inject(DagApiService);
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly tenant = computed(() => this.session.tenant()?.slug ?? null);

  protected readonly runStates = RUN_STATES;
  protected readonly sorts = DAG_SORTS;
  protected readonly sortLabels = SORT_LABELS;
  protected readonly describe = describeSchedule;
  protected readonly cron = cronOf;
  protected readonly color = stateColor;
  protected readonly searchText = signal<string | null>(null);
  protected readonly pausing = signal<string | null>(null);
  protected readonly pauseError = signal<string | null>(null);
  private readonly reloads = signal(0);
  private readonly admin = inject(AdminApiService);
  /** Unresolved incidents per DAG, for the badges (a role without incidents:read sees none). */
  protected readonly openIncidents = signal<Record<string, number>>({});

  protected readonly canEdit = computed(() => {
    const role = this.session.tenant()?.role;
    return role !== undefined && roleHasPermission(role, PERMISSIONS.dagsEdit);
  });

  protected readonly query = toSignal(
    this.route.queryParamMap.pipe(
      map((params): DagListQuery => {
        const paused = params.get('paused');
        return {
          search: params.get('search') ?? undefined,
          tags: params.get('tags')?.split(',').filter(Boolean),
          team: params.get('team') ?? undefined,
          owner: params.get('owner') ?? undefined,
          paused: paused === 'true' ? true : paused === 'false' ? false : undefined,
          lastRunState: (params.get('lastRunState') as RunState | null) ?? undefined,
          sort: (params.get('sort') as DagSort | null) ?? undefined,
          limit: DAG_PAGE_SIZE,
          offset: Number(params.get('offset')) || 0,
          recentRuns: RECENT_RUN_DOTS,
        };
      }),
    ),
    { requireSync: true },
  );
  protected readonly offset = computed(() => this.query().offset);
  protected readonly pausedValue = computed(() =>
    this.query().paused === undefined ? '' : String(this.query().paused),
  );
  protected readonly filtered = computed(() => {
    const q = this.query();
    return Boolean(q.search || q.tags?.length || q.team || q.owner || q.paused !== undefined || q.lastRunState);
  });

  private lastItems: DagListItem[] = [];
  protected readonly state = toSignal(
    combineLatest([toObservable(this.tenant), toObservable(this.query), toObservable(this.reloads)]).pipe(
      switchMap(([tenant, query]) =>
        tenant === null
          ? of<ListState>({ loading: false, items: [], total: 0, error: 'No tenant selected.' })
          : this.api.list(tenant, query).pipe(
              map((page): ListState => ({ loading: false, items: page.items, total: page.total, error: null })),
              catchError((err: unknown) =>
                of<ListState>({ loading: false, items: [], total: 0, error: apiErrorMessage(err) }),
              ),
              startWith<ListState>({ loading: true, items: this.lastItems, total: 0, error: null }),
            ),
      ),
      map((state) => {
        if (!state.loading) this.lastItems = state.items;
        return state;
      }),
    ),
    { initialValue: { loading: true, items: [], total: 0, error: null } as ListState },
  );
  constructor() {
    toObservable(this.searchText)
      .pipe(debounceTime(250), takeUntilDestroyed())
      .subscribe((text) => {
        if (text !== null && text !== (this.query().search ?? '')) this.setFilter({ search: text });
      });
    const role = this.session.tenant()?.role;
    if (role !== undefined && roleHasPermission(role, PERMISSIONS.incidentsRead))
      this.admin.get('/incidents', {}, { state: 'unresolved', limit: 200 }).subscribe({
        next: (page) => {
          const counts: Record<string, number> = {};
          for (const incident of page.items) counts[incident.dagId] = (counts[incident.dagId] ?? 0) + 1;
          this.openIncidents.set(counts);
        },
        error: () => this.openIncidents.set({}),
      });
  }

  protected setFilter(change: Record<string, string | string[] | undefined>): void {
    setQueryFilters(this.router, this.route, change);
  }

  protected toggleTag(tag: string): void {
    const tags = this.query().tags ?? [];
    this.setFilter({ tags: tags.includes(tag) ? tags.filter((t) => t !== tag) : [...tags, tag] });
  }

  protected goToPage(direction: 1 | -1): void {
    setQueryOffset(this.router, this.route, this.offset() + direction * DAG_PAGE_SIZE);
  }

  protected setPaused(dag: DagListItem, isPaused: boolean): void {
    const tenant = this.tenant();
    if (!tenant) return;
    this.pausing.set(dag.dagId);
    this.pauseError.set(null);
    this.api.setPaused(tenant, dag.dagId, isPaused).subscribe({
      next: () => {
        this.pausing.set(null);
        this.reloads.update((n) => n + 1);
      },
      error: (err: unknown) => {
        this.pausing.set(null);
        this.pauseError.set(apiErrorMessage(err));
      },
    });
  }
}
