import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Router } from '@angular/router';
import { DagPageStore } from './dag-page.store';

/** Chooses the run a tab shows (`?run=` in the URL, so a reload keeps it); the newest when none is chosen. */
@Component({
  selector: 'ud-run-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe],
  template: `
    <label class="small"
      >Run
      <select data-testid="run-picker" [value]="store.selectedRunId()" (change)="choose($any($event.target).value)">
        @for (run of runs(); track run.runId) {
          <option [value]="run.runId">
            {{ run.logicalDate | date: 'yyyy-MM-dd HH:mm' }} · {{ run.runType }} · {{ run.state }}
          </option>
        } @empty {
          <option value="">No runs yet</option>
        }
      </select>
    </label>
  `,
  styles: `
    select {
      max-width: 22rem;
      margin-left: 0.35rem;
    }
  `,
})
export class RunPickerComponent {
  protected readonly store = inject(DagPageStore);
  private readonly router = inject(Router);
  protected readonly runs = computed(() => [...(this.store.grid()?.runs ?? [])].reverse());

  protected choose(runId: string): void {
    void this.router.navigate([], { queryParams: { run: runId || null }, queryParamsHandling: 'merge' });
  }
}
