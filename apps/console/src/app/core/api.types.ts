export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  details?: unknown[];
}

export interface User {
  id: string;
  email: string;
}

export type TenantRole = 'owner' | 'admin' | 'member' | 'viewer' | string;

export interface TenantMembership {
  slug: string;
  name: string;
  role: TenantRole;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface LoginResponse {
  accessToken: string;
  user: User;
  tenants: TenantMembership[];
}

export type DagRunState = 'queued' | 'running' | 'success' | 'failed';

export type TaskInstanceState =
  | 'none'
  | 'scheduled'
  | 'queued'
  | 'running'
  | 'success'
  | 'failed'
  | 'skipped'
  | 'upstream_failed'
  | 'up_for_retry'
  | 'up_for_reschedule'
  | 'removed';

export interface LastRun {
  runId: string;
  state: DagRunState;
  logicalDate: string;
}

export interface Dag {
  dagId: string;
  description: string | null;
  schedule: string | null;
  isPaused: boolean;
  isActive: boolean;
  tags: string[];
  bundleName: string;
  bundleVersion: number;
  lastRun: LastRun | null;
}

export interface DagTask {
  taskId: string;
  operator: string;
  upstream: string[];
  downstream: string[];
}

export interface DagDetail extends Dag {
  tasks: DagTask[];
}

export interface DagRun {
  runId: string;
  dagId: string;
  state: DagRunState;
  runType: 'manual' | 'scheduled' | 'backfill';
  logicalDate: string;
  dataIntervalStart: string | null;
  dataIntervalEnd: string | null;
  conf: Record<string, unknown> | null;
  queuedAt: string | null;
  startDate: string | null;
  endDate: string | null;
}

export interface TaskInstance {
  taskId: string;
  mapIndex: number;
  operator: string;
  state: TaskInstanceState | null;
  tryNumber: number;
  maxTries: number;
  queuedAt: string | null;
  startDate: string | null;
  endDate: string | null;
  durationMs: number | null;
  hostname: string | null;
}

export interface TaskLogLine {
  timestamp: string;
  stream: 'stdout' | 'stderr' | 'system';
  message: string;
}

export interface TaskLog {
  taskId: string;
  tryNumber: number;
  lines: TaskLogLine[];
}
