import type { SerializedDag, SerializedTask } from '@updraft/sdk';

/** A serialized `empty` task with every option at its default, for tests that write DAG versions directly. */
export function emptyTask(
  taskId: string,
  upstream: string[] = [],
  change: Partial<SerializedTask> = {},
): SerializedTask {
  return {
    taskId,
    operator: 'empty',
    upstream,
    config: {},
    owner: null,
    retries: 0,
    retryDelayMs: 0,
    retryExponentialBackoff: false,
    maxRetryDelayMs: null,
    executionTimeoutMs: null,
    slaMs: null,
    priorityWeight: 1,
    pool: null,
    triggerRule: 'all_success',
    onFailure: [],
    onRetry: [],
    onSuccess: [],
    source: null,
    ...change,
  };
}

/** A serialized manual DAG of these tasks with every option at its default. */
export function serializedDagOf(
  dagId: string,
  tasks: SerializedTask[],
  change: Partial<SerializedDag> = {},
): SerializedDag {
  return {
    dagId,
    schedule: null,
    startDate: null,
    endDate: null,
    timezone: 'UTC',
    catchup: false,
    maxActiveRuns: 16,
    maxActiveTasks: 16,
    tags: [],
    description: null,
    team: null,
    params: {},
    deadlineMs: null,
    source: null,
    tasks,
    ...change,
  };
}
