import { ChangeDetectionStrategy, Component, ElementRef, effect, input, output, viewChild } from '@angular/core';

/** A modal question with Confirm and Cancel; the content projected in says what will change. */
@Component({
  selector: 'ud-question-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog #dialog class="dialog" data-testid="question-dialog" (cancel)="cancelled.emit()">
      <h2>{{ heading() }}</h2>
      <ng-content />
      <div class="dialog__actions">
        <button type="button" class="btn" data-testid="confirm-cancel" (click)="cancelled.emit()">Cancel</button>
        <button
          type="button"
          class="btn btn--primary"
          data-testid="confirm-ok"
          [disabled]="busy()"
          (click)="confirmed.emit()"
        >
          {{ confirmLabel() }}
        </button>
      </div>
    </dialog>
  `,
  styles: `
    .dialog {
      border: 1px solid var(--border);
      border-radius: 8px;
      max-width: min(32rem, 92vw);
      padding: 1rem 1.25rem;
    }
    .dialog h2 {
      margin-top: 0;
    }
    .dialog__actions {
      display: flex;
      justify-content: flex-end;
      gap: 0.5rem;
      margin-top: 1rem;
    }
  `,
})
export class QuestionDialogComponent {
  readonly open = input(false);
  readonly heading = input.required<string>();
  readonly confirmLabel = input('Confirm');
  readonly busy = input(false);
  readonly confirmed = output<void>();
  readonly cancelled = output<void>();
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  constructor() {
    effect(() => {
      const dialog = this.dialog().nativeElement;
      if (this.open() && !dialog.open) dialog.showModal?.();
      if (!this.open() && dialog.open) dialog.close();
    });
  }
}
