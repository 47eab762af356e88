import { ChangeDetectionStrategy, Component, OnInit, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { IncidentDetail } from '@updraft/api-types';
import { PERMISSIONS } from '@updraft/domain/permissions';
import { AdminApiService } from '../admin/admin-api.service';
import { PageMessagesComponent } from '../shared/page-messages.component';
import { PageState } from '../shared/page-state';
import { PermissionsService } from '../shared/permissions.service';

/** One incident: what it is about, the runs it concerns, its timeline, and acknowledge / note / resolve. */
@Component({
  selector: 'ud-incident-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, RouterLink, PageMessagesComponent],
  template: `
    <p class="small"><a routerLink="/incidents">← Incidents</a></p>
    <ud-page-messages [state]="state" />
    @if (incident(); as incident) {
      <h1>{{ incident.title }}</h1>
      <p data-testid="incident-summary">
        <strong>{{ incident.severity }}</strong> · {{ incident.state }}
        {{ incident.acknowledgedBy ? 'by ' + incident.acknowledgedBy : '' }} · opened
        {{ incident.openedAt.slice(0, 19).replace('T', ' ') }} · {{ incident.occurrences }} occurrence(s)
        @if (incident.resolvedAt) {
          · resolved {{ incident.resolvedBy ? 'by ' + incident.resolvedBy : 'automatically' }}
        }
      </p>
      @if (canRespond && incident.state !== 'resolved') {
        <div class="form-row">
          @if (incident.state === 'open') {
            <button class="btn" type="button" (click)="acknowledge()" [disabled]="state.busy()">Acknowledge</button>
          }
          <button class="btn" type="button" (click)="resolve()" [disabled]="state.busy()">Resolve</button>
        </div>
      }
      <h2>Runs</h2>
      <ul class="plain">
        @for (run of incident.runs; track run.runId) {
          <li class="mono small">
            <a [routerLink]="['/dags', incident.dagId, 'runs', run.runId]">{{ run.runId }}</a> · {{ run.state }}
          </li>
        }
      </ul>
      <h2>Timeline</h2>
      <ol class="timeline" data-testid="incident-timeline">
        @for (event of incident.timeline; track $index) {
          <li>
            <span class="small muted">{{ event.at.slice(0, 19).replace('T', ' ') }}</span>
            <strong>{{ event.kind }}</strong>
            {{ event.actor ?? '' }}{{ event.via && event.actor ? ' (' + event.via + ')' : '' }}
            @if (event.text) {
              <span>— {{ event.text }}</span>
            }
          </li>
        }
      </ol>
      @if (canRespond) {
        <form class="form-row" (ngSubmit)="addNote()">
          <label class="field"><span>Note</span><input name="note" [(ngModel)]="note" required /></label>
          <button class="btn" type="submit" [disabled]="state.busy() || !note">Add note</button>
        </form>
      }
    }
  `,
  styles: `
    .timeline {
      list-style: none;
      padding-left: 0;
      border-left: 2px solid #d0d7de;
    }
    .timeline li {
      padding: 0.25rem 0 0.25rem 0.75rem;
    }
    .timeline li > span:first-child {
      margin-right: 0.5rem;
    }
  `,
})
export class IncidentPage implements OnInit {
  readonly incidentId = input.required<string>();
  private readonly api = inject(AdminApiService);
  protected readonly state = new PageState();
  protected readonly incident = signal<IncidentDetail | null>(null);
  protected readonly canRespond = inject(PermissionsService).can(PERMISSIONS.incidentsRespond);
  protected note = '';
  private readonly params = computed(() => ({ incidentId: this.incidentId() }));

  ngOnInit(): void {
    this.state.load(this.api.get('/incidents/{incidentId}', this.params()), (detail) => this.incident.set(detail));
  }

  protected acknowledge(): void {
    this.state.run(this.api.post('/incidents/{incidentId}/acknowledge', this.params(), {}), () => this.ngOnInit());
  }

  protected resolve(): void {
    this.state.run(this.api.post('/incidents/{incidentId}/resolve', this.params(), {}), () => this.ngOnInit());
  }

  protected addNote(): void {
    this.state.run(this.api.post('/incidents/{incidentId}/notes', this.params(), { text: this.note }), (detail) => {
      this.note = '';
      this.incident.set(detail);
    });
  }
}
