import type { Role } from '@updraft/domain';
import type { SessionTokens, TenantMembership, User } from './api-types';

export interface RefreshRequest {
  refreshToken: string;
}

export interface MeResponse {
  user: User;
  tenants: TenantMembership[];
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
}

export interface InvitationAccepted {
  user: User;
  tenant: { slug: string; name: string };
  role: Role;
  /** True when accepting created the account (then `session` logs it in). */
  created: boolean;
  /** True when the address had an unverified account: accepting set its password and ended its earlier sessions (then `session` logs it in). */
  claimed: boolean;
  alreadyMember: boolean;
  session?: SessionTokens;
}

export type AuditOutcome = 'success' | 'failure' | 'error';

export interface AuditEntry {
  id: string;
  at: string;
  actor: { userId: string | null; email: string | null };
  action: string;
  target: Record<string, string>;
  outcome: AuditOutcome;
  statusCode: number;
  ip: string | null;
}
