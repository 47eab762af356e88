import { Injectable, OnModuleInit } from '@nestjs/common';
import { permissionsOf, PERMISSIONS, teamsGranting } from '@updraft/domain';
import { ActionLinkClaims, INCIDENT_LINK_KIND } from '@updraft/notifications';
import { DagRepository, Incident, IncidentRepository, LinkHolder, TeamRepository } from '@updraft/persistence';
import type { EntityManager } from 'typeorm';
import {
  ActionLinkHandler,
  ActionLinkOutcome,
  ActionLinkPrompt,
  ActionLinkRegistry,
} from '../action-links/action-link-registry';

const VERBS: Record<string, { label: string; question: string }> = {
  acknowledge: { label: 'Acknowledge', question: 'Acknowledge' },
  resolve: { label: 'Resolve', question: 'Resolve' },
};

/** Acknowledge and resolve links in incident alerts: each acts once, for its holder, if they may respond to the DAG's incidents. */
@Injectable()
export class IncidentLinks implements ActionLinkHandler, OnModuleInit {
  readonly subjectKind = INCIDENT_LINK_KIND;

  constructor(
    private readonly registry: ActionLinkRegistry,
    private readonly incidents: IncidentRepository,
    private readonly dags: DagRepository,
    private readonly teams: TeamRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async describe(link: ActionLinkClaims, holder: LinkHolder): Promise<ActionLinkPrompt | null> {
    const verb = VERBS[link.action];
    const incident = verb ? await this.incidents.get(link.tenantId, link.subjectId) : null;
    if (!verb || !incident || !(await this.mayRespond(link, holder, incident))) return null;
    return {
      title: `${verb.question} the incident "${incident.title}"?`,
      lines: [
        `Severity ${incident.severity}, ${incident.state}; opened ${incident.openedAt.toISOString()}, ${incident.occurrences} occurrence(s).`,
        incident.acknowledgedBy ? `Acknowledged by ${incident.acknowledgedBy}.` : 'Not acknowledged yet.',
        `You act as ${holder.email}.`,
      ],
      confirmLabel: verb.label,
    };
  }

  async perform(link: ActionLinkClaims, holder: LinkHolder, tx: EntityManager): Promise<ActionLinkOutcome> {
    const done =
      link.action === 'acknowledge'
        ? await this.incidents.acknowledge(link.tenantId, link.subjectId, holder.email, 'link', tx)
        : await this.incidents.resolve(link.tenantId, link.subjectId, holder.email, 'link', '', tx);
    if (done)
      return {
        done: true,
        message: link.action === 'acknowledge' ? 'The incident is acknowledged.' : 'The incident is resolved.',
      };
    const now = await this.incidents.get(link.tenantId, link.subjectId);
    return {
      done: false,
      message:
        now?.state === 'resolved'
          ? `The incident was resolved already${now.resolvedBy ? ` by ${now.resolvedBy}` : ' (a later run succeeded)'}.`
          : `The incident was acknowledged already${now?.acknowledgedBy ? ` by ${now.acknowledgedBy}` : ''}.`,
    };
  }

  /** The holder's role, or their team role on the incident's DAG, grants responding (as the API's guard would). */
  private async mayRespond(link: ActionLinkClaims, holder: LinkHolder, incident: Incident): Promise<boolean> {
    if (permissionsOf(holder.role).includes(PERMISSIONS.incidentsRespond)) return true;
    const team = await this.dags.teamOf(link.tenantId, incident.dagId);
    const teams = teamsGranting(await this.teams.rolesOf(link.tenantId, link.userId), PERMISSIONS.incidentsRespond);
    return !!team && teams.includes(team);
  }
}
