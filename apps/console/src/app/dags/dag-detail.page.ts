import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import {
  EMPTY,
  Subject,
  catchError,
  combineLatest,
  defer,
  filter,
  finalize,
  map,
  of,
  repeat,
  startWith,
  switchMap,
  tap,
  timer,
} from 'rxjs';
import { apiErrorMessage } from '../core/api-error';
import { ApiService } from '../core/api.service';
import { DagDetail } from '../core/api.types';
import { SessionService } from '../core/session.service';
import { PermissionsService } from '../shared/permissions.service';
import { RunListComponent } from '../runs/run-list.component';
import { RunHistoryService, RunWithTasks, isActiveRunState } from '../runs/run-history.service';

export const RUN_POLL_INTERVAL_MS = 2000;

type DagState = { dag: DagDetail; error: null } | { dag: null; error: string | null };

@Component({
  selector: 'ud-dag-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RunListComponent],
  template: `
    <nav class="breadcrumbs small"><a routerLink="/dags">DAGs</a> / <span class="mono">{{ dagId() }}</span></nav>

    <div class="page-title">
      <h1 class="mono">{{ dagId() }}</h1>
      @if (canTrigger()) {
      <button
        class="btn btn--primary"
        type="button"
        data-testid="trigger-button"
        [disabled]="triggering() || !dagState().dag"
        (click)="trigger()"
      >
        {{ triggering() ? 'Triggering…' : 'Trigger' }}
      </button>
      }
    </div>
    @if (triggerError(); as error) {
      <p class="error" role="alert" data-testid="trigger-error">{{ error }}</p>
    }

    @if (dagState().error; as error) {
      <p class="error" role="alert">{{ error }}</p>
    } @else if (dagState().dag; as dag) {
      <section class="card">
        @if (dag.description) {
          <p>{{ dag.description }}</p>
        }
        <dl class="facts">
          <dt>Schedule</dt>
          <dd class="mono">{{ dag.schedule ?? 'None' }}</dd>
          <dt>Status</dt>
          <dd>{{ dag.isPaused ? 'Paused' : 'Active' }}{{ dag.isActive ? '' : ' (not in the active bundle)' }}</dd>
          <dt>Bundle</dt>
          <dd>{{ dag.bundleName }} v{{ dag.bundleVersion }}</dd>
        </dl>
      </section>

      <h2>Tasks</h2>
      <table class="table">
        <thead>
          <tr><th>Task</th><th>Operator</th><th>Upstream</th><th>Downstream</th></tr>
        </thead>
        <tbody>
          @for (task of dag.tasks; track task.taskId) {
            <tr data-testid="task-row" [attr.data-task-id]="task.taskId">
              <td class="mono">{{ task.taskId }}</td>
              <td>{{ task.operator }}</td>
              <td class="mono small">{{ task.upstream.join(', ') || '—' }}</td>
              <td class="mono small">{{ task.downstream.join(', ') || '—' }}</td>
            </tr>
          }
        </tbody>
      </table>
    } @else {
      <p class="muted">Loading DAG…</p>
    }

    <h2>Runs @if (polling()) {<span class="muted small">(refreshing)</span>}</h2>
    @if (runsError(); as error) {
      <p class="error" role="alert">{{ error }}</p>
    }
    @if (runs(); as runs) {
      @if (runs.length) {
        <ud-run-list [dagId]="dagId()" [runs]="runs" />
      } @else {
        <p class="muted">No runs yet.</p>
      }
    } @else {
      <p class="muted">Loading runs…</p>
    }
  `,
  styles: `
    .page-title { display: flex; align-items: center; justify-content: space-between; gap: 1rem; }
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; margin: 0; }
    .facts dt { color: #666; }
    .facts dd { margin: 0; }
  `,
})
export class DagDetailPage {
  /** Bound from the route's :dagId. */
  readonly dagId = input.required<string>();

  private readonly api = inject(ApiService);
  private readonly history = inject(RunHistoryService);
  private readonly session = inject(SessionService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly tenantSlug = computed(() => this.session.tenant()?.slug ?? null);
  private readonly reload$ = new Subject<void>();

  protected readonly runs = signal<RunWithTasks[] | null>(null);
  protected readonly runsError = signal<string | null>(null);
  protected readonly polling = computed(() => (this.runs() ?? []).some((r) => isActiveRunState(r.run.state)));
  private readonly permissions = inject(PermissionsService);
  /** A viewer (or a member whose team role does not grant it) sees no Trigger; the API refuses it anyway. */
  protected readonly canTrigger = computed(() => this.permissions.canOnDag('dags:trigger', this.dagState().dag?.team ?? null));
  protected readonly triggering = signal(false);
  protected readonly triggerError = signal<string | null>(null);

  private readonly target$ = combineLatest([toObservable(this.tenantSlug), toObservable(this.dagId)]).pipe(
    filter((pair): pair is [string, string] => pair[0] !== null),
  );

  protected readonly dagState = toSignal(
    this.target$.pipe(
      switchMap(([tenant, dagId]) =>
        this.api.getDag(tenant, dagId).pipe(
          map((dag): DagState => ({ dag, error: null })),
          catchError((err: unknown) => of<DagState>({ dag: null, error: apiErrorMessage(err) })),
          startWith<DagState>({ dag: null, error: null }),
        ),
      ),
    ),
    { initialValue: { dag: null, error: null } as DagState },
  );

  constructor() {
    // Loads the runs, then reloads them every 2 s for as long as one is queued or running.
    // A trigger restarts the cycle; leaving the page unsubscribes and so stops it.
    this.target$
      .pipe(
        tap(() => this.runs.set(null)),
        switchMap(([tenant, dagId]) =>
          this.reload$.pipe(
            startWith(undefined),
            switchMap(() =>
              defer(() => this.history.load(tenant, dagId, this.runs() ?? [])).pipe(
                tap((runs) => {
                  this.runs.set(runs);
                  this.runsError.set(null);
                }),
                catchError((err: unknown) => {
                  this.runsError.set(apiErrorMessage(err));
                  return EMPTY;
                }),
                repeat({ delay: () => (this.polling() ? timer(RUN_POLL_INTERVAL_MS) : EMPTY) }),
              ),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe();
  }

  protected trigger(): void {
    const tenant = this.tenantSlug();
    if (!tenant || this.triggering()) return;
    this.triggering.set(true);
    this.triggerError.set(null);
    this.api
      .triggerRun(tenant, this.dagId())
      .pipe(
        finalize(() => this.triggering.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (run) => {
          // Show the new run at once, so polling starts even before the list is fetched again.
          this.runs.update((runs) => [{ run, taskInstances: [] }, ...(runs ?? []).filter((r) => r.run.runId !== run.runId)]);
          this.reload$.next();
        },
        error: (err: unknown) => this.triggerError.set(apiErrorMessage(err)),
      });
  }
}
