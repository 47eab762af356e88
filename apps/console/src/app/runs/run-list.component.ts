import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { DurationPipe, elapsedMs } from '../core/duration.pipe';
import { StateBadgeComponent } from '../core/state-badge.component';
import { RunWithTasks } from './run-history.service';

@Component({
  selector: 'ud-run-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, DurationPipe, RouterLink, StateBadgeComponent],
  template: `
    <table class="table">
      <thead>
        <tr>
          <th>State</th>
          <th>Run</th>
          <th>Started</th>
          <th>Duration</th>
          <th>Task instances</th>
        </tr>
      </thead>
      <tbody>
        @for (entry of runs(); track entry.run.runId) {
          <tr data-testid="run-row" [attr.data-run-id]="entry.run.runId" [attr.data-state]="entry.run.state">
            <td><ud-state-badge [state]="entry.run.state" /></td>
            <td>
              <div class="mono small">{{ entry.run.runId }}</div>
              <div class="muted small">
                {{ entry.run.runType }} · logical date {{ entry.run.logicalDate | date: 'yyyy-MM-dd HH:mm:ss' }}
              </div>
            </td>
            <td class="small">{{ (entry.run.startDate | date: 'yyyy-MM-dd HH:mm:ss') ?? '—' }}</td>
            <td class="small">{{ elapsed(entry.run.startDate, entry.run.endDate) | duration }}</td>
            <td>
              <ul class="task-instances">
                @for (ti of entry.taskInstances; track ti.taskId + ':' + ti.mapIndex) {
                  <li class="task-instance">
                    <span class="mono small"
                      >{{ ti.taskId }}
                      @if (ti.mapIndex >= 0) {
                        [{{ ti.mapIndex }}]
                      }
                    </span>
                    <ud-state-badge
                      data-testid="task-state"
                      [attr.data-task-id]="ti.taskId"
                      [attr.data-state]="ti.state ?? 'none'"
                      [state]="ti.state"
                    />
                    <span>
                      @if (ti.tryNumber > 0) {
                        <a
                          class="small"
                          data-testid="task-log-link"
                          [attr.data-task-id]="ti.taskId"
                          [routerLink]="[
                            '/dags',
                            dagId(),
                            'runs',
                            entry.run.runId,
                            'tasks',
                            ti.taskId,
                            'logs',
                            ti.tryNumber,
                          ]"
                          [title]="'Log of try ' + ti.tryNumber"
                          >log{{ ti.tryNumber > 1 ? ' (try ' + ti.tryNumber + ')' : '' }}</a
                        >
                      }
                    </span>
                    <span class="muted small">{{ ti.durationMs | duration }}</span>
                  </li>
                } @empty {
                  <li class="muted small">No task instances yet.</li>
                }
              </ul>
            </td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    .task-instances {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.3rem;
    }
    .task-instance {
      display: grid;
      grid-template-columns: minmax(8rem, 1fr) auto 5.5rem 4.5rem;
      align-items: center;
      gap: 0.5rem;
    }
  `,
})
export class RunListComponent {
  readonly dagId = input.required<string>();
  readonly runs = input.required<readonly RunWithTasks[]>();

  protected readonly elapsed = elapsedMs;
}
