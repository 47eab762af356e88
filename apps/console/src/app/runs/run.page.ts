import { DatePipe, JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { DagRun, TaskInstance } from '@updraft/api-types';
import { PERMISSIONS } from '@updraft/domain/permissions';
import { Subject, catchError, combineLatest, forkJoin, map, of, switchMap } from 'rxjs';
import { apiErrorMessage } from '../core/api-error';
import { DurationPipe, elapsedMs } from '../core/duration.pipe';
import { SessionService } from '../core/session.service';
import { StateBadgeComponent } from '../core/state-badge.component';
import { ConfirmFlowDialogComponent } from '../shared/confirm-flow-dialog.component';
import { ConfirmFlow } from '../shared/confirm-flow';
import { dagPermission } from '../shared/dag-permission';
import { livePoll } from '../shared/live';
import { RunApiService } from './run-api.service';

interface RunView {
  run: DagRun | null;
  taskInstances: TaskInstance[];
  error: string | null;
}

const ACTIVE_RUN = ['queued', 'running'];

/** One DAG run: when and what it ran, its task instances, and clear / mark / cancel with a confirmation. */
@Component({
  selector: 'ud-run-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, JsonPipe, RouterLink, StateBadgeComponent, DurationPipe, ConfirmFlowDialogComponent],
  template: `
    <nav class="breadcrumbs small">
      <a routerLink="/dags">DAGs</a> / <a [routerLink]="['/dags', dagId()]" class="mono">{{ dagId() }}</a> /
      <span class="mono">{{ runId() }}</span>
    </nav>
    @if (view().error; as error) {
      <p class="error" role="alert">{{ error }}</p>
    }
    @if (view().run; as run) {
      <div class="head">
        <h1>
          Run <span class="mono">{{ run.runId }}</span>
        </h1>
        <ud-state-badge [state]="run.state" data-testid="run-state" [attr.data-state]="run.state" />
      </div>
      @if (canEdit()) {
        <div class="actions" role="toolbar" aria-label="Run actions">
          <button class="btn" type="button" (click)="clear(false)" data-testid="run-clear">Clear…</button>
          <button class="btn" type="button" (click)="clear(true)" data-testid="run-clear-failed">Clear failed…</button>
          <button class="btn" type="button" (click)="mark('success')" data-testid="run-mark-success">
            Mark success…
          </button>
          <button class="btn" type="button" (click)="mark('failed')" data-testid="run-mark-failed">
            {{ active() ? 'Cancel run…' : 'Mark failed…' }}
          </button>
        </div>
      }
      <dl class="card facts">
        <div>
          <dt>Type</dt>
          <dd data-testid="run-type">{{ run.runType }}</dd>
        </div>
        <div>
          <dt>Logical date</dt>
          <dd>{{ run.logicalDate | date: 'yyyy-MM-dd HH:mm:ss' : 'UTC' }} UTC</dd>
        </div>
        <div>
          <dt>Data interval</dt>
          <dd>
            {{ run.dataIntervalStart | date: 'yyyy-MM-dd HH:mm' : 'UTC' }} →
            {{ run.dataIntervalEnd | date: 'yyyy-MM-dd HH:mm' : 'UTC' }}
          </dd>
        </div>
        <div>
          <dt>Queued</dt>
          <dd>{{ run.queuedAt | date: 'yyyy-MM-dd HH:mm:ss' }}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{{ (run.startDate | date: 'yyyy-MM-dd HH:mm:ss') || '—' }}</dd>
        </div>
        <div>
          <dt>Ended</dt>
          <dd>{{ (run.endDate | date: 'yyyy-MM-dd HH:mm:ss') || '—' }}</dd>
        </div>
        <div>
          <dt>Queued for</dt>
          <dd>{{ (waitMs() | duration) || '—' }}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd data-testid="run-duration">{{ (runMs() | duration) || '—' }}</dd>
        </div>
        <div>
          <dt>Bundle version</dt>
          <dd data-testid="run-version">{{ run.bundle ? run.bundle.name + ' v' + run.bundle.version : '—' }}</dd>
        </div>
        <div class="wide">
          <dt>Conf</dt>
          <dd>
            <pre class="mono conf" data-testid="run-conf">{{ run.conf | json }}</pre>
          </dd>
        </div>
      </dl>

      <h2>
        Task instances <span class="muted small">({{ view().taskInstances.length }})</span>
      </h2>
      <div class="scroll">
        <table class="table">
          <thead>
            <tr>
              <th>Task</th>
              <th>State</th>
              <th>Try</th>
              <th>Started</th>
              <th>Duration</th>
              <th>Host</th>
            </tr>
          </thead>
          <tbody>
            @for (ti of view().taskInstances; track ti.taskId + ':' + ti.mapIndex) {
              <tr data-testid="run-task" [attr.data-task-id]="ti.taskId" [attr.data-state]="ti.state">
                <td>
                  <a
                    class="mono"
                    [routerLink]="['/dags', dagId(), 'runs', runId(), 'tasks', ti.taskId]"
                    [queryParams]="ti.mapIndex >= 0 ? { mapIndex: ti.mapIndex } : {}"
                    >{{ ti.taskId }}{{ ti.mapIndex >= 0 ? '[' + ti.mapIndex + ']' : '' }}</a
                  >
                  @if (ti.error) {
                    <div class="error small mono" data-testid="task-error">{{ ti.error }}</div>
                  }
                </td>
                <td><ud-state-badge [state]="ti.state" /></td>
                <td class="nowrap">{{ ti.tryNumber }} / {{ ti.maxTries }}</td>
                <td>{{ (ti.startDate | date: 'HH:mm:ss') || '—' }}</td>
                <td>{{ (ti.durationMs | duration) || '—' }}</td>
                <td class="mono small">{{ ti.hostname || '—' }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    } @else if (!view().error) {
      <p class="muted">Loading the run…</p>
    }
    <ud-confirm-flow-dialog [flow]="flow" />
  `,
  styles: `
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem;
    }
    .head h1 {
      margin-bottom: 0.25rem;
      word-break: break-all;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin: 0.5rem 0 1rem;
    }
    .facts {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
      gap: 0.75rem 1.5rem;
      margin: 0;
    }
    .facts dt {
      font-size: 0.75rem;
      text-transform: uppercase;
      color: var(--muted);
    }
    .facts dd {
      margin: 0;
    }
    .facts .wide {
      grid-column: 1 / -1;
    }
    .conf {
      margin: 0;
      white-space: pre-wrap;
      word-break: break-all;
      background: #f6f7f9;
      padding: 0.5rem;
      border-radius: 4px;
    }
    .scroll {
      overflow-x: auto;
    }
    .nowrap {
      white-space: nowrap;
    }
  `,
})
export class RunPage {
  readonly dagId = input.required<string>();
  readonly runId = input.required<string>();
  /** Clear, mark and cancel need runs:edit on this DAG (docs/console.md); the API refuses them otherwise. */
  protected readonly canEdit = dagPermission(() => this.dagId(), PERMISSIONS.runsEdit);

  private readonly api = inject(RunApiService);
  private readonly session = inject(SessionService);
  private readonly refresh$ = new Subject<void>();
  protected readonly flow = new ConfirmFlow(inject(DestroyRef), () => this.refresh$.next());

  private readonly tenant = computed(() => this.session.tenant()?.slug ?? '');

  protected readonly view = toSignal(
    combineLatest([toObservable(this.tenant), toObservable(this.dagId), toObservable(this.runId)]).pipe(
      switchMap(([tenant, dagId, runId]) =>
        livePoll(
          () =>
            forkJoin([this.api.getRun(tenant, dagId, runId), this.api.allTaskInstances(tenant, dagId, runId)]).pipe(
              map(([run, taskInstances]): RunView => ({ run, taskInstances, error: null })),
              catchError((error: unknown) =>
                of<RunView>({ run: null, taskInstances: [], error: apiErrorMessage(error) }),
              ),
            ),
          (view) => view.run !== null && ACTIVE_RUN.includes(view.run.state),
          this.refresh$,
        ),
      ),
    ),
    { initialValue: { run: null, taskInstances: [], error: null } as RunView },
  );

  protected readonly active = computed(() => ACTIVE_RUN.includes(this.view().run?.state ?? ''));
  protected readonly runMs = computed(() => {
    const run = this.view().run;
    return run?.startDate ? elapsedMs(run.startDate, run.endDate ?? new Date().toISOString()) : null;
  });
  protected readonly waitMs = computed(() => {
    const run = this.view().run;
    return run?.startDate ? elapsedMs(run.queuedAt, run.startDate) : null;
  });

  protected clear(onlyFailed: boolean): void {
    const [tenant, dagId, runId] = [this.tenant(), this.dagId(), this.runId()];
    this.flow.open({
      heading: onlyFailed ? 'Clear the failed task instances' : 'Clear the whole run',
      confirmLabel: 'Clear',
      preview: () => this.api.clear(tenant, dagId, runId, { onlyFailed }, true).pipe(map((r) => r.taskInstances)),
      apply: () => this.api.clear(tenant, dagId, runId, { onlyFailed }, false),
    });
  }

  protected mark(state: 'success' | 'failed'): void {
    const [tenant, dagId, runId] = [this.tenant(), this.dagId(), this.runId()];
    const cancelling = state === 'failed' && this.active();
    this.flow.open({
      heading: cancelling ? 'Cancel the run (mark it failed)' : `Mark the run ${state}`,
      confirmLabel: cancelling ? 'Cancel run' : `Mark ${state}`,
      preview: () => this.api.previewMark(tenant, dagId, runId, state).pipe(map((r) => r.taskInstances)),
      apply: () => this.api.mark(tenant, dagId, runId, state),
      allowEmpty: true,
    });
  }
}
