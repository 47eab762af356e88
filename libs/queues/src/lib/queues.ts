import type { TaskInstanceRef } from '@updraft/persistence';

export const QUEUES = {
  /** Run evaluation and the periodic sweep (apps/scheduler). */
  scheduler: 'scheduler',
  /** Task instances to execute (apps/worker). */
  tasks: 'tasks',
  /** Uploaded bundle versions to parse (apps/worker). */
  bundles: 'bundles',
} as const;

export const JOBS = {
  evaluateRun: 'evaluate-run',
  sweep: 'sweep',
  createScheduledRuns: 'create-scheduled-runs',
  runTask: 'run-task',
  parseBundle: 'parse-bundle',
} as const;

export interface EvaluateRunJobData {
  tenantId: string;
  dagRunId: string;
  /** The task whose try just ended: only what lies downstream of it is looked at. Absent: the whole run. */
  finishedTaskId?: string;
}

export type RunTaskJobData = TaskInstanceRef;

export interface ParseBundleJobData {
  tenantId: string;
  bundleVersionId: string;
}

/** Jobs are hints: Postgres holds the truth, so finished jobs are not kept in Redis. */
export const DEFAULT_JOB_OPTIONS = { removeOnComplete: true, removeOnFail: 1000, attempts: 1 } as const;
