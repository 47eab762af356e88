import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute } from '@angular/router';
import type { DagDetail, GridData } from '@updraft/api-types';
import { PERMISSIONS } from '@updraft/domain/permissions';
import {
  EMPTY,
  Subject,
  catchError,
  combineLatest,
  distinctUntilChanged,
  filter,
  map,
  startWith,
  switchMap,
  tap,
} from 'rxjs';
import { apiErrorMessage } from '../core/api-error';
import { SessionService } from '../core/session.service';
import { whileActive } from '../shared/live';
import { PermissionsService } from '../shared/permissions.service';
import { isLive } from '../shared/state-colors';
import { DagApiService } from './dag-api.service';

export const DEFAULT_GRID_RUNS = 25;

/**
 * What every tab of one DAG's page shares: the DAG, its grid data (kept live while a run is
 * active), and the run chosen in the URL (`?run=`), the newest run when none is.
 */
@Injectable()
export class DagPageStore {
  private readonly api = inject(DagApiService);
  private readonly session = inject(SessionService);
  private readonly permissions = inject(PermissionsService);
  private readonly route = inject(ActivatedRoute);
  private readonly destroyRef = inject(DestroyRef);
  private readonly reload$ = new Subject<void>();

  readonly tenant = computed(() => this.session.tenant()?.slug ?? null);
  readonly canEdit = computed(() => this.permissions.canOnDag(PERMISSIONS.dagsEdit, this.dag()?.team ?? null));
  readonly canTrigger = computed(() => this.permissions.canOnDag(PERMISSIONS.dagsTrigger, this.dag()?.team ?? null));
  readonly canDeploy = computed(() => this.permissions.can(PERMISSIONS.bundlesDeploy));

  private readonly params = toSignal(this.route.paramMap, { requireSync: true });
  private readonly query = toSignal(this.route.queryParamMap, { requireSync: true });
  readonly dagId = computed(() => this.params().get('dagId') ?? '');
  readonly gridRuns = computed(() => Number(this.query().get('runs')) || DEFAULT_GRID_RUNS);

  readonly dag = signal<DagDetail | null>(null);
  readonly dagError = signal<string | null>(null);
  readonly grid = signal<GridData | null>(null);
  readonly gridError = signal<string | null>(null);
  readonly live = computed(() => (this.grid()?.runs ?? []).some((r) => isLive(r.state)));

  readonly selectedRunId = computed(() => {
    const runs = this.grid()?.runs ?? [];
    return this.query().get('run') ?? runs[runs.length - 1]?.runId ?? null;
  });
  readonly selectedRun = computed(() => this.grid()?.runs.find((r) => r.runId === this.selectedRunId()) ?? null);

  constructor() {
    const target$ = combineLatest([toObservable(this.tenant), toObservable(this.dagId)]).pipe(
      filter((pair): pair is [string, string] => pair[0] !== null && pair[1] !== ''),
      distinctUntilChanged((a, b) => a[0] === b[0] && a[1] === b[1]),
    );
    target$
      .pipe(
        tap(() => {
          this.dag.set(null);
          this.dagError.set(null);
        }),
        switchMap(([tenant, dagId]) =>
          this.reload$.pipe(
            startWith(undefined),
            switchMap(() => this.api.get(tenant, dagId)),
            catchError((err: unknown) => {
              this.dagError.set(apiErrorMessage(err));
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((dag) => this.dag.set(dag));

    combineLatest([target$, toObservable(this.gridRuns)])
      .pipe(
        tap(() => this.grid.set(null)),
        switchMap(([[tenant, dagId], runs]) =>
          this.reload$.pipe(
            startWith(undefined),
            switchMap(() =>
              whileActive(
                () => this.api.grid(tenant, dagId, runs),
                (grid) => grid.runs.some((r) => isLive(r.state)),
              ).pipe(
                catchError((err: unknown) => {
                  this.gridError.set(apiErrorMessage(err));
                  return EMPTY;
                }),
              ),
            ),
          ),
        ),
        map((grid) => {
          this.gridError.set(null);
          return grid;
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((grid) => this.grid.set(grid));
  }

  /** Loads the DAG and its grid again, and follows a run that has just started. */
  reload(): void {
    this.reload$.next();
  }
}
