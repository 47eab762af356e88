import { PageInfo } from './api-types';

export type IncidentRuleName = 'sla' | 'deadline' | 'failure';
export type IncidentSeverityName = 'critical' | 'high' | 'low';
export type IncidentStateName = 'open' | 'acknowledged' | 'resolved';

/** What a missed SLA or deadline, or a failed run of a critical DAG, opened; repeats of its rule join it until it is resolved. */
export class Incident {
  id!: string;
  dagId!: string;
  /** `sla` (a task's SLA), `deadline` (the DAG's deadline) or `failure` (a run of a critical DAG failed). */
  rule!: IncidentRuleName;
  severity!: IncidentSeverityName;
  state!: IncidentStateName;
  title!: string;
  /** How many misses or failures joined it (the first included). */
  occurrences!: number;
  openedAt!: string;
  lastSeenAt!: string;
  acknowledgedAt!: string | null;
  acknowledgedBy!: string | null;
  resolvedAt!: string | null;
  /** Who resolved it; null when resolved automatically by a later successful run (or not resolved). */
  resolvedBy!: string | null;
  escalatedAt!: string | null;
}

export class IncidentPage extends PageInfo {
  items!: Incident[];
}

/** A run the incident concerns. */
export class IncidentRunRef {
  runId!: string;
  state!: string;
  logicalDate!: string;
  joinedAt!: string;
}

/** One entry of an incident's timeline. */
export class IncidentEvent {
  at!: string;
  kind!: 'opened' | 'joined' | 'alerted' | 'escalated' | 'acknowledged' | 'note' | 'resolved';
  /** Who did it (an email); null for what the platform did. */
  actor!: string | null;
  /** Where it came from: `scheduler`, `api`, `link`. */
  via!: string | null;
  text!: string;
  /** The run it is about, if any. */
  runId!: string | null;
}

export class IncidentDetail extends Incident {
  runs!: IncidentRunRef[];
  timeline!: IncidentEvent[];
}

export class ResolveIncidentRequest {
  /** Why or how it was resolved; goes on the timeline. */
  note?: string;
}

export class IncidentNoteRequest {
  text!: string;
}
