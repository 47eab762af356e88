import type { IncidentForAlert } from '@updraft/persistence';
import type { NotificationMessage } from '@updraft/queues';
import { formatLateness } from './sla-alert';

/** The incident's timeline in the console. */
export function incidentLink(publicUrl: string, tenantSlug: string, incidentId: string): string {
  return `${publicUrl.replace(/\/$/, '')}/incidents/${encodeURIComponent(incidentId)}?tenant=${encodeURIComponent(tenantSlug)}`;
}

/** One responder's one-click actions: each a signed, single-use link bound to them (docs/alerts.md). */
export interface IncidentActionLinks {
  email: string;
  acknowledge: string;
  resolve: string;
}

/** The action links' subject kind for incidents. */
export const INCIDENT_LINK_KIND = 'incident';

/** How long an alert's acknowledge/resolve links work. */
export const INCIDENT_LINK_TTL_MS = 24 * 60 * 60 * 1000;

/** At most this many responders' links go in one message (the rest act in the console, API or CLI). */
export const MAX_LINKED_RESPONDERS = 5;

/** The key an incident's opening (or escalation) alert is delivered under: once per incident and channel. */
export const incidentNotificationKey = (incidentId: string, escalation: boolean): string =>
  `${escalation ? 'incident-escalation' : 'incident'}:${incidentId}`;

/** What an incident alert says: what happened, how severe, how to act on it. */
export function incidentMessage(
  alert: IncidentForAlert,
  publicUrl: string,
  actions: readonly IncidentActionLinks[],
  escalation: boolean,
): NotificationMessage {
  const { incident } = alert;
  const severity = incident.severity.toUpperCase();
  const lines = [
    escalation
      ? `Incident on DAG ${incident.dagId} is still not acknowledged ${formatLateness(Date.now() - incident.openedAt.getTime())} after it opened.`
      : `Incident opened on DAG ${incident.dagId} (severity ${incident.severity}): ${alert.detail}.`,
    `Opened at ${incident.openedAt.toISOString()}; repeats of this rule join it until it is resolved.`,
  ];
  for (const one of actions)
    lines.push('', `For ${one.email}:`, `Acknowledge: ${one.acknowledge}`, `Resolve: ${one.resolve}`);
  return {
    subject: `[Updraft] ${escalation ? 'Escalated' : 'Incident'} ${severity}: ${incident.title}`,
    text: lines.join('\n'),
    link: incidentLink(publicUrl, alert.tenantSlug, incident.id),
  };
}
