import { Injectable } from '@nestjs/common';
import type { Incident, IncidentDetail, IncidentPage } from '@updraft/api-types';
import type { AuthenticatedUser, TenantContext } from '@updraft/auth';
import { DagRepository, Incident as IncidentRow, IncidentRepository } from '@updraft/persistence';
import type { ListIncidentsQuery } from './incidents.dto';
import { IncidentException } from './incidents.exception';

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toIncidentView(incident: IncidentRow): Incident {
  return {
    id: incident.id,
    dagId: incident.dagId,
    rule: incident.rule,
    severity: incident.severity,
    state: incident.state,
    title: incident.title,
    occurrences: incident.occurrences,
    openedAt: incident.openedAt.toISOString(),
    lastSeenAt: incident.lastSeenAt.toISOString(),
    acknowledgedAt: iso(incident.acknowledgedAt),
    acknowledgedBy: incident.acknowledgedBy,
    resolvedAt: iso(incident.resolvedAt),
    resolvedBy: incident.resolvedBy,
    escalatedAt: iso(incident.escalatedAt),
  };
}

const notFound = (id: string) => new IncidentException('incidentNotFound', `incident '${id}' not found`);

/** Incidents as the API shows them; a team role sees and acts on its teams' DAGs' incidents only. */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly dags: DagRepository,
  ) {}

  async list(tenant: TenantContext, query: ListIncidentsQuery): Promise<IncidentPage> {
    const page = await this.incidents.list(
      tenant.id,
      { limit: query.limit, offset: query.offset },
      { state: query.state, dagId: query.dagId, severity: query.severity, rule: query.rule },
      tenant.teams,
    );
    return { ...page, items: page.items.map(toIncidentView) };
  }

  async get(tenant: TenantContext, incidentId: string): Promise<IncidentDetail> {
    const incident = await this.visible(tenant, incidentId);
    const { runs, events } = await this.incidents.timeline(tenant.id, incident.id);
    return {
      ...toIncidentView(incident),
      runs: runs.map((run) => ({
        runId: run.runId,
        state: run.state,
        logicalDate: run.logicalDate.toISOString(),
        joinedAt: run.joinedAt.toISOString(),
      })),
      timeline: events.map((event) => ({
        at: event.at.toISOString(),
        kind: event.kind,
        actor: event.actor,
        via: event.via,
        text: event.text,
        runId: event.runId,
      })),
    };
  }

  async acknowledge(tenant: TenantContext, user: AuthenticatedUser, incidentId: string): Promise<Incident> {
    const incident = await this.visible(tenant, incidentId);
    const acknowledged = await this.incidents.acknowledge(tenant.id, incident.id, user.email, 'api');
    if (!acknowledged) throw notOpen((await this.incidents.get(tenant.id, incident.id)) ?? incident);
    return toIncidentView(acknowledged);
  }

  async resolve(tenant: TenantContext, user: AuthenticatedUser, incidentId: string, note: string): Promise<Incident> {
    const incident = await this.visible(tenant, incidentId);
    const resolved = await this.incidents.resolve(tenant.id, incident.id, user.email, 'api', note);
    if (!resolved) throw new IncidentException('incidentResolved', `incident '${incidentId}' is resolved already`);
    return toIncidentView(resolved);
  }

  async addNote(
    tenant: TenantContext,
    user: AuthenticatedUser,
    incidentId: string,
    text: string,
  ): Promise<IncidentDetail> {
    const incident = await this.visible(tenant, incidentId);
    await this.incidents.addNote(tenant.id, incident.id, user.email, 'api', text);
    return this.get(tenant, incidentId);
  }

  /** The tenant's incident, if the caller may see its DAG (404 otherwise, as for a DAG of another team). */
  private async visible(tenant: TenantContext, incidentId: string): Promise<IncidentRow> {
    const incident = await this.incidents.get(tenant.id, incidentId);
    if (!incident) throw notFound(incidentId);
    if (tenant.teams) {
      const team = await this.dags.teamOf(tenant.id, incident.dagId);
      if (!team || !tenant.teams.includes(team)) throw notFound(incidentId);
    }
    return incident;
  }
}

export function notOpen(incident: IncidentRow): InstanceType<typeof IncidentException> {
  return incident.state === 'resolved'
    ? new IncidentException('incidentResolved', `incident '${incident.id}' is resolved already`)
    : new IncidentException(
        'incidentNotOpen',
        `incident '${incident.id}' was acknowledged already${incident.acknowledgedBy ? ` by ${incident.acknowledgedBy}` : ''}`,
      );
}
