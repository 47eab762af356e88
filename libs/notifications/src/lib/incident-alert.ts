import type { IncidentForAlert } from '@updraft/persistence';
import type { NotificationMessage } from '@updraft/queues';
import { formatLateness } from './sla-alert';

/** The incident's timeline in the console. */
export function incidentLink(publicUrl: string, tenantSlug: string, incidentId: string): string {
  return `${publicUrl.replace(/\/$/, '')}/incidents/${encodeURIComponent(incidentId)}?tenant=${encodeURIComponent(tenantSlug)}`;
}

/** One-click actions a message offers (acknowledge, resolve): each a signed, single-use link. */
export interface IncidentActionLinks {
  acknowledge: string;
  resolve: string;
}

/** The key an incident's opening (or escalation) alert is delivered under: once per incident and channel. */
export const incidentNotificationKey = (incidentId: string, escalation: boolean): string =>
  `${escalation ? 'incident-escalation' : 'incident'}:${incidentId}`;

/** What an incident alert says: what happened, how severe, how to act on it. */
export function incidentMessage(
  alert: IncidentForAlert,
  publicUrl: string,
  actions: IncidentActionLinks | null,
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
  if (actions) lines.push('', `Acknowledge: ${actions.acknowledge}`, `Resolve: ${actions.resolve}`);
  return {
    subject: `[Updraft] ${escalation ? 'Escalated' : 'Incident'} ${severity}: ${incident.title}`,
    text: lines.join('\n'),
    link: incidentLink(publicUrl, alert.tenantSlug, incident.id),
  };
}
