import { DatePipe, JsonPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { TaskDependencies, TaskInstance, TaskTry, XComEntry } from '@updraft/api-types';
import { PERMISSIONS } from '@updraft/domain/permissions';
import { Subject, catchError, combineLatest, forkJoin, map, of, switchMap } from 'rxjs';
import { apiErrorMessage } from '../core/api-error';
import { DurationPipe } from '../core/duration.pipe';
import { SessionService } from '../core/session.service';
import { StateBadgeComponent } from '../core/state-badge.component';
import { RunApiService } from '../runs/run-api.service';
import { ConfirmFlowDialogComponent } from '../shared/confirm-flow-dialog.component';
import { ConfirmFlow } from '../shared/confirm-flow';
import { dagPermission } from '../shared/dag-permission';
import { livePoll } from '../shared/live';
import { LogViewerComponent } from '../shared/log-viewer.component';
import { TaskInstanceApiService, TaskInstanceRef } from './task-instance-api.service';
import { TaskLogFollower } from './task-log-follower';

interface TaskView {
  ti: TaskInstance | null;
  tries: TaskTry[];
  dependencies: TaskDependencies | null;
  xcom: XComEntry[];
  error: string | null;
}

const WAITING = ['none', 'scheduled', 'up_for_retry', 'up_for_reschedule', 'awaiting_input'];
const MOVING = [...WAITING, 'queued', 'running'];
const EMPTY_VIEW: TaskView = { ti: null, tries: [], dependencies: null, xcom: [], error: null };

/** One task instance: its tries, its log (live while it runs), why it waits, its XComs, and clear / mark. */
@Component({
  selector: 'ud-task-instance-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    JsonPipe,
    RouterLink,
    StateBadgeComponent,
    DurationPipe,
    ConfirmFlowDialogComponent,
    LogViewerComponent,
  ],
  template: `
    <nav class="breadcrumbs small">
      <a routerLink="/dags">DAGs</a> / <a [routerLink]="['/dags', dagId()]" class="mono">{{ dagId() }}</a> /
      <a [routerLink]="['/dags', dagId(), 'runs', runId()]" class="mono" data-testid="ti-run-link">{{ runId() }}</a> /
      <span class="mono">{{ taskId() }}</span>
    </nav>
    @if (view().error; as error) {
      <p class="error" role="alert">{{ error }}</p>
    }
    @if (view().ti; as ti) {
      <div class="head">
        <h1 class="mono">{{ ti.taskId }}{{ ti.mapIndex >= 0 ? '[' + ti.mapIndex + ']' : '' }}</h1>
        <ud-state-badge [state]="ti.state" data-testid="ti-state" [attr.data-state]="ti.state" />
      </div>
      @if (canEdit()) {
        <div class="actions" role="toolbar" aria-label="Task instance actions">
          <button class="btn" type="button" (click)="clear()" data-testid="ti-clear">Clear…</button>
          <button class="btn" type="button" (click)="mark('success')" data-testid="ti-mark-success">
            Mark success…
          </button>
          <button class="btn" type="button" (click)="mark('failed')" data-testid="ti-mark-failed">Mark failed…</button>
        </div>
      }
      <dl class="card facts">
        <div>
          <dt>Operator</dt>
          <dd class="mono">{{ ti.operator }}</dd>
        </div>
        <div>
          <dt>Try</dt>
          <dd>{{ ti.tryNumber }} of {{ ti.maxTries }}</dd>
        </div>
        <div>
          <dt>Host</dt>
          <dd class="mono">{{ ti.hostname || '—' }}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{{ (ti.durationMs | duration) || '—' }}</dd>
        </div>
        @if (ti.error) {
          <div class="wide">
            <dt>Error</dt>
            <dd class="error mono" data-testid="ti-error">{{ ti.error }}</dd>
          </div>
        }
      </dl>

      @if (waiting().length) {
        <section class="card why" data-testid="ti-why">
          <h2>Why it is not running yet</h2>
          <ul>
            @for (d of waiting(); track d.name) {
              <li data-testid="ti-why-reason" [attr.data-dependency]="d.name">
                <span class="mono small">{{ d.name }}</span> {{ d.reason }}
              </li>
            }
          </ul>
        </section>
      }

      <h2>Tries</h2>
      @if (view().tries.length === 0) {
        <p class="muted">No try has started yet.</p>
      } @else {
        <div class="scroll">
          <table class="table">
            <thead>
              <tr>
                <th>Try</th>
                <th>State</th>
                <th>Host</th>
                <th>Started</th>
                <th>Ended</th>
                <th>Duration</th>
                <th>Exit reason</th>
              </tr>
            </thead>
            <tbody>
              @for (t of view().tries; track t.tryNumber) {
                <tr [class.current]="t.tryNumber === selectedTry()" data-testid="ti-try" [attr.data-try]="t.tryNumber">
                  <td>
                    <a [routerLink]="[]" [queryParams]="{ try: t.tryNumber }" queryParamsHandling="merge"
                      >try {{ t.tryNumber }}</a
                    >
                  </td>
                  <td><ud-state-badge [state]="t.state ?? 'running'" /></td>
                  <td class="mono small">{{ t.hostname || '—' }}</td>
                  <td>{{ t.startDate | date: 'yyyy-MM-dd HH:mm:ss' }}</td>
                  <td>{{ (t.endDate | date: 'HH:mm:ss') || '—' }}</td>
                  <td>{{ (t.durationMs | duration) || '—' }}</td>
                  <td class="small">{{ t.exitReason || '' }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }

      @if (selectedTry() > 0) {
        <h2>
          Log of try {{ selectedTry() }}
          @if (follower.live()) {
            <span class="live small" data-testid="log-live">● live</span>
          }
        </h2>
        @if (follower.error(); as error) {
          <p class="error" role="alert">{{ error }}</p>
        }
        <ud-log-viewer [lines]="follower.lines()" [fileName]="logFileName()" />
      }

      <h2>XCom</h2>
      @if (view().xcom.length === 0) {
        <p class="muted">No XCom entries.</p>
      } @else {
        <table class="table">
          <thead>
            <tr>
              <th>Key</th>
              <th>Map index</th>
              <th>Value</th>
            </tr>
          </thead>
          <tbody>
            @for (x of view().xcom; track x.key + ':' + x.mapIndex) {
              <tr data-testid="ti-xcom">
                <td class="mono">{{ x.key }}</td>
                <td>{{ x.mapIndex }}</td>
                <td>
                  <pre class="mono xcom">{{ x.value | json }}</pre>
                </td>
              </tr>
            }
          </tbody>
        </table>
      }
    } @else if (!view().error) {
      <p class="muted">Loading the task instance…</p>
    }
    <ud-confirm-flow-dialog [flow]="flow">
      @if (clearOptions(); as o) {
        <fieldset class="options">
          <legend class="small">Also clear</legend>
          <label
            ><input
              type="checkbox"
              [checked]="o.upstream"
              (change)="setClearOption('upstream', $any($event.target).checked)"
              data-testid="clear-upstream"
            />
            upstream</label
          >
          <label
            ><input
              type="checkbox"
              [checked]="o.downstream"
              (change)="setClearOption('downstream', $any($event.target).checked)"
              data-testid="clear-downstream"
            />
            downstream</label
          >
          <label
            ><input
              type="checkbox"
              [checked]="o.onlyFailed"
              (change)="setClearOption('onlyFailed', $any($event.target).checked)"
              data-testid="clear-only-failed"
            />
            only failed</label
          >
        </fieldset>
      }
    </ud-confirm-flow-dialog>
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
      grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
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
    .why {
      margin-top: 1rem;
      border-color: #f0c36d;
      background: #fffaf0;
    }
    .why h2 {
      margin-top: 0;
    }
    .why ul {
      margin: 0;
      padding-left: 1.2rem;
    }
    .scroll {
      overflow-x: auto;
    }
    tr.current {
      background: #eef5ff;
    }
    .live {
      color: #1b8a1b;
      font-weight: 600;
    }
    .xcom {
      margin: 0;
      white-space: pre-wrap;
      word-break: break-all;
    }
    .options {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      border: 1px solid var(--border);
      border-radius: 4px;
      margin: 0 0 0.75rem;
    }
  `,
})
export class TaskInstancePage {
  readonly dagId = input.required<string>();
  readonly runId = input.required<string>();
  readonly taskId = input.required<string>();
  /** Clear and mark need runs:edit on this DAG (docs/console.md); the API refuses them otherwise. */
  protected readonly canEdit = dagPermission(() => this.dagId(), PERMISSIONS.runsEdit);
  /** `?try=N`: the try whose log is shown (default: the latest). */
  readonly try = input<string | undefined>(undefined);
  /** `?mapIndex=N`: one instance of a mapped task. */
  readonly mapIndex = input<string | undefined>(undefined);

