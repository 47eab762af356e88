export type {
  ApiErrorBody, Dag, DagDetail, DagRun, DagRunState, DagTask, LastRun, LoginRequest, LoginResponse, Page, SessionTokens, TaskInstance,
  TaskInstanceState, TaskLog, TaskLogLine, TenantMembership, User,
} from '@updraft/api-types';
export type { Role as TenantRole } from '@updraft/domain';
