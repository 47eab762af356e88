export type {
  BackfillCreated, Bundle, BundleError, BundleStatus, DagDetail, DagRun, DagRunState, DagTask, LoginResponse, Page, SessionTokens, TaskInstance, TaskLog as TaskLogs,
  TaskLogLine as LogLine, TenantMembership, Dag as DagSummary,
} from '@updraft/api-types';
