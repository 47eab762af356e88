import type { Schemas } from '@updraft/api-client';

/** The shapes of the api's answers, from its OpenAPI document (libs/api-client). */
export type ApiErrorBody = Schemas['ApiErrorBody'];
export type Dag = Schemas['DagListItem'];
export type DagDetail = Schemas['DagDetail'];
export type DagRun = Schemas['DagRun'];
export type DagTask = Schemas['DagTask'];
export type LastRun = Schemas['LastRun'];
export type LoginRequest = Schemas['LoginDto'];
export type LoginResponse = Schemas['LoginResponse'];
export type SessionTokens = Schemas['SessionTokens'];
export type TaskInstance = Schemas['TaskInstance'];
export type TaskLog = Schemas['TaskLog'];
export type TaskLogLine = Schemas['TaskLogLine'];
export type TenantMembership = Schemas['TenantMembership'];
export type User = Schemas['User'];
export type DagRunState = DagRun['state'];
export type TaskInstanceState = TaskInstance['state'];
export type TenantRole = TenantMembership['role'];
export type Approval = Schemas['Approval'];
export type ApprovalPage = Schemas['ApprovalPage'];
