import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** A run or task-instance state as a coloured pill, in Airflow's colours. */
@Component({
  selector: 'ud-state-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span [class]="'badge badge--' + cssState()" [title]="label()">{{ label() }}</span>`,
  styles: `
    :host {
      display: inline-block;
    }
    .badge {
      display: inline-block;
      min-width: 4.5em;
      padding: 0.1em 0.6em;
      border-radius: 999px;
      font-size: 0.78rem;
      font-weight: 600;
      line-height: 1.6;
      text-align: center;
      white-space: nowrap;
      color: #fff;
      background: #9e9e9e;
    }
    .badge--success {
      background: #008000;
    }
    .badge--failed {
      background: #d32f2f;
    }
    .badge--running {
      background: #32cd32;
      color: #10300f;
    }
    .badge--queued {
      background: #808080;
    }
    .badge--scheduled {
      background: #d2b48c;
      color: #1b1b1b;
    }
    .badge--skipped {
      background: #ff69b4;
    }
    .badge--upstream_failed {
      background: #ffa500;
      color: #1b1b1b;
    }
    .badge--up_for_retry {
      background: #ffd700;
      color: #1b1b1b;
    }
    .badge--up_for_reschedule {
      background: #40e0d0;
      color: #1b1b1b;
    }
    .badge--awaiting_input {
      background: #9370db;
      color: #fff;
    }
    .badge--removed {
      background: #d3d3d3;
      color: #1b1b1b;
    }
    .badge--none {
      background: #fff;
      color: #555;
      box-shadow: inset 0 0 0 1px #bbb;
    }
  `,
})
export class StateBadgeComponent {
  readonly state = input<string | null | undefined>(null);

  protected readonly cssState = computed(() => this.state() || 'none');
  protected readonly label = computed(() => (this.state() || 'none').replace(/_/g, ' '));
}
