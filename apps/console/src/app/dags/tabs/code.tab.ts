import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import type { DagSource } from '@updraft/api-types';
import { catchError, combineLatest, map, of, startWith, switchMap } from 'rxjs';
import { apiErrorMessage } from '../../core/api-error';
import { CodeViewComponent } from '../../shared/code/code-view.component';
import { DagApiService } from '../dag-api.service';
import { DagPageStore } from '../dag-page.store';
import { RunPickerComponent } from '../run-picker.component';

type SourceState = { source: DagSource | null; error: string | null; loading: boolean };

/** The DAG's source at the version the chosen run pinned, or at the active version. */
@Component({
  selector: 'ud-code-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CodeViewComponent, RunPickerComponent],
  template: `
    <div class="toolbar small">
      <label
        ><input
          type="radio"
          name="code-at"
          data-testid="code-at-active"
          [checked]="at() === 'active'"
          (change)="at.set('active')"
        />
        Active version</label
      >
      <label
        ><input
          type="radio"
          name="code-at"
          data-testid="code-at-run"
          [checked]="at() === 'run'"
          [disabled]="!store.selectedRunId()"
          (change)="at.set('run')"
        />
        Version of the run</label
      >
      @if (at() === 'run') {
        <ud-run-picker />
      }
    </div>
    @if (state().error; as error) {
      <p class="error" role="alert" data-testid="code-error">{{ error }}</p>
    } @else if (state().source; as source) {
      <p class="small muted" data-testid="code-file">
        <span class="mono">{{ source.file }}</span> · bundle version {{ source.bundleVersion }} · line {{ source.line }}
      </p>
      <ud-code-view [content]="source.content" [markedLine]="source.line" />
    } @else {
      <p class="muted">Loading the source…</p>
    }
  `,
  styles: `
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: center;
      margin-bottom: 0.5rem;
    }
  `,
})
export class CodeTab {
  protected readonly store = inject(DagPageStore);
  private readonly api = inject(DagApiService);
  protected readonly at = signal<'active' | 'run'>('active');
  private readonly target = computed(
    () => ({
      tenant: this.store.tenant(),
      dagId: this.store.dagId(),
      runId: this.at() === 'run' ? this.store.selectedRunId() : null,
    }),
    { equal: (a, b) => a.tenant === b.tenant && a.dagId === b.dagId && a.runId === b.runId },
  );

  protected readonly state = toSignal(
    combineLatest([toObservable(this.target)]).pipe(
      switchMap(([{ tenant, dagId, runId }]) =>
        tenant === null
          ? of<SourceState>({ source: null, error: null, loading: true })
          : this.api.source(tenant, dagId, runId ? { runId } : {}).pipe(
              map((source): SourceState => ({ source, error: null, loading: false })),
              catchError((err: unknown) =>
                of<SourceState>({ source: null, error: apiErrorMessage(err), loading: false }),
              ),
              startWith<SourceState>({ source: null, error: null, loading: true }),
            ),
      ),
    ),
    { initialValue: { source: null, error: null, loading: true } as SourceState },
  );
}
