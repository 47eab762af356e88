import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router } from '@angular/router';
import { DagGridComponent } from '../../shared/grid/dag-grid.component';
import { StateLegendComponent } from '../../shared/state-legend.component';
import { DagPageStore } from '../dag-page.store';

@Component({
  selector: 'ud-grid-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DagGridComponent, StateLegendComponent],
  template: `
    <div class="toolbar">
      <label class="small"
        >Runs shown
        <select data-testid="grid-run-count" [value]="store.gridRuns()" (change)="setRuns($any($event.target).value)">
          @for (n of counts; track n) {
            <option [value]="n">{{ n }}</option>
          }
        </select>
      </label>
      <ud-state-legend />
    </div>
    @if (store.gridError(); as error) {
      <p class="error" role="alert">{{ error }}</p>
    } @else if (store.grid(); as grid) {
      @if (grid.runs.length === 0) {
        <p class="muted" data-testid="grid-empty">
          No runs yet. {{ grid.tasks.length }} tasks will show here once the DAG runs.
        </p>
      } @else {
        <ud-dag-grid [data]="grid" [dagId]="store.dagId()" [selectedRunId]="store.selectedRunId()" />
      }
    } @else {
      <p class="muted">Loading the grid…</p>
    }
  `,
  styles: `
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: center;
      margin-bottom: 0.5rem;
    }
  `,
})
export class GridTab {
  protected readonly store = inject(DagPageStore);
  private readonly router = inject(Router);
  protected readonly counts = [25, 50, 100];

  protected setRuns(value: string): void {
    void this.router.navigate([], { queryParams: { runs: value }, queryParamsHandling: 'merge' });
  }
}
