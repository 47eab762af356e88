import type { Permission, Role, TeamRole, TokenScope } from '@updraft/domain';
import { PageInfo } from './api-types';

/** A member of a tenant, with their tenant role. */
export class TenantMemberView {
  userId!: string;
  email!: string;
  role!: Role;
  joinedAt!: string;
}

export class Team {
  name!: string;
  description!: string | null;
  createdAt!: string;
}

export class TeamMember {
  userId!: string;
  email!: string;
  role!: TeamRole;
}

export class TeamDetail extends Team {
  members!: TeamMember[];
}

export class ApiToken {
  id!: string;
  name!: string;
  /** The token's first characters, to recognise it by; the token itself is shown once. */
  hint!: string;
  scopes!: TokenScope[];
  createdBy!: string;
  createdAt!: string;
  expiresAt!: string | null;
  lastUsedAt!: string | null;
}

/** The answer to creating a token: the only time `token` is ever shown. */
export class CreatedApiToken extends ApiToken {
  token!: string;
}

export class Variable {
  key!: string;
  /** `********` when `isSecret`. */
  value!: string;
  isSecret!: boolean;
  description!: string | null;
  updatedAt!: string;
}

/** A connection as the API shows it: the task's view of it (`TaskConnection` of the SDK) with its password masked. */
export class Connection {
  connId!: string;
  connType!: string;
  host!: string | null;
  port!: number | null;
  login!: string | null;
  /** `********` when a password is set, else null. */
  password!: string | null;
  schema!: string | null;
  extra!: Record<string, unknown>;
  description!: string | null;
  updatedAt!: string;
}

export class TenantMemberList {
  items!: TenantMemberView[];
}

export class TeamList {
  items!: Team[];
}

export class ApiTokenList {
  items!: ApiToken[];
}

export class VariablePage extends PageInfo {
  items!: Variable[];
}

export class ConnectionPage extends PageInfo {
  items!: Connection[];
}

/** The answer to "test connection": whether a task could connect, and what it met. */
export class ConnectionTestResult {
  ok!: boolean;
  message!: string;
  durationMs!: number;
}

/** A tenant's settings, its usage now, and what the caller may do in it. */
export class TenantSettings {
  slug!: string;
  name!: string;
  /** How many of the tenant's tasks may run at once; set by the platform (or per tenant by its operators), not by the tenant. */
  runningTaskLimit!: { value: number; source: 'platform' | 'tenant'; editable: boolean };
  defaultChannels!: { id: string; name: string; type: string }[];
  usage!: { dags: number; runsToday: number; tasksRunning: number };
  /** The caller's tenant role, the permissions it grants here, and their team roles (which grant DAG permissions on those teams' DAGs). */
  you!: { role: Role; permissions: Permission[]; teamRoles: Record<string, TeamRole> };
}

/** How long one kind of the tenant's data is kept, and whether the tenant set it or the platform default applies. */
export class RetentionSetting {
  days!: number;
  source!: 'platform' | 'tenant';
}

/** What the tenant keeps, and for how long; older data is removed by the scheduler's hourly cleaning. */
export class TenantRetention {
  /** Finished runs with their task instances, tries, logs, XComs and SLA misses (by the run's end). */
  runs!: RetentionSetting;
  /** Log lines of finished runs. */
  logs!: RetentionSetting;
  /** XComs of finished runs. */
  xcom!: RetentionSetting;
  auditLog!: RetentionSetting;
}
