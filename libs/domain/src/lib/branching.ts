import type { SerializedTask } from '@updraft/sdk';
import { withRelatives } from './relatives';

export type BranchDecision = { skip: string[] } | { error: string };

function directDownstream(tasks: readonly SerializedTask[], taskId: string): string[] {
  return tasks.filter((t) => t.upstream.includes(taskId)).map((t) => t.taskId);
}

/**
 * What a finished `branch` or `shortCircuit` task skips, as in Airflow: a branch skips its
 * direct downstream tasks it did not choose (trigger rules then decide the rest); a short
 * circuit that returned a falsy value skips everything downstream, or only its direct
 * downstream tasks when it respects downstream trigger rules.
 */
export function tasksSkippedBy(tasks: readonly SerializedTask[], task: SerializedTask, value: unknown): BranchDecision {
  // Every other operator skips nothing; this runs after every try, so the DAG is not scanned for them.
  if (task.operator !== 'branch' && task.operator !== 'short_circuit') return { skip: [] };
  const direct = directDownstream(tasks, task.taskId);
  if (task.operator === 'branch') {
    const chosen = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
    const unknown = chosen.filter((id) => typeof id !== 'string' || !direct.includes(id));
    if (unknown.length > 0) {
      return {
        error: `the branch returned ${unknown.map((id) => JSON.stringify(id)).join(', ')}, which is not a direct downstream task (${direct.join(', ') || 'none'})`,
      };
    }
    return { skip: direct.filter((id) => !chosen.includes(id)) };
  }
  if (value) return { skip: [] };
  // A short circuit that returned a falsy value.
  const respectTriggerRules = task.config['ignoreDownstreamTriggerRules'] === false;
  if (respectTriggerRules) return { skip: direct };
  const all = withRelatives(tasks, [task.taskId], { downstream: true });
  all.delete(task.taskId);
  return { skip: [...all] };
}
