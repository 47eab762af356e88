import { DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, numberAttribute, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { Subject, catchError, combineLatest, map, of, startWith, switchMap, tap } from 'rxjs';
import { apiErrorMessage } from '../core/api-error';
import { ApiService } from '../core/api.service';
import { TaskLogLine } from '../core/api.types';
import { SessionService } from '../core/session.service';

interface LogState {
  loading: boolean;
  lines: TaskLogLine[];
  error: string | null;
  /** Where the following page starts; null once the stored log is all shown. */
  next?: string | null;
  truncated?: boolean;
}

/** Pages read with "Show more", after the first. */
interface LaterPages {
  lines: TaskLogLine[];
  next: string | null;
}

@Component({
  selector: 'ud-task-log-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink],
  template: `
    <nav class="breadcrumbs small">
      <a routerLink="/dags">DAGs</a> / <a [routerLink]="['/dags', dagId()]" class="mono">{{ dagId() }}</a> /
      <span class="mono">{{ runId() }}</span> /
      <span class="mono">{{ taskId() }}</span>
    </nav>

    <div class="page-title">
      <h1>
        Log of <span class="mono">{{ taskId() }}</span>, try {{ tryNumber() }}
      </h1>
      <button class="btn" type="button" (click)="refresh()" data-testid="log-refresh">Refresh</button>
    </div>

    @if (earlierTries().length) {
      <p class="small">
        Earlier tries:
        @for (n of earlierTries(); track n) {
          <a [routerLink]="['/dags', dagId(), 'runs', runId(), 'tasks', taskId(), 'logs', n]">try {{ n }}</a
          >&nbsp;
        }
      </p>
    }

    @if (log().error; as error) {
      <p class="error" role="alert">{{ error }}</p>
    } @else if (log().loading) {
      <p class="muted">Loading log…</p>
    } @else if (log().lines.length === 0) {
      <p class="muted">This try has not logged anything yet.</p>
    } @else {
      @if (log().truncated) {
        <p class="small" data-testid="log-truncated">
          The task's output was cut at its limit; a system line marks where.
        </p>
      }
      <ol class="log" data-testid="log">
        @for (line of lines(); track $index) {
          <li class="log__line" [class]="'log__line log__line--' + line.stream" data-testid="log-line">
            <time class="log__time" [attr.datetime]="line.timestamp">{{
              line.timestamp | date: 'yyyy-MM-dd HH:mm:ss.SSS'
            }}</time>
            <span class="log__message">{{ line.message }}</span>
          </li>
        }
      </ol>
      @if (next(); as after) {
        <p class="small">
          The log goes on after these {{ lines().length }} lines.
          <button class="btn" type="button" (click)="showMore(after)" data-testid="log-more">Show more</button>
        </p>
      }
      @if (moreError(); as error) {
        <p class="error" role="alert">{{ error }}</p>
      }
    }
  `,
  styles: `
    .page-title {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1rem;
    }
    .log {
      list-style: none;
      margin: 0;
      padding: 0.75rem 0;
      background: #1e1e1e;
      color: #e6e6e6;
      border-radius: 6px;
      font-family: var(--mono);
      font-size: 0.82rem;
      line-height: 1.5;
      overflow-x: auto;
    }
    .log__line {
      display: flex;
      gap: 1rem;
      padding: 0 1rem;
    }
    .log__line:hover {
      background: #2a2a2a;
    }
    .log__time {
      flex: none;
      color: #8a8a8a;
      user-select: none;
    }
    .log__message {
      white-space: pre-wrap;
      word-break: break-word;
    }
    .log__line--stderr .log__message {
      color: #ff8a80;
    }
    .log__line--system .log__message {
      color: #82b1ff;
    }
  `,
})
export class TaskLogPage {
  readonly dagId = input.required<string>();
  readonly runId = input.required<string>();
  readonly taskId = input.required<string>();
  readonly tryNumber = input.required({ transform: numberAttribute });

  private readonly api = inject(ApiService);
  private readonly session = inject(SessionService);
  private readonly refresh$ = new Subject<void>();
  private readonly later = signal<LaterPages | null>(null);
  protected readonly moreError = signal<string | null>(null);

  protected readonly earlierTries = computed(() =>
    Array.from({ length: Math.max(0, this.tryNumber() - 1) }, (_, i) => i + 1),
  );

  private readonly target = computed(() => ({
    tenant: this.session.tenant()?.slug ?? null,
    dagId: this.dagId(),
    runId: this.runId(),
    taskId: this.taskId(),
    tryNumber: this.tryNumber(),
  }));

  protected readonly log = toSignal(
    combineLatest([toObservable(this.target), this.refresh$.pipe(startWith(undefined))]).pipe(
      tap(() => this.later.set(null)),
      switchMap(([t]) => {
        if (t.tenant === null) return of<LogState>({ loading: false, lines: [], error: 'No tenant selected.' });
        return this.api.getTaskLog(t.tenant, t.dagId, t.runId, t.taskId, t.tryNumber).pipe(
          map((log): LogState => ({
            loading: false,
            lines: log.lines,
            error: null,
            next: log.next,
            truncated: log.truncated,
          })),
          catchError((err: unknown) =>
            of<LogState>(
              err instanceof HttpErrorResponse && err.status === 404
                ? { loading: false, lines: [], error: 'No log for this try yet.' }
                : { loading: false, lines: [], error: apiErrorMessage(err) },
            ),
          ),
          startWith<LogState>({ loading: true, lines: [], error: null }),
        );
      }),
    ),
    { initialValue: { loading: true, lines: [], error: null } },
  );

  protected readonly lines = computed(() => [...this.log().lines, ...(this.later()?.lines ?? [])]);
  protected readonly next = computed(() => {
    const later = this.later();
    return later ? later.next : (this.log().next ?? null);
  });

  protected refresh(): void {
    this.refresh$.next();
  }

  protected showMore(after: string): void {
    const t = this.target();
    if (t.tenant === null) return;
    this.moreError.set(null);
    this.api.getTaskLog(t.tenant, t.dagId, t.runId, t.taskId, t.tryNumber, after).subscribe({
      next: (page) =>
        this.later.update((before) => ({ lines: [...(before?.lines ?? []), ...page.lines], next: page.next })),
      error: (err: unknown) => this.moreError.set(apiErrorMessage(err)),
    });
  }
}
