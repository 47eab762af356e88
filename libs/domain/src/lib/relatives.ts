import type { SerializedTask } from '@updraft/sdk';

/** The given tasks plus, on request, everything downstream and/or upstream of them (what "clear" acts on). */
export function withRelatives(
  tasks: readonly SerializedTask[],
  taskIds: readonly string[],
  options: { downstream?: boolean; upstream?: boolean },
): Set<string> {
  const downstreamOf = new Map<string, string[]>();
  const upstreamOf = new Map(tasks.map((t) => [t.taskId, t.upstream]));
  for (const t of tasks) for (const up of t.upstream) downstreamOf.set(up, [...(downstreamOf.get(up) ?? []), t.taskId]);
  const result = new Set(taskIds);
  const walk = (start: string, next: Map<string, string[]>) => {
    for (const id of next.get(start) ?? []) {
      if (result.has(id) && id !== start) continue;
      result.add(id);
      walk(id, next);
    }
  };
  for (const id of taskIds) {
    if (options.downstream) walk(id, downstreamOf);
    if (options.upstream) walk(id, upstreamOf);
  }
  return result;
}
