import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';

/** Previous / next for a `{ total, limit, offset }` list. */
@Component({
  selector: 'ud-pager',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="pager" aria-label="Pages">
      <button class="btn" type="button" [disabled]="offset() === 0" (click)="go.emit(previous())">Previous</button>
      <span class="muted" data-testid="pager-range"
        >{{ total() === 0 ? 0 : offset() + 1 }}–{{ last() }} of {{ total() }}</span
      >
      <button class="btn" type="button" [disabled]="last() >= total()" (click)="go.emit(offset() + limit())">
        Next
      </button>
    </nav>
  `,
})
export class PagerComponent {
  readonly total = input.required<number>();
  readonly offset = input.required<number>();
  readonly limit = input.required<number>();
  readonly go = output<number>();
  protected readonly last = computed(() => Math.min(this.offset() + this.limit(), this.total()));
  protected readonly previous = computed(() => Math.max(this.offset() - this.limit(), 0));
}
