import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EFFECTIVE_TEAM } from './dag.repository';
import { Page, PageRequest } from './page';

export type IncidentRule = 'sla' | 'deadline' | 'failure';
export type IncidentSeverity = 'critical' | 'high' | 'low';
export type IncidentState = 'open' | 'acknowledged' | 'resolved';
export type IncidentEventKind = 'opened' | 'joined' | 'alerted' | 'escalated' | 'acknowledged' | 'note' | 'resolved';

export interface Incident {
  id: string;
  tenantId: string;
  dagId: string;
  rule: IncidentRule;
  severity: IncidentSeverity;
  state: IncidentState;
  title: string;
  occurrences: number;
  openedAt: Date;
  lastSeenAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  resolvedAt: Date | null;
  /** Who resolved it; null with `resolvedAt` set: resolved automatically by a later successful run. */
  resolvedBy: string | null;
  /** Channels told when it opened; null: the tenant's default channels. */
  channels: string[] | null;
  escalateAfterMs: number | null;
  escalateTo: string[];
  escalatedAt: Date | null;
  notifiedAt: Date | null;
}

export interface IncidentEvent {
  id: number;
  at: Date;
  kind: IncidentEventKind;
  actor: string | null;
  via: string | null;
  text: string;
  runId: string | null;
}

export interface IncidentRun {
  dagRunId: string;
  runId: string;
  state: string;
  logicalDate: Date;
  joinedAt: Date;
}

/** An incident as an alert tells it: with the tenant's slug and the run that opened it. */
export interface IncidentForAlert {
  incident: Incident;
  tenantSlug: string;
  /** The first signal's words (`task load missed its SLA in run …`). */
  detail: string;
  runId: string | null;
  /** The members whose acknowledge/resolve links the alert carries. */
  responders: { userId: string; email: string }[];
}

export interface IncidentFilters {
  /** `unresolved`: open or acknowledged. */
  state?: IncidentState | 'unresolved';
  dagId?: string;
  severity?: IncidentSeverity;
  rule?: IncidentRule;
}

export interface HandledSignal {
  incidentId: string;
  opened: boolean;
}

function toIncident(row: Record<string, any>): Incident {
  return {
    id: row['id'],
    tenantId: row['tenant_id'],
    dagId: row['dag_id'],
    rule: row['rule'],
    severity: row['severity'],
    state: row['state'],
    title: row['title'],
    occurrences: row['occurrences'],
    openedAt: row['opened_at'],
    lastSeenAt: row['last_seen_at'],
    acknowledgedAt: row['acknowledged_at'],
    acknowledgedBy: row['acknowledged_by'],
    resolvedAt: row['resolved_at'],
    resolvedBy: row['resolved_by'],
    channels: row['channels'],
    escalateAfterMs: row['escalate_after_ms'],
    escalateTo: row['escalate_to'] ?? [],
    escalatedAt: row['escalated_at'],
    notifiedAt: row['notified_at'],
  };
}

const RULE_WORDS: Record<IncidentRule, string> = {
  sla: 'SLA missed',
  deadline: 'deadline missed',
  failure: 'run failed',
};

/** Whom an incident tells when it opens: the DAG's incident channels, then its deadline or SLA channels, else the defaults. */
const CHANNELS_OF = `COALESCE(v.serialized->'incidents'->'channels', v.serialized->'deadlineChannels', v.serialized->'slaChannels')`;

/**
 * Incidents and their timelines. Signals (sql/functions/updraft_record_incident_signals.sql) are
 * handled under row locks, and a DAG has one unresolved incident per rule (index
 * incident_open_once), so two schedulers open one incident and join each repeat once. Reads and
 * people's actions always take the tenant.
 */
