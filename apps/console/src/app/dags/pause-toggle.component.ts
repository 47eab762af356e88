import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

/** A DAG's paused/active switch; read-only text for roles that may not change it. */
@Component({
  selector: 'ud-pause-toggle',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (editable()) {
      <label class="switch small" [title]="paused() ? 'Paused: click to unpause' : 'Active: click to pause'">
        <input
          type="checkbox"
          role="switch"
          data-testid="pause-toggle"
          [checked]="!paused()"
          [disabled]="busy()"
          (change)="pauseRequested.emit(!paused())"
        />
        <span>{{ paused() ? 'Paused' : 'Active' }}</span>
      </label>
    } @else {
      <span class="small muted" data-testid="paused-state">{{ paused() ? 'Paused' : 'Active' }}</span>
    }
  `,
  styles: `
    .switch {
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
      cursor: pointer;
      white-space: nowrap;
    }
  `,
})
export class PauseToggleComponent {
  readonly paused = input.required<boolean>();
  readonly editable = input(false);
  readonly busy = input(false);
  /** The paused state asked for. */
  readonly pauseRequested = output<boolean>();
}
