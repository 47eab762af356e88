import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { apiErrorMessage } from '../core/api-error';
import { ApiService } from '../core/api.service';
import { Dag } from '../core/api.types';
import { SessionService } from '../core/session.service';
import { StateBadgeComponent } from '../core/state-badge.component';

interface DagListState {
  loading: boolean;
  dags: Dag[];
  total: number;
  error: string | null;
}

@Component({
  selector: 'ud-dag-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, StateBadgeComponent],
  template: `
    <h1>DAGs</h1>

    @if (state().error; as error) {
      <p class="error" role="alert">{{ error }}</p>
    } @else if (state().loading) {
      <p class="muted">Loading DAGs…</p>
    } @else if (state().dags.length === 0) {
      <p class="muted">No DAGs in this tenant yet. Upload a bundle to get started.</p>
    } @else {
      <table class="table">
        <thead>
          <tr>
            <th>DAG</th>
            <th>Schedule</th>
            <th>Paused</th>
            <th>Last run</th>
          </tr>
        </thead>
        <tbody>
          @for (dag of state().dags; track dag.dagId) {
            <tr data-testid="dag-row" [attr.data-dag-id]="dag.dagId">
              <td>
                <a [routerLink]="['/dags', dag.dagId]" class="mono">{{ dag.dagId }}</a>
                @if (dag.description) {
                  <div class="muted small">{{ dag.description }}</div>
                }
                @if (dag.tags.length) {
                  <div class="tags">
                    @for (tag of dag.tags; track tag) {
                      <span class="tag">{{ tag }}</span>
                    }
                  </div>
                }
              </td>
              <td class="mono">{{ dag.schedule ?? 'None' }}</td>
              <td>{{ dag.isPaused ? 'Paused' : 'Active' }}</td>
              <td>
                @if (dag.lastRun; as run) {
                  <ud-state-badge [state]="run.state" />
                  <span class="muted small"> {{ run.logicalDate | date: 'yyyy-MM-dd HH:mm' }}</span>
                } @else {
                  <span class="muted">Never run</span>
                }
              </td>
            </tr>
          }
        </tbody>
      </table>
      @if (state().total > state().dags.length) {
        <p class="muted small">Showing {{ state().dags.length }} of {{ state().total }} DAGs.</p>
      }
    }
  `,
})
export class DagListPage {
  private readonly api = inject(ApiService);
  private readonly session = inject(SessionService);
  private readonly tenantSlug = computed(() => this.session.tenant()?.slug ?? null);

  protected readonly state = toSignal(
    toObservable(this.tenantSlug).pipe(
      switchMap((tenant) =>
        tenant === null
          ? of<DagListState>({ loading: false, dags: [], total: 0, error: 'No tenant selected.' })
          : this.api.listDags(tenant).pipe(
              map((page): DagListState => ({ loading: false, dags: page.items, total: page.total, error: null })),
              catchError((err: unknown) =>
                of<DagListState>({ loading: false, dags: [], total: 0, error: apiErrorMessage(err) }),
              ),
              startWith<DagListState>({ loading: true, dags: [], total: 0, error: null }),
            ),
      ),
    ),
    { initialValue: { loading: true, dags: [], total: 0, error: null } },
  );
}