  private readonly api = inject(TaskInstanceApiService);
  private readonly runs = inject(RunApiService);
  private readonly session = inject(SessionService);
  private readonly refresh$ = new Subject<void>();
  protected readonly follower = new TaskLogFollower();
  protected readonly flow = new ConfirmFlow(inject(DestroyRef), () => this.refresh$.next());
  protected readonly clearOptions = signal<{ upstream: boolean; downstream: boolean; onlyFailed: boolean } | null>(
    null,
  );

  private readonly ref = computed<TaskInstanceRef>(() => ({
    tenant: this.session.tenant()?.slug ?? '',
    dagId: this.dagId(),
    runId: this.runId(),
    taskId: this.taskId(),
    mapIndex: this.mapIndex() === undefined ? -1 : Number(this.mapIndex()),
  }));

  protected readonly view = toSignal(
    combineLatest([toObservable(this.ref)]).pipe(
      switchMap(([ref]) =>
        livePoll(
          () =>
            forkJoin([this.api.get(ref), this.api.tries(ref), this.api.dependencies(ref), this.api.xcom(ref)]).pipe(
              map(([ti, tries, dependencies, xcom]): TaskView => ({
                ti,
                tries: tries.items,
                dependencies,
                xcom: xcom.items.filter((x) => ref.mapIndex < 0 || x.mapIndex === ref.mapIndex),
                error: null,
              })),
              catchError((error: unknown) => of<TaskView>({ ...EMPTY_VIEW, error: apiErrorMessage(error) })),
            ),
          (view) => view.ti !== null && MOVING.includes(view.ti.state),
          this.refresh$,
        ),
      ),
    ),
    { initialValue: EMPTY_VIEW },
  );

