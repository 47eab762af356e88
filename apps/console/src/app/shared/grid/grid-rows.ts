import type { GridData, GridRun } from '@updraft/api-types';
import { mostUrgentState, TaskState } from '@updraft/domain';
import { stateOfCode } from '../state-colors';

export type GridRow =
  | { kind: 'group'; id: string; label: string; depth: number; taskIndexes: number[]; collapsed: boolean }
  | { kind: 'task'; id: string; label: string; depth: number; taskIndex: number };

/**
 * The grid's rows in display order: each task group as a row of its own (summarising its tasks)
 * followed, unless collapsed, by its subgroups and tasks, in the order the DAG declares its tasks.
 */
export function gridRows(data: Pick<GridData, 'tasks' | 'groups'>, collapsed: ReadonlySet<string>): GridRow[] {
  const children = new Map<string | null, { groups: string[]; tasks: number[] }>();
  const slot = (group: string | null) => {
    let entry = children.get(group);
    if (!entry) children.set(group, (entry = { groups: [], tasks: [] }));
    return entry;
  };
  const known = new Set(data.groups.map((g) => g.groupId));
  for (const group of data.groups)
    slot(group.parentGroupId && known.has(group.parentGroupId) ? group.parentGroupId : null).groups.push(group.groupId);
  data.tasks.forEach((task, i) => slot(task.groupId && known.has(task.groupId) ? task.groupId : null).tasks.push(i));

  const descendants = (group: string): number[] => {
    const entry = children.get(group);
    return entry ? [...entry.tasks, ...entry.groups.flatMap(descendants)] : [];
  };
  const rows: GridRow[] = [];
  const walk = (group: string | null, depth: number) => {
    const entry = children.get(group);
    if (!entry) return;
    // A group sits where its first task would, so the grid follows the DAG's own order.
    const firstIndex = (g: string) => Math.min(...descendants(g), Number.MAX_SAFE_INTEGER);
    const items = [
      ...entry.tasks.map((i) => ({ at: i, kind: 'task' as const, i })),
      ...entry.groups.map((g) => ({ at: firstIndex(g), kind: 'group' as const, g })),
    ].sort((a, b) => a.at - b.at);
    for (const item of items) {
      if (item.kind === 'task') {
        const task = data.tasks[item.i];
        const label = group && task.taskId.startsWith(`${group}.`) ? task.taskId.slice(group.length + 1) : task.taskId;
        rows.push({ kind: 'task', id: task.taskId, label, depth, taskIndex: item.i });
      } else {
        const isCollapsed = collapsed.has(item.g);
        const label = group && item.g.startsWith(`${group}.`) ? item.g.slice(group.length + 1) : item.g;
        rows.push({
          kind: 'group',
          id: item.g,
          label,
          depth,
          taskIndexes: descendants(item.g),
          collapsed: isCollapsed,
        });
        if (!isCollapsed) walk(item.g, depth + 1);
      }
    }
  };
  walk(null, 0);
  return rows;
}

/** The state a row shows for a run: its task's, or the most urgent of its group's tasks. */
export function rowState(row: GridRow, run: GridRun): TaskState | null {
  if (row.kind === 'task') return stateOfCode(run.states[row.taskIndex] ?? '.');
  const states: TaskState[] = [];
  for (const i of row.taskIndexes) {
    const state = stateOfCode(run.states[i] ?? '.');
    if (state) states.push(state);
  }
  return mostUrgentState(states);
}

/** "3 mapped: 1 success, 1 running, 1 failed" for a mapped task's cell. */
export function mappedSummary(counts: Partial<Record<TaskState, number>> | undefined): string | null {
  if (!counts) return null;
  const entries = Object.entries(counts).filter(([, n]) => (n ?? 0) > 0);
  const total = entries.reduce((sum, [, n]) => sum + (n ?? 0), 0);
  return `${total} mapped: ${entries.map(([state, n]) => `${n} ${state.replace(/_/g, ' ')}`).join(', ')}`;
}

export function runDurationMs(run: Pick<GridRun, 'startDate' | 'endDate'>, now = Date.now()): number | null {
  if (!run.startDate) return null;
  return (run.endDate ? Date.parse(run.endDate) : now) - Date.parse(run.startDate);
}
