import type { RunState, RunType, TaskState } from '@updraft/domain';
import { Dag, LastRun, PageInfo } from './api-types';

/** A row of the DAG list: the DAG with its newest runs (newest first) and how many SLA misses it has. */
export class DagListItem extends Dag {
  recentRuns!: LastRun[];
  slaMisses!: number;
}

export const DAG_SORTS = ['dagId', '-dagId', 'nextRun', '-nextRun', 'lastRun', '-lastRun'] as const;
export type DagSort = (typeof DAG_SORTS)[number];

/** One letter per task state in the grid's per-run strings; '.' is a task with no instance in that run. */
export const GRID_STATE_CODES: Readonly<Record<TaskState, string>> = {
  none: 'n',
  scheduled: 'c',
  queued: 'q',
  running: 'r',
  success: 's',
  failed: 'f',
  skipped: 'k',
  upstream_failed: 'u',
  up_for_retry: 'y',
  up_for_reschedule: 'e',
  awaiting_input: 'a',
  removed: 'x',
};
export const GRID_NO_INSTANCE = '.';

export class GridTask {
  taskId!: string;
  operator!: string;
  groupId!: string | null;
  mapped!: boolean;
}

export class GridGroup {
  groupId!: string;
  parentGroupId!: string | null;
}

export class GridRun {
  runId!: string;
  state!: RunState;
  runType!: RunType;
  logicalDate!: string;
  queuedAt!: string;
  startDate!: string | null;
  endDate!: string | null;
  /** One GRID_STATE_CODES letter per task of `GridData.tasks`, in that order; a mapped task's letter is its most urgent state. */
  states!: string;
  /** For mapped tasks (by index in `GridData.tasks`): how many of its instances are in each state. */
  mapped!: Record<number, Partial<Record<TaskState, number>>>;
}

/** The DAG's task structure once, and its newest runs (oldest first) as compact per-run state strings. */
export class GridData {
  dagId!: string;
  tasks!: GridTask[];
  groups!: GridGroup[];
  runs!: GridRun[];
}

export class DagVersionView {
  id!: string;
  dagId!: string;
  bundleVersionId!: string;
  bundleName!: string;
  bundleVersion!: number;
  bundleStatus!: string;
  hash!: string;
  createdAt!: string;
  isCurrent!: boolean;
  taskCount!: number;
}

export class DagVersionDiff {
  from!: DagVersionView;
  to!: DagVersionView;
  structure!: DagStructureDiffView;
}

/** A changed option: its name (nested options as `config.command`) and its value before and after. */
export class OptionChange {
  option!: string;
  from!: unknown;
  to!: unknown;
}

export class TaskChange {
  taskId!: string;
  changed!: OptionChange[];
}

/** `DagStructureDiff` of libs/domain, as the API answers it; an edge is `[upstream, downstream]`. */
export class DagStructureDiffView {
  addedTasks!: string[];
  removedTasks!: string[];
  changedTasks!: TaskChange[];
  addedEdges!: string[][];
  removedEdges!: string[][];
  changedOptions!: OptionChange[];
}

export class DagListPage extends PageInfo {
  items!: DagListItem[];
}