  protected readonly selectedTry = computed(() => {
    const asked = Number(this.try());
    if (Number.isInteger(asked) && asked > 0) return asked;
    return this.view().ti?.tryNumber ?? 0;
  });

  protected readonly waiting = computed(() => {
    const ti = this.view().ti;
    if (!ti || !WAITING.includes(ti.state)) return [];
    return (this.view().dependencies?.dependencies ?? []).filter((d) => !d.met);
  });

  /** The stream to follow, with the try's start so that a restarted try is followed anew; equal strings do not re-follow. */
  private readonly logTarget = computed(() => {
    const ref = this.ref();
    const tryNumber = this.selectedTry();
    if (tryNumber <= 0 || !ref.tenant) return '';
    const started = this.view().tries.find((t) => t.tryNumber === tryNumber)?.startDate ?? '';
    return `${this.api.logStreamUrl(ref, tryNumber)}#${started}`;
  });

  protected readonly logFileName = computed(() => `${this.dagId()}.${this.taskId()}.try-${this.selectedTry()}.log`);

  constructor() {
    // (Re)follow the log when the try changes, or when a try of that number starts again (after a clear).
    effect(() => {
      const target = this.logTarget();
      untracked(() =>
        target ? this.follower.follow(target.split('#')[0], this.session.token()) : this.follower.stop(),
      );
    });
    inject(DestroyRef).onDestroy(() => this.follower.stop());
  }

  protected clear(): void {
    this.clearOptions.set({ upstream: false, downstream: false, onlyFailed: false });
    const ref = this.ref();
    const request = () => ({ taskIds: [ref.taskId], ...this.clearOptions() });
    this.flow.open({
      heading: `Clear ${ref.taskId}`,
      confirmLabel: 'Clear',
      preview: () =>
        this.runs.clear(ref.tenant, ref.dagId, ref.runId, request(), true).pipe(map((r) => r.taskInstances)),
      apply: () => this.runs.clear(ref.tenant, ref.dagId, ref.runId, request(), false),
    });
  }

  protected setClearOption(option: 'upstream' | 'downstream' | 'onlyFailed', on: boolean): void {
    this.clearOptions.update((o) => (o ? { ...o, [option]: on } : o));
    this.flow.preview();
  }

  protected mark(state: 'success' | 'failed'): void {
    this.clearOptions.set(null);
    const ref = this.ref();
    this.flow.open({
      heading: `Mark ${ref.taskId} ${state}`,
      confirmLabel: `Mark ${state}`,
      preview: () => this.api.previewMark(ref, state).pipe(map((r) => r.taskInstances)),
      apply: () => this.api.mark(ref, state),
    });
  }
}
