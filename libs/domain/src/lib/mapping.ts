import type { ExpandSource, SerializedTask } from '@updraft/sdk';
import type { TaskState } from './states';

/** Airflow's `max_map_length`: a mapped task never becomes more instances than this. */
export const MAX_MAP_LENGTH = 1024;

export type Expansion = { items: Record<string, unknown>[] } | { error: string };

/** The upstream tasks whose XCom a mapped task's expansion reads. */
export function expandSourceTasks(task: SerializedTask): string[] {
  return Object.values(task.expand ?? {}).flatMap((source) => (source.kind === 'xcom' ? [source.taskId] : []));
}

/**
 * The elements of a mapped task, one per instance in map_index order: every combination of its
 * arguments' lists (the first argument varies slowest, as in Airflow). `outputs` holds the XCom of
 * each upstream task named by an argument (a mapped upstream's is the list of its instances' values).
 */
export function expansionOf(expand: Record<string, ExpandSource>, outputs: ReadonlyMap<string, unknown>): Expansion {
  let items: Record<string, unknown>[] = [{}];
  for (const [name, source] of Object.entries(expand)) {
    const values = source.kind === 'literal' ? source.values : outputs.get(source.taskId);
    if (!Array.isArray(values)) {
      const got = values === undefined ? 'nothing' : values === null ? 'null' : typeof values;
      return {
        error: `cannot map over '${name}': the XCom of '${(source as { taskId: string }).taskId}' must be a list, got ${got}`,
      };
    }
    items = items.flatMap((item) => values.map((value) => ({ ...item, [name]: value })));
    if (items.length > MAX_MAP_LENGTH) return { error: `mapping would create more than ${MAX_MAP_LENGTH} instances` };
  }
  return { items };
}

/**
 * The states trigger rules see for a task's upstream tasks: every instance of a mapped upstream
 * counts, so a mapped task is done (or successful) only when all its instances are.
 */
export function upstreamStates(
  upstream: readonly string[],
  statesByTask: ReadonlyMap<string, readonly TaskState[]>,
): TaskState[] {
  return upstream.flatMap((taskId) => statesByTask.get(taskId) ?? ['removed']);
}