@Injectable()
export class IncidentRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Records the signals of the last `lookbackMs`; returns how many this call recorded. */
  async recordSignals(lookbackMs: number, limit: number): Promise<number> {
    const rows = await this.db.query(`SELECT id FROM updraft_record_incident_signals($1, $2)`, [lookbackMs, limit]);
    return rows.length;
  }

  /** Opens an incident for each unhandled signal or joins it to its rule's open one. */
  async handleSignals(limit: number): Promise<HandledSignal[]> {
    return this.db.transaction(async (tx) => {
      const signals: Record<string, any>[] = await tx.query(
        `SELECT s.*, v.serialized->'incidents' AS options, ${CHANNELS_OF} AS channels
           FROM incident_signal s
           JOIN dag_run r ON r.id = s.dag_run_id
           JOIN dag_version v ON v.id = r.dag_version_id
          WHERE s.handled_at IS NULL
          ORDER BY s.detected_at
          LIMIT $1
            FOR UPDATE OF s SKIP LOCKED`,
        [limit],
      );
      const handled: HandledSignal[] = [];
      for (const signal of signals) handled.push(await this.handleSignal(tx, signal));
      return handled;
    });
  }

  private async handleSignal(tx: EntityManager, signal: Record<string, any>): Promise<HandledSignal> {
    const options = signal['options'] ?? {};
    const rule = signal['rule'] as IncidentRule;
    const [row] = await tx.query(
      `INSERT INTO incident (tenant_id, dag_id, rule, severity, title, channels, escalate_after_ms, escalate_to, responders)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (tenant_id, dag_id, rule) WHERE state <> 'resolved'
       DO UPDATE SET occurrences = incident.occurrences + 1, last_seen_at = now()
       RETURNING id, (xmax = 0) AS opened`,
      [
        signal['tenant_id'],
        signal['dag_id'],
        rule,
        options['severity'] ?? 'high',
        `${signal['dag_id']}: ${RULE_WORDS[rule]}`,
        Array.isArray(signal['channels']) ? signal['channels'] : null,
        typeof options['escalateAfterMs'] === 'number' ? options['escalateAfterMs'] : null,
        Array.isArray(options['escalateTo']) ? options['escalateTo'] : [],
        Array.isArray(options['responders']) ? options['responders'] : [],
      ],
    );
    const incidentId: string = row['id'];
    await tx.query(
      `INSERT INTO incident_run (incident_id, tenant_id, dag_run_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [incidentId, signal['tenant_id'], signal['dag_run_id']],
    );
    await this.addEvent(tx, signal['tenant_id'], incidentId, {
      kind: row['opened'] ? 'opened' : 'joined',
      via: 'scheduler',
      text: signal['detail'],
      dagRunId: signal['dag_run_id'],
    });
    await tx.query(`UPDATE incident_signal SET handled_at = now(), incident_id = $2 WHERE id = $1`, [
      signal['id'],
      incidentId,
    ]);
    return { incidentId, opened: row['opened'] };
  }

  /** Resolves the unresolved incidents a later successful run closed; returns them. */
  async resolveAfterSuccess(): Promise<{ incidentId: string; tenantId: string; runId: string }[]> {
    const rows: Record<string, any>[] = await this.db.query(`SELECT * FROM updraft_resolve_incidents_after_success()`);
    return rows.map((row) => ({ incidentId: row['incident_id'], tenantId: row['tenant_id'], runId: row['run_id'] }));
  }

  /**
   * Hands incidents not yet announced to `notify` (which returns the channels it told) and marks
   * them announced in the same transaction, under SKIP LOCKED row locks: one announcement each.
   */
  async announcePending(limit: number, notify: (incident: IncidentForAlert) => Promise<string[]>): Promise<number> {
    return this.withLocked(
      `i.notified_at IS NULL`,
      limit,
      notify,
      `UPDATE incident SET notified_at = now() WHERE id = $1`,
      'alerted',
    );
  }

  /**
   * Hands incidents still open (not acknowledged) `escalate_after_ms` after they opened to
   * `escalate`, and marks them escalated in the same transaction: each escalates once.
   */
  async escalateDue(limit: number, escalate: (incident: IncidentForAlert) => Promise<string[]>): Promise<number> {
    return this.withLocked(
      `i.state = 'open' AND i.escalated_at IS NULL AND i.escalate_after_ms IS NOT NULL AND cardinality(i.escalate_to) > 0
         AND i.notified_at IS NOT NULL AND i.opened_at + make_interval(secs => i.escalate_after_ms / 1000) <= now()`,
      limit,
      escalate,
      `UPDATE incident SET escalated_at = now() WHERE id = $1`,
      'escalated',
    );
  }

  private async withLocked(
    condition: string,
    limit: number,
    act: (incident: IncidentForAlert) => Promise<string[]>,
    mark: string,
    kind: IncidentEventKind,
  ): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows: Record<string, any>[] = await tx.query(
        `SELECT i.*, t.slug AS tenant_slug, first.text AS detail, r.run_id, who.responders
           FROM incident i
           JOIN tenant t ON t.id = i.tenant_id
           CROSS JOIN LATERAL (
             SELECT coalesce(jsonb_agg(jsonb_build_object('userId', u.id, 'email', u.email) ORDER BY u.email), '[]') AS responders
               FROM membership m JOIN app_user u ON u.id = m.user_id
              WHERE m.tenant_id = i.tenant_id
                AND CASE WHEN cardinality(i.responders) > 0 THEN lower(u.email) = ANY(i.responders) ELSE m.role IN ('owner', 'admin') END
           ) who
           LEFT JOIN LATERAL (
             SELECT e.text, e.dag_run_id FROM incident_event e WHERE e.incident_id = i.id AND e.kind = 'opened' ORDER BY e.id LIMIT 1
           ) first ON true
           LEFT JOIN dag_run r ON r.id = first.dag_run_id
          WHERE i.state <> 'resolved' AND ${condition}
          ORDER BY i.opened_at
          LIMIT $1
            FOR UPDATE OF i SKIP LOCKED`,
        [limit],
      );
      for (const row of rows) {
        const incident = toIncident(row);
        const told = await act({
          incident,
          tenantSlug: row['tenant_slug'],
          detail: row['detail'] ?? incident.title,
          runId: row['run_id'] ?? null,
          responders: row['responders'] ?? [],
        });
        await tx.query(mark, [incident.id]);
        await this.addEvent(tx, incident.tenantId, incident.id, {
          kind,
          via: 'scheduler',
          text: told.length > 0 ? `told ${told.join(', ')}` : 'no notification channel to tell',
        });
      }
      return rows.length;
    });
  }

  private async addEvent(
    tx: EntityManager | DataSource,
    tenantId: string,
    incidentId: string,
    event: { kind: IncidentEventKind; actor?: string | null; via: string; text: string; dagRunId?: string | null },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO incident_event (tenant_id, incident_id, kind, actor, via, text, dag_run_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [tenantId, incidentId, event.kind, event.actor ?? null, event.via, event.text, event.dagRunId ?? null],
    );
  }

  async get(tenantId: string, incidentId: string): Promise<Incident | null> {
    const [row] = await this.db.query(`SELECT * FROM incident WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      incidentId,
    ]);
    return row ? toIncident(row) : null;
  }

  async timeline(tenantId: string, incidentId: string): Promise<{ runs: IncidentRun[]; events: IncidentEvent[] }> {
    const [runs, events]: Record<string, any>[][] = await Promise.all([
      this.db.query(
        `SELECT r.id, r.run_id, r.state, r.logical_date, ir.joined_at FROM incident_run ir JOIN dag_run r ON r.id = ir.dag_run_id
          WHERE ir.tenant_id = $1 AND ir.incident_id = $2 ORDER BY r.logical_date`,
        [tenantId, incidentId],
      ),
      this.db.query(
        `SELECT e.*, r.run_id FROM incident_event e LEFT JOIN dag_run r ON r.id = e.dag_run_id
          WHERE e.tenant_id = $1 AND e.incident_id = $2 ORDER BY e.id`,
        [tenantId, incidentId],
      ),
    ]);
    return {
      runs: runs.map((row) => ({
        dagRunId: row['id'],
        runId: row['run_id'],
        state: row['state'],
        logicalDate: row['logical_date'],
        joinedAt: row['joined_at'],
      })),
      events: events.map((row) => ({
        id: Number(row['id']),
        at: row['at'],
        kind: row['kind'],
        actor: row['actor'],
        via: row['via'],
        text: row['text'],
        runId: row['run_id'] ?? null,
      })),
    };
  }

  /** Unresolved first (newest first within each), then the rest. */
  async list(
    tenantId: string,
    page: PageRequest,
    filters: IncidentFilters = {},
    teams: readonly string[] | null = null,
  ): Promise<Page<Incident>> {
    const conditions = ['i.tenant_id = $1'];
    const params: unknown[] = [tenantId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (filters.state === 'unresolved') conditions.push(`i.state <> 'resolved'`);
    else if (filters.state) add('i.state = ?', filters.state);
    if (filters.dagId) add('i.dag_id = ?', filters.dagId);
    if (filters.severity) add('i.severity = ?', filters.severity);
    if (filters.rule) add('i.rule = ?', filters.rule);
    if (teams)
      add(
        `EXISTS (SELECT 1 FROM dag d JOIN dag_version v ON v.id = d.current_version_id
                  WHERE d.tenant_id = i.tenant_id AND d.dag_id = i.dag_id AND ${EFFECTIVE_TEAM} = ANY(?))`,
        teams,
      );
    const where = conditions.join(' AND ');
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM incident i WHERE ${where}`, params);
    const rows: Record<string, any>[] = await this.db.query(
      `SELECT i.* FROM incident i WHERE ${where}
        ORDER BY (i.state = 'resolved'), i.opened_at DESC, i.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, page.offset],
    );
    return { items: rows.map(toIncident), total, limit: page.limit, offset: page.offset };
  }

  /** Open → acknowledged; null when the incident is not open (acknowledged already, or resolved). */
  async acknowledge(
    tenantId: string,
    incidentId: string,
    actor: string,
    via: string,
    tx?: EntityManager,
  ): Promise<Incident | null> {
    return this.act(
      tx,
      tenantId,
      incidentId,
      `UPDATE incident SET state = 'acknowledged', acknowledged_at = now(), acknowledged_by = $3
        WHERE tenant_id = $1 AND id = $2 AND state = 'open' RETURNING *`,
      [actor],
      { kind: 'acknowledged', actor, via, text: '' },
    );
  }

  /** → resolved by `actor`; null when it was resolved already. */
  async resolve(
    tenantId: string,
    incidentId: string,
    actor: string,
    via: string,
    note: string,
    tx?: EntityManager,
  ): Promise<Incident | null> {
    return this.act(
      tx,
      tenantId,
      incidentId,
      `UPDATE incident SET state = 'resolved', resolved_at = now(), resolved_by = $3
        WHERE tenant_id = $1 AND id = $2 AND state <> 'resolved' RETURNING *`,
      [actor],
      { kind: 'resolved', actor, via, text: note },
    );
  }

  async addNote(tenantId: string, incidentId: string, actor: string, via: string, text: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query(`SELECT id FROM incident WHERE tenant_id = $1 AND id = $2 FOR SHARE`, [
        tenantId,
        incidentId,
      ]);
      if (!row) return false;
      await this.addEvent(tx, tenantId, incidentId, { kind: 'note', actor, via, text });
      return true;
    });
  }

  private async act(
    within: EntityManager | undefined,
    tenantId: string,
    incidentId: string,
    update: string,
    extra: unknown[],
    event: { kind: IncidentEventKind; actor: string; via: string; text: string },
  ): Promise<Incident | null> {
    const inTransaction = (work: (tx: EntityManager) => Promise<Incident | null>) =>
      within ? work(within) : this.db.transaction(work);
    return inTransaction(async (tx) => {
      // For UPDATE … RETURNING, TypeORM's postgres driver answers [rows, affectedCount].
      const [[row]]: [Record<string, any>[], number] = await tx.query(update, [tenantId, incidentId, ...extra]);
      if (!row) return null;
      await this.addEvent(tx, tenantId, incidentId, event);
      return toIncident(row);
    });
  }
}
