import { DatePipe, JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { cronOf, describeSchedule } from '../../shared/schedule-text';
import { DagPageStore } from '../dag-page.store';

/** Everything the DAG declares: schedule, timezone, next run, params, tags, owners, team, bundle version, and each task's settings. */
@Component({
  selector: 'ud-details-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, JsonPipe],
  template: `
    @if (store.dag(); as dag) {
      <section class="card">
        <dl class="facts" data-testid="dag-details">
          <dt>Schedule</dt>
          <dd>
            {{ describe(dag.schedule) }}
            @if (cron(); as cron) {
              <span class="mono small muted">({{ cron }})</span>
            }
          </dd>
          <dt>Timezone</dt>
          <dd>{{ dag.timezone }}</dd>
          <dt>Next run</dt>
          <dd>
            @if (dag.nextRunAt) {
              {{ dag.nextRunAt | date: 'yyyy-MM-dd HH:mm' : 'UTC' }} UTC
              <span class="muted small">(when its data interval ends)</span>
            } @else {
              {{ dag.isPaused ? 'None while paused' : 'None scheduled' }}
            }
          </dd>
          <dt>Start date</dt>
          <dd>{{ dag.startDate ?? '—' }} · catchup {{ dag.catchup ? 'on' : 'off' }}</dd>
          <dt>State</dt>
          <dd>{{ dag.isPaused ? 'Paused' : 'Active' }}{{ dag.isActive ? '' : ' (not in the active bundle)' }}</dd>
          <dt>Tags</dt>
          <dd>{{ dag.tags.join(', ') || '—' }}</dd>
          <dt>Owners</dt>
          <dd>{{ dag.owners.join(', ') || '—' }}</dd>
          <dt>Team</dt>
          <dd>{{ dag.team ?? '—' }}</dd>
          <dt>Bundle</dt>
          <dd>{{ dag.bundleName }} version {{ dag.bundleVersion }}</dd>
          <dt>Declared at</dt>
          <dd class="mono small">{{ dag.source ?? '—' }}</dd>
        </dl>
      </section>
      <h2>Params</h2>
      @if (hasParams()) {
        <pre class="card mono small" data-testid="dag-params">{{ dag.params | json }}</pre>
      } @else {
        <p class="muted">No params.</p>
      }
      <h2>Tasks ({{ dag.tasks.length }})</h2>
      <div class="table-scroll">
        <table class="table small">
          <thead>
            <tr>
              <th>Task</th>
              <th>Operator</th>
              <th>Trigger rule</th>
              <th>Retries</th>
              <th>Upstream</th>
            </tr>
          </thead>
          <tbody>
            @for (task of dag.tasks; track task.taskId) {
              <tr data-testid="task-row" [attr.data-task-id]="task.taskId">
                <td class="mono">{{ task.taskId }}</td>
                <td>{{ task.operator }}</td>
                <td>{{ task.triggerRule }}</td>
                <td>{{ task.retries }}</td>
                <td class="mono">{{ task.upstream.join(', ') || '—' }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    } @else {
      <p class="muted">Loading the DAG…</p>
    }
  `,
  styles: `
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.35rem 1rem;
      margin: 0;
    }
    .facts dt {
      color: var(--muted);
    }
    .facts dd {
      margin: 0;
    }
  `,
})
export class DetailsTab {
  protected readonly store = inject(DagPageStore);
  protected readonly describe = describeSchedule;
  protected readonly cron = computed(() => cronOf(this.store.dag()?.schedule ?? null));
  protected readonly hasParams = computed(() => Object.keys(this.store.dag()?.params ?? {}).length > 0);
}
