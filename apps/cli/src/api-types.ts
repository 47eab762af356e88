import type { Schemas } from '@updraft/api-client';

/** The api's shapes, from its OpenAPI document (the generated libs/api-client), so that the CLI cannot drift from the api. */
export type BackfillCreated = Schemas['BackfillCreated'];
export type Bundle = Schemas['Bundle'];
export type ClearResult = Schemas['ClearResult'];
export type BundleError = Schemas['BundleError'];
export type BundleStatus = Bundle['status'];
export type Connection = Schemas['Connection'];
export type CreatedApiToken = Schemas['CreatedApiToken'];
export type DagDetail = Schemas['DagDetail'];
export type DagRun = Schemas['DagRun'];
export type DagRunState = DagRun['state'];
export type DagSummary = Schemas['DagListItem'];
export type DagTask = Schemas['DagTask'];
export type Incident = Schemas['Incident'];
export type IncidentDetail = Schemas['IncidentDetail'];
export type LoginResponse = Schemas['LoginResponse'];
export type LogLine = Schemas['TaskLogLine'];
export type Pool = Schemas['Pool'];
export type SessionTokens = Schemas['SessionTokens'];
export type TaskInstance = Schemas['TaskInstance'];
export type TaskInstanceState = TaskInstance['state'];
export type TaskLogs = Schemas['TaskLog'];
export type TenantMembership = Schemas['TenantMembership'];
export type Variable = Schemas['Variable'];
export type { Page } from '@updraft/api-types';
