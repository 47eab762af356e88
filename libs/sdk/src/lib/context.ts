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
  /** The tenant's variables (Airflow's `Variable.get`); secret ones arrive decrypted, for this task only. */
  var: {
    /** The variable's value; `fallback` when it is not defined, else the call rejects naming the key. */
    get: (key: string, fallback?: string) => Promise<string>;
  };
  /** The tenant's connections, password included. */
  conn: {
    /** Rejects naming the connection when it is not defined. */
    get: (connId: string) => Promise<TaskConnection>;
  };
}

/** A connection as tenant code sees it. */
export interface TaskConnection {
  connId: string;
  connType: string;
  host: string | null;
  port: number | null;
  login: string | null;
  password: string | null;
  schema: string | null;
  extra: Record<string, unknown>;
}

export type TaskFunction = (context: TaskContext) => unknown | Promise<unknown>;
