import { GRID_NO_INSTANCE, GRID_STATE_CODES } from '@updraft/api-types';
import type { RunState, TaskState } from '@updraft/domain';

/** Airflow's state colours, so that migrating users read the console at a glance. */
export const STATE_COLORS: Readonly<Record<TaskState | RunState, string>> = {
  none: '#ffffff',
  scheduled: '#d2b48c',
  queued: '#808080',
  running: '#32cd32',
  success: '#008000',
  failed: '#d32f2f',
  skipped: '#ff69b4',
  upstream_failed: '#ffa500',
  up_for_retry: '#ffd700',
  up_for_reschedule: '#40e0d0',
  awaiting_input: '#9370db',
  removed: '#d3d3d3',
};

export const NO_INSTANCE_COLOR = 'transparent';

export function stateColor(state: string | null | undefined): string {
  return (state && STATE_COLORS[state as TaskState]) || NO_INSTANCE_COLOR;
}

const STATE_OF_CODE = new Map<string, TaskState>(
  Object.entries(GRID_STATE_CODES).map(([state, code]) => [code, state as TaskState]),
);

/** The task state a grid letter stands for; null for a task with no instance in the run. */
export function stateOfCode(code: string): TaskState | null {
  return code === GRID_NO_INSTANCE ? null : (STATE_OF_CODE.get(code) ?? null);
}

/** Whether a run or task instance may still change on its own. */
export function isLive(state: string | null | undefined): boolean {
  return (
    state === 'queued' ||
    state === 'running' ||
    state === 'scheduled' ||
    state === 'up_for_retry' ||
    state === 'up_for_reschedule' ||
    state === 'awaiting_input'
  );
}
