import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { Backfill } from '@updraft/api-types';
import { EMPTY, catchError, combineLatest, map, of, switchMap } from 'rxjs';
import { apiErrorMessage } from '../core/api-error';
import { SessionService } from '../core/session.service';
import { livePoll } from '../shared/live';
import { BackfillApiService } from './backfill-api.service';

const STATES = ['success', 'failed', 'running', 'queued'] as const;

/** A backfill's progress: its runs by state, updated while any is queued or running. */
@Component({
  selector: 'ud-backfill-progress-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink],
  template: `
    <nav class="breadcrumbs small">
      <a routerLink="/dags">DAGs</a> / <a [routerLink]="['/dags', dagId()]" class="mono">{{ dagId() }}</a> / backfill
    </nav>
    @if (view().error; as error) {
      <p class="error" role="alert">{{ error }}</p>
    }
    @if (view().backfill; as b) {
      <h1>
        Backfill of <span class="mono">{{ b.dagId }}</span>
      </h1>
      <p>
        {{ b.from | date: 'yyyy-MM-dd' : 'UTC' }} → {{ b.to | date: 'yyyy-MM-dd' : 'UTC'
        }}{{ b.reprocess ? ', reprocessing finished runs' : '' }}; started
        {{ b.createdAt | date: 'yyyy-MM-dd HH:mm:ss' }}
      </p>
      <div
        class="bar"
        role="progressbar"
        [attr.aria-valuenow]="done()"
        aria-valuemin="0"
        [attr.aria-valuemax]="total()"
        data-testid="backfill-progress"
      >
        @for (s of states; track s) {
          <span [class]="'bar__' + s" [style.width.%]="total() ? (b.runs[s] * 100) / total() : 0"></span>
        }
      </div>
      <p data-testid="backfill-summary" [attr.data-done]="done() === total()">
        {{ done() }} of {{ total() }} runs finished:
        @for (s of states; track s) {
          <span class="count"><span [class]="'dot bar__' + s"></span>{{ b.runs[s] }} {{ s }}</span>
        }
      </p>
      <a [routerLink]="['/dags', dagId()]" [queryParams]="{ tab: 'runs', runType: 'backfill' }">See the runs</a>
    } @else if (!view().error) {
      <p class="muted">Loading…</p>
    }
  `,
  styles: `
    .bar {
      display: flex;
      height: 1rem;
      border-radius: 4px;
      overflow: hidden;
      background: #e0e0e0;
      max-width: 40rem;
    }
    .bar__success {
      background: #008000;
    }
    .bar__failed {
      background: #d32f2f;
    }
    .bar__running {
      background: #32cd32;
    }
    .bar__queued {
      background: #808080;
    }
    .count {
      margin-right: 0.75rem;
      white-space: nowrap;
    }
    .dot {
      display: inline-block;
      width: 0.7rem;
      height: 0.7rem;
      border-radius: 50%;
      margin: 0 0.25rem 0 0.5rem;
    }
  `,
})
export class BackfillProgressPage {
  readonly dagId = input.required<string>();
  readonly backfillId = input.required<string>();

  private readonly api = inject(BackfillApiService);
  private readonly session = inject(SessionService);
  protected readonly states = STATES;

  protected readonly view = toSignal(
    combineLatest([toObservable(this.dagId), toObservable(this.backfillId)]).pipe(
      switchMap(([dagId, id]) =>
        livePoll(
          () =>
            this.api.get(this.session.tenant()?.slug ?? '', dagId, id).pipe(
              map((backfill) => ({ backfill: backfill as Backfill | null, error: null as string | null })),
              catchError((error: unknown) => of({ backfill: null, error: apiErrorMessage(error) })),
            ),
          (v) => v.backfill !== null && v.backfill.runs.queued + v.backfill.runs.running > 0,
          EMPTY,
        ),
      ),
    ),
    { initialValue: { backfill: null, error: null } },
  );

  protected readonly total = computed(() => {
    const runs = this.view().backfill?.runs;
    return runs ? STATES.reduce((sum, s) => sum + runs[s], 0) : 0;
  });
  protected readonly done = computed(() => {
    const runs = this.view().backfill?.runs;
    return runs ? runs.success + runs.failed : 0;
  });
}
