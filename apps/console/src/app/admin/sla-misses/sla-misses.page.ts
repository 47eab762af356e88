import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { NotificationDelivery, Page, SlaMiss } from '@updraft/api-types';
import { PageMessagesComponent } from '../../shared/page-messages.component';
import { PageState } from '../../shared/page-state';
import { PermissionsService } from '../../shared/permissions.service';
import { PERMISSIONS } from '@updraft/domain/permissions';
import { AdminApiService } from '../admin-api.service';
import { PagerComponent } from '../../shared/pager.component';

const PAGE_SIZE = 25;

/** Task SLA and DAG deadline misses, each linked to its run and to the attempts to deliver its alert. */
@Component({
  selector: 'ud-sla-misses-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, RouterLink, PageMessagesComponent, PagerComponent],
  template: `
    <h1>SLA misses</h1>
    <ud-page-messages [state]="state" />
    <form class="form-row" role="search" aria-label="Filter SLA misses" (ngSubmit)="load(0)">
      <label class="field"><span>DAG</span><input name="dagId" [(ngModel)]="filters.dagId" /></label>
      <label class="field"><span>Task</span><input name="taskId" [(ngModel)]="filters.taskId" /></label>
      <label class="field"
        ><span>Detected from</span><input name="from" type="date" [(ngModel)]="filters.from"
      /></label>
      <label class="field"><span>Detected before</span><input name="to" type="date" [(ngModel)]="filters.to" /></label>
      <button class="btn" type="submit">Filter</button>
    </form>
    <div class="table-wrap" tabindex="0" role="region" aria-label="SLA misses">
      <table class="table" data-testid="sla-table">
        <caption class="visually-hidden">
          SLA misses
        </caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">DAG / task</th>
            <th scope="col">Run</th>
            <th scope="col">Expected</th>
            <th scope="col">Late by</th>
            <th scope="col">Alert</th>
          </tr>
        </thead>
        <tbody>
          @for (miss of page().items; track miss.id) {
            <tr>
              <td>{{ miss.kind }}</td>
              <td class="mono">{{ miss.dagId }}{{ miss.taskId ? '.' + miss.taskId : '' }}</td>
              <td class="mono small">
                <a [routerLink]="['/dags', miss.dagId, 'runs', miss.runId]">{{ miss.runId }}</a>
              </td>
              <td class="small">{{ miss.expectedAt.slice(0, 16).replace('T', ' ') }}</td>
              <td>{{ minutes(miss.lateByMs) }} min</td>
              <td>
                @if (canSeeDeliveries) {
                  <button
                    class="btn btn--small"
                    type="button"
                    (click)="deliveriesOf(miss)"
                    [attr.aria-expanded]="!!deliveries()[miss.id]"
                  >
                    {{ miss.notifiedAt ? 'Sent' : 'Pending' }}: deliveries
                  </button>
                } @else {
                  {{ miss.notifiedAt ? 'Sent' : 'Pending' }}
                }
              </td>
            </tr>
            @if (deliveries()[miss.id]; as attempts) {
              <tr>
                <td colspan="6">
                  <ul class="plain small">
                    @for (attempt of attempts; track attempt.id) {
                      <li>
                        {{ attempt.createdAt.slice(0, 19).replace('T', ' ') }} · attempt {{ attempt.attempt }} ·
                        <span [class]="attempt.status === 'sent' ? 'success' : 'error'">{{ attempt.status }}</span>{{
                          attempt.error ? ': ' + attempt.error : ''
                        }}
                      </li>
                    } @empty {
                      <li class="muted">No delivery attempts yet.</li>
                    }
                  </ul>
                </td>
              </tr>
            }
          } @empty {
            <tr>
              <td colspan="6" class="muted">No SLA misses.</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
    <ud-pager [total]="page().total" [offset]="page().offset" [limit]="pageSize" (go)="load($event)" />
  `,
})
export class SlaMissesPage implements OnInit {
  private readonly api = inject(AdminApiService);
  protected readonly state = new PageState();
  protected readonly page = signal<Page<SlaMiss>>({ items: [], total: 0, limit: PAGE_SIZE, offset: 0 });
  protected readonly deliveries = signal<Record<string, NotificationDelivery[]>>({});
  protected readonly canSeeDeliveries = inject(PermissionsService).can(PERMISSIONS.channelsRead);
  protected readonly pageSize = PAGE_SIZE;
  protected filters = { dagId: '', taskId: '', from: '', to: '' };

  ngOnInit(): void {
    this.load(0);
  }

  protected minutes(ms: number): number {
    return Math.round(ms / 60_000);
  }

  protected load(offset: number): void {
    const { dagId, taskId, from, to } = this.filters;
    this.state.load(
      this.api.get(
        '/slaMisses',
        {},
        {
          dagId,
          taskId,
          from: from && `${from}T00:00:00Z`,
          to: to && `${to}T00:00:00Z`,
          limit: PAGE_SIZE,
          offset,
        },
      ),
      (page) => this.page.set(page),
    );
  }

  protected deliveriesOf(miss: SlaMiss): void {
    this.state.load(
      this.api.get(
        '/notificationDeliveries',
        {},
        {
          notificationKey: miss.notificationKey,
          limit: 50,
        },
      ),
      (page) => this.deliveries.set({ ...this.deliveries(), [miss.id]: page.items }),
    );
  }
}
