import { DatePipe, JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import type { DagVersionDiff, DagVersionView } from '@updraft/api-types';
import { diffLines } from '@updraft/domain';
import { EMPTY, catchError, combineLatest, forkJoin, map, of, startWith, switchMap } from 'rxjs';
import { apiErrorMessage } from '../../core/api-error';
import { QuestionDialogComponent } from '../../shared/question-dialog.component';
import { DagApiService } from '../dag-api.service';
import { DagPageStore } from '../dag-page.store';

type Compared = { diff: DagVersionDiff; code: ReturnType<typeof diffLines> | null; codeError: string | null };

/** The DAG's versions; what changed between any two (structure and code); rolling the bundle back to one. */
@Component({
  selector: 'ud-versions-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [QuestionDialogComponent, DatePipe, JsonPipe],
  template: `
    @if (error(); as error) {
      <p class="error" role="alert">{{ error }}</p>
    }
    @if (versions(); as versions) {
      <div class="table-scroll">
        <table class="table small">
          <thead>
            <tr>
              <th>From</th>
              <th>To</th>
              <th>Bundle version</th>
              <th>Deployed</th>
              <th>Tasks</th>
              <th>Bundle state</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            @for (v of versions; track v.id) {
              <tr data-testid="version-row" [attr.data-version]="v.bundleVersion" [class.current]="v.isCurrent">
                <td>
                  <input
                    type="radio"
                    name="from"
                    [attr.aria-label]="'Compare from version ' + v.bundleVersion"
                    data-testid="diff-from"
                    [checked]="from() === v.id"
                    (change)="from.set(v.id)"
                  />
                </td>
                <td>
                  <input
                    type="radio"
                    name="to"
                    [attr.aria-label]="'Compare to version ' + v.bundleVersion"
                    data-testid="diff-to"
                    [checked]="to() === v.id"
                    (change)="to.set(v.id)"
                  />
                </td>
                <td>
                  {{ v.bundleName }} v{{ v.bundleVersion }}
                  @if (v.isCurrent) {
                    <strong>(current)</strong>
                  }
                </td>
                <td>{{ v.createdAt | date: 'yyyy-MM-dd HH:mm' }}</td>
                <td>{{ v.taskCount }}</td>
                <td>{{ v.bundleStatus }}</td>
                <td>
                  @if (!v.isCurrent && v.bundleStatus === 'superseded' && store.canDeploy()) {
                    <button type="button" class="btn" data-testid="rollback" (click)="rollbackTo.set(v)">
                      Roll back to v{{ v.bundleVersion }}
                    </button>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    } @else {
      <p class="muted">Loading versions…</p>
    }

    @if (compared(); as compared) {
      <section class="card diff" data-testid="version-diff">
        <h2>v{{ compared.diff.from.bundleVersion }} → v{{ compared.diff.to.bundleVersion }}</h2>
        @if (noChange(compared.diff)) {
          <p class="muted" data-testid="diff-none">The structure is the same.</p>
        }
        <ul class="changes">
          @for (task of compared.diff.structure.addedTasks; track task) {
            <li class="added" data-testid="diff-added-task">
              + task <span class="mono">{{ task }}</span>
            </li>
          }
          @for (task of compared.diff.structure.removedTasks; track task) {
            <li class="removed" data-testid="diff-removed-task">
              − task <span class="mono">{{ task }}</span>
            </li>
          }
          @for (change of compared.diff.structure.changedTasks; track change.taskId) {
            <li data-testid="diff-changed-task">
              ~ task <span class="mono">{{ change.taskId }}</span>:
              @for (c of change.changed; track c.option) {
                <span class="mono small"> {{ c.option }} {{ c.from | json }} → {{ c.to | json }};</span>
              }
            </li>
          }
          @for (edge of compared.diff.structure.addedEdges; track $index) {
            <li class="added">
              + edge <span class="mono">{{ edge[0] }} → {{ edge[1] }}</span>
            </li>
          }
          @for (edge of compared.diff.structure.removedEdges; track $index) {
            <li class="removed">
              − edge <span class="mono">{{ edge[0] }} → {{ edge[1] }}</span>
            </li>
          }
          @for (c of compared.diff.structure.changedOptions; track c.option) {
            <li>
              ~ <span class="mono">{{ c.option }}</span> {{ c.from | json }} → {{ c.to | json }}
            </li>
          }
        </ul>
        <h3 class="small">Code</h3>
        @if (compared.codeError) {
          <p class="muted small">{{ compared.codeError }}</p>
        } @else if (compared.code; as lines) {
          <pre
            class="code-diff mono small"
            data-testid="code-diff"
          >@for (line of lines; track $index) {<span [class]="'line-' + line.kind">{{ line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ' ' }} {{ line.text }}
</span>}</pre>
        }
      </section>
    }

    <ud-question-dialog
      [open]="rollbackTo() !== null"
      heading="Roll the bundle back?"
      confirmLabel="Roll back"
      [busy]="rollingBack()"
      (confirmed)="rollback()"
      (cancelled)="rollbackTo.set(null)"
    >
      @if (rollbackTo(); as v) {
        <p>
          Makes <strong>{{ v.bundleName }} v{{ v.bundleVersion }}</strong> the active bundle again: every DAG of the
          bundle goes back to the version it had then. Runs already started keep their version.
        </p>
      }
    </ud-question-dialog>
  `,
  styles: `
    tr.current {
      background: #f2f8ff;
    }
    .diff {
      margin-top: 1rem;
    }
    .changes {
      padding-left: 1rem;
      list-style: none;
    }
    .added,
    .line-added {
      color: #1b5e20;
      background: #e8f5e9;
    }
    .removed,
    .line-removed {
      color: #b71c1c;
      background: #ffebee;
    }
    .code-diff {
      background: #fbfbfd;
      border: 1px solid var(--border);
      padding: 0.5rem;
      overflow: auto;
      max-height: 60vh;
    }
    .code-diff span {
      display: block;
      white-space: pre;
    }
  `,
})
export class VersionsTab {
  protected readonly store = inject(DagPageStore);
  private readonly api = inject(DagApiService);
  protected readonly from = signal<string | null>(null);
  protected readonly to = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly rollbackTo = signal<DagVersionView | null>(null);
  protected readonly rollingBack = signal(false);
  private readonly reloads = signal(0);

  protected readonly versions = toSignal(
    combineLatest([toObservable(this.store.tenant), toObservable(this.store.dagId), toObservable(this.reloads)]).pipe(
      switchMap(([tenant, dagId]) =>
        tenant === null
          ? EMPTY
          : this.api.versions(tenant, dagId).pipe(
              catchError((err: unknown) => {
                this.error.set(apiErrorMessage(err));
                return EMPTY;
              }),
            ),
      ),
      map((versions) => {
        // By default, what the newest version changed.
        if (!this.to() || !versions.some((v) => v.id === this.to())) this.to.set(versions[0]?.id ?? null);
        if (!this.from() || !versions.some((v) => v.id === this.from()))
          this.from.set(versions[1]?.id ?? versions[0]?.id ?? null);
        return versions;
      }),
    ),
  );

  private readonly pair = computed(
    () => ({ tenant: this.store.tenant(), dagId: this.store.dagId(), from: this.from(), to: this.to() }),
    {
      equal: (a, b) => a.tenant === b.tenant && a.dagId === b.dagId && a.from === b.from && a.to === b.to,
    },
  );

  protected readonly compared = toSignal(
    toObservable(this.pair).pipe(
      switchMap(({ tenant, dagId, from, to }) => {
        if (!tenant || !from || !to) return of(null);
        const source = (versionId: string) => this.api.source(tenant, dagId, { versionId }).pipe(map((s) => s.content));
        return this.api.diff(tenant, dagId, from, to).pipe(
          switchMap((diff) =>
            forkJoin([source(from), source(to)]).pipe(
              map(([a, b]): Compared => ({ diff, code: diffLines(a, b), codeError: null })),
              catchError((err: unknown) =>
                of<Compared>({ diff, code: null, codeError: `The code is not available: ${apiErrorMessage(err)}` }),
              ),
              startWith<Compared>({ diff, code: null, codeError: null }),
            ),
          ),
          catchError((err: unknown) => {
            this.error.set(apiErrorMessage(err));
            return of(null);
          }),
        );
      }),
    ),
  );

  protected noChange(diff: DagVersionDiff): boolean {
    const s = diff.structure;
    return (
      !s.addedTasks.length &&
      !s.removedTasks.length &&
      !s.changedTasks.length &&
      !s.addedEdges.length &&
      !s.removedEdges.length &&
      !s.changedOptions.length
    );
  }

  protected rollback(): void {
    const tenant = this.store.tenant();
    const target = this.rollbackTo();
    if (!tenant || !target) return;
    this.rollingBack.set(true);
    this.api.rollbackBundle(tenant, target.bundleVersionId).subscribe({
      next: () => {
        this.rollingBack.set(false);
        this.rollbackTo.set(null);
        this.reloads.update((n) => n + 1);
        this.store.reload();
      },
      error: (err: unknown) => {
        this.rollingBack.set(false);
        this.rollbackTo.set(null);
        this.error.set(apiErrorMessage(err));
      },
    });
  }
}
