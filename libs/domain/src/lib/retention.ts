/** What the retention cleaner removes, each kept this many days unless a tenant sets its own. */
export interface RetentionDays {
  /** Finished runs with their task instances, tries, logs, XComs and SLA misses (by the run's end). */
  runs: number;
  /** Log lines of finished runs (by the line's time), sooner than their runs. */
  logs: number;
  /** XComs of finished runs (by when they were pushed). */
  xcom: number;
  auditLog: number;
}

export const RETENTION_DEFAULTS: RetentionDays = { runs: 90, logs: 30, xcom: 30, auditLog: 365 };

export type RetentionTable = 'dag_run' | 'task_log' | 'xcom' | 'audit_log';
