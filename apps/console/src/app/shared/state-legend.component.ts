import { ChangeDetectionStrategy, Component } from '@angular/core';
import { STATE_COLORS } from './state-colors';

@Component({
  selector: 'ud-state-legend',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="legend small" aria-label="State colours">
      @for (entry of entries; track entry[0]) {
        <li>
          <span class="swatch" [style.background]="entry[1]"></span>{{ entry[0].replace('_', ' ').replace('_', ' ') }}
        </li>
      }
    </ul>
  `,
  styles: `
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
      list-style: none;
      margin: 0;
      padding: 0;
      color: var(--muted);
    }
    .swatch {
      display: inline-block;
      width: 10px;
      height: 10px;
      border-radius: 2px;
      margin-right: 0.3rem;
      box-shadow: inset 0 0 0 1px rgb(0 0 0 / 20%);
    }
  `,
})
export class StateLegendComponent {
  protected readonly entries = Object.entries(STATE_COLORS);
}
