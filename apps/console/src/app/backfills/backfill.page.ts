import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { BackfillPlan } from '@updraft/api-types';
import { catchError, debounceTime, map, of, startWith, switchMap } from 'rxjs';
import { apiErrorMessage } from '../core/api-error';
import { SessionService } from '../core/session.service';
import { BackfillApiService } from './backfill-api.service';

interface PlanView {
  plan: BackfillPlan | null;
  error: string | null;
  loading: boolean;
}

/** Start a backfill: a range of logical dates, whether to rerun finished runs, and how many runs it will make before it makes them. */
@Component({
  selector: 'ud-backfill-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <nav class="breadcrumbs small">
      <a routerLink="/dags">DAGs</a> / <a [routerLink]="['/dags', dagId()]" class="mono">{{ dagId() }}</a> / backfill
    </nav>
    <h1>
      Backfill <span class="mono">{{ dagId() }}</span>
    </h1>
    <form class="card form" (submit)="$event.preventDefault(); start()" data-testid="backfill-form">
      <div class="range">
        <label class="field"
          ><span>From (logical date, UTC)</span
          ><input
            type="date"
            [value]="from()"
            (input)="from.set($any($event.target).value)"
            data-testid="backfill-from"
        /></label>
        <label class="field"
          ><span>To (included)</span
          ><input type="date" [value]="to()" (input)="to.set($any($event.target).value)" data-testid="backfill-to"
        /></label>
      </div>
      <label
        ><input
          type="checkbox"
          [checked]="reprocess()"
          (change)="reprocess.set($any($event.target).checked)"
          data-testid="backfill-reprocess"
        />
        Reprocess: clear and rerun finished runs already in the range</label
      >
      <p class="plan" data-testid="backfill-plan" aria-live="polite">
        @if (planView().loading) {
          <span class="muted">Counting the runs…</span>
        } @else if (planView().error; as error) {
          <span class="error">{{ error }}</span>
        } @else if (planView().plan; as plan) {
          Will create <strong data-testid="backfill-create-count">{{ plan.create.length }}</strong> run{{
            plan.create.length === 1 ? '' : 's'
          }}, rerun <strong data-testid="backfill-reprocess-count">{{ plan.reprocess.length }}</strong>, and leave
          <strong data-testid="backfill-skip-count">{{ plan.skip.length }}</strong> that already exist{{
            plan.skip.length === 1 ? 's' : ''
          }}.
        } @else {
          <span class="muted">Choose a range.</span>
        }
      </p>
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
      <div>
        <button class="btn btn--primary" type="submit" [disabled]="!canStart()" data-testid="backfill-start">
          {{ busy() ? 'Starting…' : 'Start backfill' }}
        </button>
      </div>
    </form>
  `,
  styles: `
    .form {
      display: grid;
      gap: 1rem;
      max-width: 40rem;
    }
    .range {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
    }
    .plan {
      margin: 0;
    }
  `,
})
export class BackfillPage {
  readonly dagId = input.required<string>();

  private readonly api = inject(BackfillApiService);
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);

  protected readonly from = signal('');
  protected readonly to = signal('');
  protected readonly reprocess = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  private readonly request = computed(() => ({
    dagId: this.dagId(),
    from: this.from(),
    to: this.to(),
    reprocess: this.reprocess(),
  }));

  protected readonly planView = toSignal(
    toObservable(this.request).pipe(
      debounceTime(250),
      switchMap((r) => {
        if (!r.from || !r.to) return of<PlanView>({ plan: null, error: null, loading: false });
        return this.api
          .preview(this.session.tenant()?.slug ?? '', r.dagId, { from: r.from, to: r.to, reprocess: r.reprocess })
          .pipe(
            map((plan): PlanView => ({ plan, error: null, loading: false })),
            catchError((error: unknown) => of<PlanView>({ plan: null, error: apiErrorMessage(error), loading: false })),
            startWith<PlanView>({ plan: null, error: null, loading: true }),
          );
      }),
    ),
    { initialValue: { plan: null, error: null, loading: false } as PlanView },
  );

  protected readonly canStart = computed(() => {
    const plan = this.planView().plan;
    return !this.busy() && plan !== null && plan.create.length + plan.reprocess.length > 0;
  });

  protected start(): void {
    if (!this.canStart()) return;
    const r = this.request();
    this.busy.set(true);
    this.error.set(null);
    this.api
      .create(this.session.tenant()?.slug ?? '', r.dagId, { from: r.from, to: r.to, reprocess: r.reprocess })
      .subscribe({
        next: (backfill) => void this.router.navigate(['/dags', r.dagId, 'backfills', backfill.id]),
        error: (error: unknown) => {
          this.busy.set(false);
          this.error.set(apiErrorMessage(error));
        },
      });
  }
}
