export const TASK_STATES = [
  'none',
  'scheduled',
  'queued',
  'running',
  'success',
  'failed',
  'skipped',
  'upstream_failed',
  'up_for_retry',
  'up_for_reschedule',
  'awaiting_input',
  'removed',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const FINISHED_TASK_STATES: readonly TaskState[] = [
  'success',
  'failed',
  'skipped',
  'upstream_failed',
  'removed',
];

export const RUN_STATES = ['queued', 'running', 'success', 'failed'] as const;
export type RunState = (typeof RUN_STATES)[number];

export type RunType = 'manual' | 'scheduled' | 'backfill' | 'asset_triggered';

export function isFinished(state: TaskState): boolean {
  return FINISHED_TASK_STATES.includes(state);
}

/**
 * A run's state from its task instances' states: failed when every task is finished and a leaf
 * (or any task) failed, success when every task finished without failure, else running.
 */
export function deriveRunState(states: readonly TaskState[]): RunState {
  if (states.length === 0) return 'success';
  if (!states.every(isFinished)) return states.some((s) => s !== 'none' && s !== 'scheduled') ? 'running' : 'queued';
  return states.some((s) => s === 'failed' || s === 'upstream_failed') ? 'failed' : 'success';
}

/** Airflow's run id: `manual__2024-01-01T00:00:00.000+00:00`. */
export function makeRunId(type: RunType, logicalDate: Date): string {
  return `${type}__${logicalDate.toISOString().replace('Z', '+00:00')}`;
}

/** Which state a summary of several task instances shows (a mapped task, a task group): what still needs attention first, then how it ended. */
export const ATTENTION_ORDER: readonly TaskState[] = [
  'running',
  'queued',
  'up_for_retry',
  'up_for_reschedule',
  'awaiting_input',
  'scheduled',
  'failed',
  'upstream_failed',
  'none',
  'success',
  'skipped',
  'removed',
];

export function mostUrgentState(states: Iterable<TaskState>): TaskState | null {
  let best: number | null = null;
  for (const state of states) {
    const rank = ATTENTION_ORDER.indexOf(state);
    if (best === null || rank < best) best = rank;
  }
  return best === null ? null : ATTENTION_ORDER[best];
}
