import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RUN_STATES, RunType } from '@updraft/domain';

const RUN_TYPES: readonly RunType[] = ['manual', 'scheduled', 'backfill', 'asset_triggered'];

/** The run state and run type selects of a run list; emits `{ state }` or `{ runType }` ('' for any). */
@Component({
  selector: 'ud-run-state-filters',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <select
      aria-label="State"
      [attr.data-testid]="testIdPrefix() + '-state'"
      [value]="state() ?? ''"
      (change)="changed.emit({ state: $any($event.target).value })"
    >
      <option value="">Any state</option>
      @for (s of states; track s) {
        <option [value]="s">{{ s }}</option>
      }
    </select>
    <select
      aria-label="Run type"
      [attr.data-testid]="testIdPrefix() + '-type'"
      [value]="runType() ?? ''"
      (change)="changed.emit({ runType: $any($event.target).value })"
    >
      <option value="">Any type</option>
      @for (t of types; track t) {
        <option [value]="t">{{ t }}</option>
      }
    </select>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class RunStateFiltersComponent {
  readonly state = input<string | undefined>();
  readonly runType = input<string | undefined>();
  readonly testIdPrefix = input('runs-filter');
  readonly changed = output<Record<string, string>>();
  protected readonly states = RUN_STATES;
  protected readonly types = RUN_TYPES;
}
