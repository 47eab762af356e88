import type { Role } from '@updraft/domain';
import { PageInfo, SessionTokens, TenantMembership, User } from './api-types';

export class RefreshRequest {
  refreshToken!: string;
}

export class MeResponse {
  user!: User;
  tenants!: TenantMembership[];
}

export class Invitation {
  id!: string;
  email!: string;
  role!: Role;
  createdAt!: string;
  expiresAt!: string;
}

export class InvitationAccepted {
  user!: User;
  tenant!: { slug: string; name: string };
  role!: Role;
  /** True when accepting created the account (then `session` logs it in). */
  created!: boolean;
  /** True when the address had an unverified account: accepting set its password and ended its earlier sessions (then `session` logs it in). */
  claimed!: boolean;
  alreadyMember!: boolean;
  session?: SessionTokens;
}

export type AuditOutcome = 'success' | 'failure' | 'error';

export class AuditEntry {
  id!: string;
  at!: string;
  actor!: { userId: string | null; email: string | null };
  action!: string;
  target!: Record<string, string>;
  outcome!: AuditOutcome;
  statusCode!: number;
  ip!: string | null;
}

export class InvitationList {
  items!: Invitation[];
}

export class AuditEntryPage extends PageInfo {
  items!: AuditEntry[];
}

export class VerificationSent {
  /** False when the address is already verified. */
  sent!: boolean;
}

/** The same answer whether or not the address has an account. */
export class PasswordResetRequested {
  message!: string;
}
