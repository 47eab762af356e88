import { Duration } from './duration';
import type { Asset, AssetSchedule, SerializedAsset, SerializedAssetCondition } from './assets';
import type { ExpandSource } from './mapping';

/** When a task runs, given the states of its upstream tasks (Airflow's trigger rules). */
export type TriggerRule =
  | 'all_success'
  | 'all_failed'
  | 'all_done'
  | 'all_done_min_one_success'
  | 'one_success'
  | 'one_failed'
  | 'one_done'
  | 'none_failed'
  | 'none_failed_min_one_success'
  | 'none_skipped'
  | 'all_skipped'
  | 'always';

export const TRIGGER_RULES: readonly TriggerRule[] = [
  'all_success',
  'all_failed',
  'all_done',
  'all_done_min_one_success',
  'one_success',
  'one_failed',
  'one_done',
  'none_failed',
  'none_failed_min_one_success',
  'none_skipped',
  'all_skipped',
  'always',
];

/** Settings every task takes; a DAG's `defaultArgs` sets them for all its tasks, and any task may override them. */
export interface TaskArgs {
  owner?: string;
  retries?: number;
  retryDelay?: Duration;
  retryExponentialBackoff?: boolean;
  maxRetryDelay?: Duration;
  executionTimeout?: Duration;
  /** Time after the run's data interval end (scheduled runs) or queued time (other runs) by which the task should have finished. */
  sla?: Duration;
  /** Orders this tenant's ready tasks: higher first (a whole number; default 1). */
  priorityWeight?: number;
  /** The tenant's pool whose slots this task takes (default `default_pool`). */
  pool?: string;
  /** How many of its pool's slots this task takes while queued or running (default 1). */
  poolSlots?: number;
  triggerRule?: TriggerRule;
  /** Notification channels (by name) told when a try fails for good. */
  onFailure?: string[];
  /** Notification channels told when a try fails and will be retried. */
  onRetry?: string[];
  /** Notification channels told when the task succeeds. */
  onSuccess?: string[];
  /** Assets this task updates: each success records an asset event for each (see `asset()`). */
  outlets?: Asset[];
}

/** A run parameter's declaration (a small JSON-Schema subset). */
export interface ParamSpec {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';
  default?: unknown;
  description?: string;
  enum?: unknown[];
}

export interface DagOptions {
  /**
   * Cron (5 fields), a preset (`@daily` …), a duration (`'15m'`), or `null` for manual runs only;
   * or assets: an asset, a list (all must update), `and()`/`or()`, or `assetOrTime(cron, assets)`.
   */
  schedule?: string | null | AssetSchedule;
  startDate?: string | Date;
  endDate?: string | Date;
  /** IANA time zone the schedule is read in; UTC by default. */
  timezone?: string;
  catchup?: boolean;
  maxActiveRuns?: number;
  maxActiveTasks?: number;
  tags?: string[];
  description?: string;
  team?: string;
  params?: Record<string, ParamSpec>;
  deadline?: Duration;
  /** Notification channels (by name) told when a task of this DAG misses its `sla`; the tenant's default channels when omitted. */
  slaChannels?: string[];
  /** Notification channels told when a run misses the DAG's `deadline`; `slaChannels`, then the tenant's defaults, when omitted. */
  deadlineChannels?: string[];
  /** A failed run of a critical DAG opens an incident (severity `critical` unless `incidents.severity` says otherwise). */
  critical?: boolean;
  /** Opens incidents for this DAG's SLA and deadline misses (and failed runs when `critical`): see docs/alerts.md. */
  incidents?: IncidentOptions;
  defaultArgs?: TaskArgs;
}

export type IncidentSeverity = 'critical' | 'high' | 'low';

export interface IncidentOptions {
  /** `high` by default (`critical` for a critical DAG). */
  severity?: IncidentSeverity;
  /** Channels told when an incident opens; the DAG's deadline/SLA channels, then the tenant's defaults, when omitted. */
  channels?: string[];
  /** Not acknowledged this long after it opened: `escalateTo` is told, once. */
  escalateAfter?: Duration;
  /** The next channels to tell on escalation. */
  escalateTo?: string[];
  /** Members (by email) whose one-click acknowledge/resolve links the alerts carry; the tenant's owners and admins when omitted. */
  responders?: string[];
}

/** How a DAG's incidents are opened and escalated, as stored. */
export interface SerializedIncidentOptions {
  severity: IncidentSeverity;
  channels?: string[];
  escalateAfterMs: number | null;
  escalateTo: string[];
  responders?: string[];
}

/** A task as stored by the platform: JSON only, no code. */
export interface SerializedTask {
  taskId: string;
  operator: string;
  upstream: string[];
  /** Operator-specific settings (e.g. `command` for bash). */
  config: Record<string, unknown>;
  owner: string | null;
  retries: number;
  retryDelayMs: number;
  retryExponentialBackoff: boolean;
  maxRetryDelayMs: number | null;
  executionTimeoutMs: number | null;
  slaMs: number | null;
  priorityWeight: number;
  pool: string | null;
  /** Absent means 1. */
  poolSlots?: number;
  triggerRule: TriggerRule;
  onFailure: string[];
  onRetry: string[];
  onSuccess: string[];
  /** `file:line` where the task was declared. */
  source: string | null;
  /** Names of `config` fields rendered as templates before each try (absent on DAGs serialized before templates). */
  templateFields?: string[];
  /** The task group the task belongs to (`outer.inner`), null at the top level. */
  groupId?: string | null;
  /** Set on a mapped task: each argument's list of values, expanded at run time into map_index instances. */
  expand?: Record<string, ExpandSource>;
  /** Assets a success of this task updates (absent: none). */
  outlets?: SerializedAsset[];
}

/** A task group as shown in the console: its full id and the group it is nested in. */
export interface SerializedTaskGroup {
  groupId: string;
  parentGroupId: string | null;
}

/** A DAG as stored by the platform: JSON only, no code. */
export interface SerializedDag {
  dagId: string;
  /** The time schedule (absent from an asset-only schedule). */
  schedule: string | null;
  /** The asset condition that triggers a run (absent: none). With `schedule` too, either one triggers. */
  assetCondition?: SerializedAssetCondition;
  startDate: string | null;
  endDate: string | null;
  timezone: string;
  catchup: boolean;
  maxActiveRuns: number;
  maxActiveTasks: number;
  tags: string[];
  description: string | null;
  team: string | null;
  params: Record<string, ParamSpec>;
  deadlineMs: number | null;
  /** Absent: the tenant's default channels. */
  slaChannels?: string[];
  /** Absent: `slaChannels`, then the tenant's default channels. */
  deadlineChannels?: string[];
  /** Present and true: a failed run opens an incident. */
  critical?: boolean;
  /** Present: misses (and failures of a critical DAG) open incidents. */
  incidents?: SerializedIncidentOptions;
  tasks: SerializedTask[];
  taskGroups?: SerializedTaskGroup[];
  source: string | null;
}
