import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { AuditEntry, Page } from '@updraft/api-types';
import { PageMessagesComponent } from '../../shared/page-messages.component';
import { PageState } from '../../shared/page-state';
import { PagerComponent } from '../../shared/pager.component';
import { AdminApiService } from '../admin-api.service';

const PAGE_SIZE = 50;

/** Every change made in the tenant, newest first. */
@Component({
  selector: 'ud-audit-log-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, PageMessagesComponent, PagerComponent],
  template: `
    <h1>Audit log</h1>
    <ud-page-messages [state]="state" />
    <form class="form-row" role="search" aria-label="Filter the audit log" (ngSubmit)="load(0)">
      <label class="field"
        ><span>Actor (email)</span><input name="actor" [(ngModel)]="filters.actor" data-testid="audit-actor"
      /></label>
      <label class="field"
        ><span>Action</span><input name="action" placeholder="POST /tenants/:tenant/teams" [(ngModel)]="filters.action"
      /></label>
      <label class="field"
        ><span>Outcome</span>
        <select name="outcome" [(ngModel)]="filters.outcome">
          <option value="">any</option>
          <option value="success">success</option>
          <option value="failure">failure</option>
          <option value="error">error</option>
        </select>
      </label>
      <label class="field"><span>From</span><input name="from" type="date" [(ngModel)]="filters.from" /></label>
      <label class="field"><span>Before</span><input name="to" type="date" [(ngModel)]="filters.to" /></label>
      <button class="btn" type="submit">Filter</button>
    </form>
    <div class="table-wrap" tabindex="0" role="region" aria-label="Audit log entries">
      <table class="table" data-testid="audit-table">
        <caption class="visually-hidden">
          Audit log entries
        </caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          @for (entry of page().items; track entry.id) {
            <tr>
              <td class="small">{{ entry.at.slice(0, 19).replace('T', ' ') }}</td>
              <td>{{ entry.actor.email ?? 'anonymous' }}</td>
              <td class="mono small">{{ entry.action }}</td>
              <td class="mono small">{{ target(entry) }}</td>
              <td [class]="entry.outcome === 'success' ? 'success' : 'error'">
                {{ entry.outcome }} ({{ entry.statusCode }})
              </td>
            </tr>
          } @empty {
            <tr>
              <td colspan="5" class="muted">No entries.</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
    <ud-pager [total]="page().total" [offset]="page().offset" [limit]="pageSize" (go)="load($event)" />
  `,
})
export class AuditLogPage implements OnInit {
  private readonly api = inject(AdminApiService);
  protected readonly state = new PageState();
  protected readonly page = signal<Page<AuditEntry>>({ items: [], total: 0, limit: PAGE_SIZE, offset: 0 });
  protected readonly pageSize = PAGE_SIZE;
  protected filters = { actor: '', action: '', outcome: '' as '' | 'success' | 'failure' | 'error', from: '', to: '' };

  ngOnInit(): void {
    this.load(0);
  }

  protected target(entry: AuditEntry): string {
    return Object.entries(entry.target)
      .filter(([key]) => key !== 'tenant')
      .map(([key, value]) => `${key}=${value}`)
      .join(' ');
  }

  protected load(offset: number): void {
    const { actor, action, outcome, from, to } = this.filters;
    this.state.load(
      this.api.get(
        '/auditLog',
        {},
        {
          actor,
          action,
          outcome: outcome || undefined,
          from: from && `${from}T00:00:00Z`,
          to: to && `${to}T00:00:00Z`,
          limit: PAGE_SIZE,
          offset,
        },
      ),
      (page) => this.page.set(page),
    );
  }
}
