export type {
  BackfillCreated, Bundle, BundleError, BundleStatus, DagDetail, DagRun, DagRunState, DagTask, LoginResponse, Page, SessionTokens, TaskInstance, TaskLog as TaskLogs,
  TaskLogLine as LogLine, TenantMembership, Dag as DagSummary, Variable, Connection, Pool, CreatedApiToken, TaskInstanceState,
} from '@updraft/api-types';
