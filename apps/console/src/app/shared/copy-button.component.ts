import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';

/** Copies a text to the clipboard and says so. */
@Component({
  selector: 'ud-copy-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<button class="btn" type="button" (click)="copy()" data-testid="copy-button">
      {{ copied() ? 'Copied' : label() }}
    </button>
    <span class="visually-hidden" aria-live="polite">{{ copied() ? 'Copied to the clipboard' : '' }}</span>`,
})
export class CopyButtonComponent {
  readonly text = input.required<string>();
  readonly label = input('Copy');
  protected readonly copied = signal(false);

  protected copy(): void {
    void navigator.clipboard?.writeText(this.text()).then(
      () => this.copied.set(true),
      () => this.copied.set(false),
    );
  }
}
