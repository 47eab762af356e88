import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ConfirmDialogComponent } from './confirm-dialog.component';
import { ConfirmFlow } from './confirm-flow';

/**
 * The confirmation of a clear, mark or cancel driven by a ConfirmFlow: shown while a change is
 * pending, listing what it will change; options (such as the clear's upstream/downstream) are projected.
 */
@Component({
  selector: 'ud-confirm-flow-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ConfirmDialogComponent],
  template: `
    @if (flow().pending(); as change) {
      <ud-confirm-dialog
        [heading]="change.heading"
        [confirmLabel]="change.confirmLabel"
        [instances]="change.instances"
        [error]="change.error"
        [busy]="change.busy"
        [allowEmpty]="change.allowEmpty"
        (confirmed)="flow().confirm()"
        (cancelled)="flow().cancel()"
      >
        <ng-content />
      </ud-confirm-dialog>
    }
  `,
})
export class ConfirmFlowDialogComponent {
  readonly flow = input.required<ConfirmFlow>();
}
