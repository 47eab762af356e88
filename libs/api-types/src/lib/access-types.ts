import type { Permission, Role, TeamRole, TokenScope } from '@updraft/domain';
import type { TaskConnection } from '@updraft/sdk';

/** A member of a tenant, with their tenant role. */
export interface TenantMemberView {
  userId: string;
  email: string;
  role: Role;
  joinedAt: string;
}

export interface Team {
  name: string;
  description: string | null;
  createdAt: string;
}

export interface TeamMember {
  userId: string;
  email: string;
  role: TeamRole;
}

export interface TeamDetail extends Team {
  members: TeamMember[];
}

export interface ApiToken {
  id: string;
  name: string;
  /** The token's first characters, to recognise it by; the token itself is shown once. */
  hint: string;
  scopes: TokenScope[];
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

/** The answer to creating a token: the only time `token` is ever shown. */
export interface CreatedApiToken extends ApiToken {
  token: string;
}

export interface Variable {
  key: string;
  /** `********` when `isSecret`. */
  value: string;
  isSecret: boolean;
  description: string | null;
  updatedAt: string;
}

export interface Connection extends Omit<TaskConnection, 'password'> {
  description: string | null;
  /** `********` when a password is set, else null. */
  password: string | null;
  updatedAt: string;
}

/** The answer to "test connection": whether a task could connect, and what it met. */
export interface ConnectionTestResult {
  ok: boolean;
  message: string;
  durationMs: number;
}

/** A tenant's settings, its usage now, and what the caller may do in it. */
export interface TenantSettings {
  slug: string;
  name: string;
  /** How many of the tenant's tasks may run at once; set by the platform (or per tenant by its operators), not by the tenant. */
  runningTaskLimit: { value: number; source: 'platform' | 'tenant'; editable: boolean };
  defaultChannels: { id: string; name: string; type: string }[];
  usage: { dags: number; runsToday: number; tasksRunning: number };
  /** The caller's tenant role, the permissions it grants here, and their team roles (which grant DAG permissions on those teams' DAGs). */
  you: { role: Role; permissions: Permission[]; teamRoles: Record<string, TeamRole> };
}
