import { Inject, Injectable, Logger } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import {
  ActionLinkSigner,
  INCIDENT_LINK_KIND,
  INCIDENT_LINK_TTL_MS,
  IncidentActionLinks,
  incidentMessage,
  incidentNotificationKey,
  MAX_LINKED_RESPONDERS,
  Notifier,
} from '@updraft/notifications';
import { IncidentForAlert, IncidentRepository } from '@updraft/persistence';

const BATCH = 200;
/** Signals older than this are not looked for any more (covers schedulers being down for a while). */
const SIGNAL_LOOKBACK_MS = 60 * 60 * 1000;

export interface IncidentCheck {
  signals: number;
  opened: number;
  joined: number;
  announced: number;
  escalated: number;
  resolved: number;
}

/**
 * Opens incidents from SLA/deadline misses and failed runs of critical DAGs, joins repeats to the
 * open one, announces and escalates them, and resolves them when a later run succeeds. Safe on any
 * number of schedulers: signals are recorded idempotently and every step works under row locks or
 * conditional updates.
 */
@Injectable()
export class IncidentKeeper {
  private readonly logger = new Logger(IncidentKeeper.name);

  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    private readonly incidents: IncidentRepository,
    private readonly notifier: Notifier,
    private readonly links: ActionLinkSigner,
  ) {}

  async check(): Promise<IncidentCheck> {
    const signals = await this.incidents.recordSignals(SIGNAL_LOOKBACK_MS, BATCH);
    const handled = await this.incidents.handleSignals(BATCH);
    const resolved = await this.incidents.resolveAfterSuccess();
    for (const r of resolved) this.logger.log(`incident ${r.incidentId} resolved: run ${r.runId} succeeded`);
    const announced = await this.incidents.announcePending(BATCH, (alert) => this.tell(alert, false));
    const escalated = await this.incidents.escalateDue(BATCH, (alert) => this.tell(alert, true));
    return {
      signals,
      opened: handled.filter((h) => h.opened).length,
      joined: handled.filter((h) => !h.opened).length,
      announced,
      escalated,
      resolved: resolved.length,
    };
  }

  private async tell(alert: IncidentForAlert, escalation: boolean): Promise<string[]> {
    const { incident } = alert;
    const names = escalation ? incident.escalateTo : incident.channels;
    const result = await this.notifier.enqueue(incident.tenantId, names, {
      key: incidentNotificationKey(incident.id, escalation),
      kind: escalation ? 'incident_escalation' : 'incident',
      message: incidentMessage(alert, this.config.publicUrl, this.actionLinks(alert), escalation),
    });
    if (result.unknown.length > 0)
      this.logger.warn(
        `incident ${incident.id} of DAG ${incident.dagId} names notification channel(s) that do not exist: ${result.unknown.join(', ')}`,
      );
    return result.channels;
  }

  /** Signed single-use acknowledge and resolve links for each responder (the confirmation page asks before acting). */
  private actionLinks(alert: IncidentForAlert): IncidentActionLinks[] {
    const expiresAt = new Date(Date.now() + INCIDENT_LINK_TTL_MS);
    return alert.responders.slice(0, MAX_LINKED_RESPONDERS).map(({ userId, email }) => {
      const grant = {
        tenantId: alert.incident.tenantId,
        subjectKind: INCIDENT_LINK_KIND,
        subjectId: alert.incident.id,
        userId,
        expiresAt,
      };
      return {
        email,
        acknowledge: this.links.url({ ...grant, action: 'acknowledge' }),
        resolve: this.links.url({ ...grant, action: 'resolve' }),
      };
    });
  }
}
