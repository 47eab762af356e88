import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  computed,
  input,
  output,
  viewChild,
} from '@angular/core';
import type { AffectedTaskInstance } from '@updraft/api-types';
import { StateBadgeComponent } from '../core/state-badge.component';

/**
 * Asks before an operation changes task instances, listing the ones it will change (from the API's
 * dry run) before anything changes. Options (upstream, downstream…) are projected into it; while
 * `instances` is null the list is still being asked for.
 */
@Component({
  selector: 'ud-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [StateBadgeComponent],
  host: { '(keydown.escape)': 'cancelled.emit()' },
  template: `
    <button type="button" class="cd__backdrop" tabindex="-1" aria-label="Close" (click)="cancelled.emit()"></button>
    <section
      #panel
      class="cd card"
      role="dialog"
      aria-modal="true"
      [attr.aria-label]="heading()"
      tabindex="-1"
      data-testid="confirm-dialog"
    >
      <h2 class="cd__title">{{ heading() }}</h2>
      <ng-content />
      @if (error(); as message) {
        <p class="error" role="alert" data-testid="confirm-error">{{ message }}</p>
      }
      @if (instances(); as list) {
        @if (list.length === 0) {
          <p class="muted" data-testid="confirm-nothing">No task instance would change.</p>
        } @else {
          <p class="small">{{ list.length }} task instance{{ list.length === 1 ? '' : 's' }} will change:</p>
          <ul class="cd__list" data-testid="confirm-list">
            @for (ti of list; track ti.taskId + ':' + ti.mapIndex) {
              <li data-testid="confirm-item" [attr.data-task-id]="ti.taskId">
                <span class="mono">{{ ti.taskId }}{{ ti.mapIndex >= 0 ? '[' + ti.mapIndex + ']' : '' }}</span>
                <ud-state-badge [state]="ti.state" />
              </li>
            }
          </ul>
        }
      } @else if (!error()) {
        <p class="muted" data-testid="confirm-loading">Finding the task instances it would change…</p>
      }
      <div class="cd__actions">
        <button class="btn" type="button" (click)="cancelled.emit()" data-testid="confirm-cancel">Cancel</button>
        <button
          class="btn btn--primary"
          type="button"
          [disabled]="!canConfirm()"
          (click)="confirmed.emit()"
          data-testid="confirm-ok"
        >
          {{ busy() ? 'Working…' : confirmLabel() }}
        </button>
      </div>
    </section>
  `,
  styles: `
    :host {
      position: fixed;
      inset: 0;
      z-index: 50;
      display: grid;
      place-items: center;
      padding: 1rem;
    }
    .cd__backdrop {
      position: absolute;
      inset: 0;
      border: 0;
      background: rgb(0 0 0 / 35%);
      cursor: default;
    }
    .cd {
      position: relative;
      width: min(34rem, 100%);
      max-height: 90vh;
      overflow: auto;
      box-shadow: 0 10px 30px rgb(0 0 0 / 25%);
    }
    .cd__title {
      margin-top: 0;
    }
    .cd__list {
      list-style: none;
      margin: 0 0 0.75rem;
      padding: 0;
      max-height: 40vh;
      overflow: auto;
      border: 1px solid var(--border);
      border-radius: 4px;
    }
    .cd__list li {
      display: flex;
      justify-content: space-between;
      gap: 0.75rem;
      padding: 0.3rem 0.6rem;
      border-bottom: 1px solid var(--border);
    }
    .cd__list li:last-child {
      border-bottom: 0;
    }
    .cd__actions {
      display: flex;
      justify-content: flex-end;
      gap: 0.5rem;
      margin-top: 0.75rem;
    }
  `,
})
export class ConfirmDialogComponent {
  readonly heading = input.required<string>();
  readonly confirmLabel = input('Confirm');
  /** What will change; null while the dry run is on its way. */
  readonly instances = input<readonly AffectedTaskInstance[] | null>(null);
  readonly error = input<string | null>(null);
  readonly busy = input(false);
  /** Some operations (cancelling a queued run) are worth confirming even when no instance changes. */
  readonly allowEmpty = input(false);
  readonly confirmed = output<void>();
  readonly cancelled = output<void>();

  private readonly panel = viewChild.required<ElementRef<HTMLElement>>('panel');
  protected readonly canConfirm = computed(() => {
    const list = this.instances();
    return !this.busy() && list !== null && (list.length > 0 || this.allowEmpty());
  });

  constructor() {
    afterNextRender(() => this.panel().nativeElement.focus());
  }
}
