import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { Incident, Page } from '@updraft/api-types';
import { AdminApiService } from '../admin/admin-api.service';
import { PageMessagesComponent } from '../shared/page-messages.component';
import { PageState } from '../shared/page-state';
import { PagerComponent } from '../shared/pager.component';

const PAGE_SIZE = 25;

/** Incidents of the tenant's DAGs: unresolved first, filtered by state, severity and DAG. */
@Component({
  selector: 'ud-incidents-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, RouterLink, PageMessagesComponent, PagerComponent],
  template: `
    <h1>Incidents</h1>
    <ud-page-messages [state]="state" />
    <form class="form-row" role="search" aria-label="Filter incidents" (ngSubmit)="load(0)">
      <label class="field"
        ><span>State</span>
        <select name="state" [(ngModel)]="filters.state">
          <option value="">Any</option>
          <option value="unresolved">Unresolved</option>
          <option value="open">Open</option>
          <option value="acknowledged">Acknowledged</option>
          <option value="resolved">Resolved</option>
        </select></label
      >
      <label class="field"
        ><span>Severity</span>
        <select name="severity" [(ngModel)]="filters.severity">
          <option value="">Any</option>
          <option value="critical">Critical</option>
          <option value="high">High</option>
          <option value="low">Low</option>
        </select></label
      >
      <label class="field"><span>DAG</span><input name="dagId" [(ngModel)]="filters.dagId" /></label>
      <button class="btn" type="submit">Filter</button>
    </form>
    <div class="table-wrap" tabindex="0" role="region" aria-label="Incidents">
      <table class="table" data-testid="incidents-table">
        <caption class="visually-hidden">
          Incidents
        </caption>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Incident</th>
            <th scope="col">State</th>
            <th scope="col">Seen</th>
            <th scope="col">Opened</th>
          </tr>
        </thead>
        <tbody>
          @for (incident of page().items; track incident.id) {
            <tr>
              <td>
                <span class="severity severity--{{ incident.severity }}">{{ incident.severity }}</span>
              </td>
              <td>
                <a [routerLink]="['/incidents', incident.id]">{{ incident.title }}</a>
              </td>
              <td>
                {{ incident.state }}{{ incident.acknowledgedBy ? ' by ' + incident.acknowledgedBy : '' }}
                {{ incident.escalatedAt && incident.state === 'open' ? '· escalated' : '' }}
              </td>
              <td>{{ incident.occurrences }}×</td>
              <td class="small">{{ incident.openedAt.slice(0, 16).replace('T', ' ') }}</td>
            </tr>
          } @empty {
            <tr>
              <td colspan="5" class="muted">No incidents.</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
    <ud-pager [total]="page().total" [offset]="page().offset" [limit]="pageSize" (go)="load($event)" />
  `,
  styles: `
    .severity {
      border-radius: 999px;
      padding: 0 0.5rem;
      font-size: 0.75rem;
      font-weight: 600;
      color: #fff;
      background: #6b7280;
    }
    .severity--critical {
      background: #b71c1c;
    }
    .severity--high {
      background: #d84315;
    }
  `,
})
export class IncidentsPage implements OnInit {
  private readonly api = inject(AdminApiService);
  protected readonly state = new PageState();
  protected readonly page = signal<Page<Incident>>({ items: [], total: 0, limit: PAGE_SIZE, offset: 0 });
  protected readonly pageSize = PAGE_SIZE;
  protected filters: {
    state: '' | 'open' | 'acknowledged' | 'resolved' | 'unresolved';
    severity: '' | 'critical' | 'high' | 'low';
    dagId: string;
  } = { state: '', severity: '', dagId: '' };

  ngOnInit(): void {
    this.load(0);
  }

  protected load(offset: number): void {
    const { state, severity, dagId } = this.filters;
    this.state.load(
      this.api.get(
        '/incidents',
        {},
        {
          state: state || undefined,
          severity: severity || undefined,
          dagId: dagId || undefined,
          limit: PAGE_SIZE,
          offset,
        },
      ),
      (page) => this.page.set(page),
    );
  }
}
