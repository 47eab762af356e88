import type { Role, RunState, RunType, TaskState } from '@updraft/domain';

/** The shapes the REST API answers with (docs/api.md); the api, the console and the cli share them. */

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown[];
}

export interface User {
  id: string;
  email: string;
  emailVerified?: boolean;
}

export interface TenantMembership {
  slug: string;
  name: string;
  role: Role;
}

export interface LoginRequest {
  email: string;
  password: string;
}

/** Tokens of one log-in session: a short-lived access JWT and a single-use refresh token that rotates. */
export interface SessionTokens {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
}

export interface LoginResponse extends SessionTokens {
  user: User;
  tenants: TenantMembership[];
}

export interface SignupResponse extends SessionTokens {
  user: User;
  tenant: { id: string; slug: string; name: string };
  role: Role;
}

export type BundleStatus = 'pending' | 'parsing' | 'active' | 'failed' | 'superseded';

export interface BundleError {
  file: string;
  line?: number;
  message: string;
}

export interface Bundle {
  id: string;
  name: string;
  version: number;
  status: BundleStatus;
  errors: BundleError[];
  dagIds: string[];
  archiveSha256: string;
  createdAt: string;
  parsedAt: string | null;
  /** E-mail of the member who uploaded it; null when they left the tenant. */
  deployedBy: string | null;
}

export type DagRunState = RunState;
export type TaskInstanceState = TaskState;

export interface LastRun {
  runId: string;
  state: DagRunState;
  logicalDate: string;
}

export interface Dag {
  dagId: string;
  description: string | null;
  schedule: string | null;
  timezone: string;
  startDate: string | null;
  catchup: boolean;
  tags: string[];
  team: string | null;
  /** The distinct owners of its tasks. */
  owners: string[];
  isPaused: boolean;
  isActive: boolean;
  bundleName: string;
  bundleVersion: number;
  lastRun: LastRun | null;
  /** When the scheduler next looks at the DAG (the end of its next data interval); null when manual or paused. */
  nextRunAt: string | null;
}

export interface DagSource {
  dagId: string;
  bundleVersion: number;
  file: string;
  line: number;
  content: string;
  /** The DAG version whose source this is. */
  dagVersionId: string;
}

export interface DagTask {
  taskId: string;
  operator: string;
  upstream: string[];
  downstream: string[];
  triggerRule: string;
  retries: number;
  source: string | null;
}

export interface DagDetail extends Dag {
  params: Record<string, unknown>;
  source: string | null;
  tasks: DagTask[];
}

export interface DagRun {
  runId: string;
  dagId: string;
  state: DagRunState;
  runType: RunType;
  logicalDate: string;
  dataIntervalStart: string;
  dataIntervalEnd: string;
  conf: Record<string, unknown>;
  queuedAt: string;
  startDate: string | null;
  endDate: string | null;
  /** The bundle version the run pinned (answered by the single-run route only). */
  bundle?: { name: string; version: number } | null;
}

export interface TaskInstance {
  taskId: string;
  mapIndex: number;
  operator: string;
  state: TaskInstanceState;
  tryNumber: number;
  maxTries: number;
  queuedAt: string | null;
  startDate: string | null;
  endDate: string | null;
  durationMs: number | null;
  hostname: string | null;
  /** How the last try failed (its exit reason), for failed instances and those up for retry. */
  error: string | null;
}

export interface TaskLogLine {
  timestamp: string;
  stream: 'stdout' | 'stderr' | 'system';
  message: string;
}

/** One page of a try's log (at most `limit` lines, 10,000 by default). */
export interface TaskLog {
  taskId: string;
  tryNumber: number;
  lines: TaskLogLine[];
  /** Pass as `after` to read the following page; null when this page ends what is stored so far. */
  next: string | null;
  /** The worker cut the try's output at its limit; a `system` line marks where. */
  truncated: boolean;
}

export interface XComEntry {
  key: string;
  mapIndex: number;
  value: unknown;
}
