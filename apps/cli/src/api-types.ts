// The cli's own copy of the API shapes (docs/api.md): it may import only type:pure libs.

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface TenantMembership {
  slug: string;
  name: string;
  role: string;
}

export interface LoginResponse {
  accessToken: string;
  user: { id: string; email: string };
  tenants: TenantMembership[];
}

export type BundleStatus = 'pending' | 'parsing' | 'active' | 'failed';

export interface BundleError {
  file: string;
  line?: number | null;
  message: string;
}

export interface Bundle {
  id: string;
  version: number;
  name: string;
  status: BundleStatus;
  errors: BundleError[];
  dagIds: string[];
  createdAt: string;
}

export type DagRunState = 'queued' | 'running' | 'success' | 'failed';

export interface DagSummary {
  dagId: string;
  description: string | null;
  schedule: string | null;
  isPaused: boolean;
  isActive: boolean;
  tags: string[];
  bundleName: string;
  bundleVersion: number;
  lastRun: { runId: string; state: DagRunState; logicalDate: string } | null;
}

export interface DagTask {
  taskId: string;
  operator: string;
  upstream: string[];
  downstream: string[];
}

export interface DagDetail extends DagSummary {
  tasks: DagTask[];
}

export interface DagRun {
  runId: string;
  dagId: string;
  state: DagRunState;
  runType: 'manual' | 'scheduled' | 'backfill';
  logicalDate: string | null;
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
  state: string;
  tryNumber: number;
  maxTries: number;
  queuedAt: string | null;
  startDate: string | null;
  endDate: string | null;
  durationMs: number | null;
  hostname: string | null;
}

export interface LogLine {
  timestamp: string;
  stream: 'stdout' | 'stderr' | 'system';
  message: string;
}

export interface TaskLogs {
  taskId: string;
  tryNumber: number;
  lines: LogLine[];
}
