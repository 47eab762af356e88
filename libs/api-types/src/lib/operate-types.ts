import type { TaskInstanceState } from './api-types';

/** A task instance an operation changes (or, with `dryRun`, would change), in its state before the change. */
export interface AffectedTaskInstance {
  taskId: string;
  mapIndex: number;
  state: TaskInstanceState;
}

/** `POST …/dagRuns/{runId}/clear`: the instances cleared (or that would be, with `dryRun`). */
export interface ClearResult {
  /** Task ids cleared, sorted. */
  cleared: string[];
  taskInstances: AffectedTaskInstance[];
  dryRun: boolean;
}

/** `PATCH …/dagRuns/{runId}` or `…/taskInstances/{taskId}` with `dryRun: true`: what marking would change. */
export interface MarkPreview {
  dryRun: true;
  state: 'success' | 'failed';
  taskInstances: AffectedTaskInstance[];
}

/** One try of a task instance: where and when it ran and how it ended. */
export interface TaskTry {
  tryNumber: number;
  state: TaskInstanceState | null;
  hostname: string | null;
  startDate: string;
  endDate: string | null;
  durationMs: number | null;
  exitReason: string | null;
}

/** One named check between a task instance and running (Airflow's ti_deps). */
export interface TaskDependencyStatus {
  name: string;
  met: boolean;
  reason: string;
}

/** `GET …/taskInstances/{taskId}/dependencies`: why the instance is (not) running. */
export interface TaskDependencies {
  taskId: string;
  mapIndex: number;
  state: TaskInstanceState;
  /** Every check; the unmet ones are why it waits. */
  dependencies: TaskDependencyStatus[];
}

/** `POST …/backfills` with `dryRun: true`: the runs a backfill would make, by logical date. */
export interface BackfillPlan {
  dryRun: true;
  create: string[];
  reprocess: string[];
  skip: string[];
}
