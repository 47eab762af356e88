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
  /** In a run its asset condition triggered: the asset events it consumed, by asset URI (empty otherwise). */
  triggeringAssetEvents: Record<string, TriggeringAssetEvent[]>;
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
  /**
   * Sets the JSON `extra` of the asset event this try records for one of its task's outlets when it
   * succeeds (Airflow's `outlet_events[asset].extra`). Rejects an asset that is not an outlet.
   */
  setOutletExtra: (asset: { uri: string } | string, extra: Record<string, unknown>) => Promise<void>;
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

/** An asset event as a triggered run sees it. */
export interface TriggeringAssetEvent {
  id: string;
  uri: string;
  extra: Record<string, unknown>;
  /** Where it came from: a task's success (dag, run, task), or null parts for an event made by hand or a webhook. */
  sourceDagId: string | null;
  sourceRunId: string | null;
  sourceTaskId: string | null;
  /** ISO 8601. */
  timestamp: string;
}
