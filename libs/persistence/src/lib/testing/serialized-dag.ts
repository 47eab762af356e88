import type { SerializedDag } from '@updraft/sdk';

/** A manual DAG with no tasks, as the parser would store it, with `over` on top (for this lib's integration specs). */
export function serializedDag(dagId: string, over: Partial<SerializedDag> = {}): SerializedDag {
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
    tasks: [],
    source: null,
    ...over,
  };
}
