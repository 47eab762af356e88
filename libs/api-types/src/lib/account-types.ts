import type { Role } from '@updraft/domain';
import { MailDelivery, PageInfo, SessionTokens, TenantMembership, User } from './api-types';

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
  delivery!: MailDelivery;
  /** Only in the answer to inviting or re-sending (the token is stored as its hash): to copy and pass on by hand. */
  link?: string;
}

/** What an invitation link is for, shown before accepting it (only to whoever holds the token). */
export class InvitationPreview {
  email!: string;
  tenant!: { slug: string; name: string };
  role!: Role;
  inviter!: string | null;
  expiresAt!: string;
  /** Accepting needs a password: there is no account for the address yet, or it never confirmed its address. */
  passwordNeeded!: 'no_account' | 'unverified_account' | null;
}

/** A mail the platform sent, as the local mail catcher of `npm start` received it (development only). */
export class DevMail {
  id!: string;
  receivedAt!: string;
  from!: string;
  to!: string[];
  subject!: string;
  text!: string;
  /** The http(s) links in the text, in order. */
  links!: string[];
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
  /** Where the mail stands (when one was sent). */
  delivery?: MailDelivery;
}

/** The same answer whether or not the address has an account. */
export class PasswordResetRequested {
  message!: string;
  /**
   * `queued`, the same whether or not the address has an account (a real state would tell who has
   * one): the mail, when there is one, leaves through the retried notifications queue.
   */
  delivery!: MailDelivery;
}

/** A log-in session of the signed-in user (each device or browser that logged in). */
export class AccountSession {
  id!: string;
  ip!: string | null;
  createdAt!: string;
  lastUsedAt!: string;
  /** The session of the access token asking. */
  current!: boolean;
}

export class AccountSessionList {
  items!: AccountSession[];
}

export class DevMailList {
  items!: DevMail[];
}

export class ChangePasswordRequest {
  currentPassword!: string;
  newPassword!: string;
}
