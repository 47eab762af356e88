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
  /** A mapped instance's element: one value per `expand` argument (absent on an unmapped task). */
  mapped?: Record<string, unknown>;
  params: Record<string, unknown>;
  conf: Record<string, unknown>;
  /** Writes a line to the task's log. */
  log: (...values: unknown[]) => void;
  /** This task instance's view of its run. */
  ti: {
    /** The XCom another task of this run pushed (its return value by default); undefined when there is none. */
    xcomPull: (taskId: string, key?: string) => Promise<unknown>;
  };
}

export type TaskFunction = (context: TaskContext) => unknown | Promise<unknown>;
