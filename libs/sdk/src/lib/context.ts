/** What a running task sees: the run it belongs to, its params, and a way to talk to the platform. */
export interface TaskContext {
  dagId: string;
  taskId: string;
  runId: string;
  /** The run's logical date (ISO 8601). */
  logicalDate: string;
  /** The logical date as `YYYY-MM-DD`. */
  ds: string;
  dataIntervalStart: string;
  dataIntervalEnd: string;
  tryNumber: number;
  mapIndex: number;
  params: Record<string, unknown>;
  conf: Record<string, unknown>;
  /** Writes a line to the task's log. */
  log: (...values: unknown[]) => void;
}

export type TaskFunction = (context: TaskContext) => unknown | Promise<unknown>;
