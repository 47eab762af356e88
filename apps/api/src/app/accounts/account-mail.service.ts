import { Inject, Injectable, Logger } from '@nestjs/common';
import { newOpaqueToken } from '@updraft/auth';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import type { Role } from '@updraft/domain';
import { Mailer } from '@updraft/mail';
import { NewOneTimeToken, OneTimeTokenEntity, OneTimeTokenPurpose, OneTimeTokenRepository } from '@updraft/persistence';

const HOUR_MS = 3600_000;

const MAILS: Record<OneTimeTokenPurpose, { ttlMs: number; path: string; subject: (c: MailContext) => string; intro: (c: MailContext) => string }> = {
  verify_email: {
    ttlMs: 48 * HOUR_MS,
    path: '/verify-email',
    subject: () => 'Confirm your email address for Updraft',
    intro: () => 'Confirm that this address is yours by opening the link below.',
  },
  reset_password: {
    ttlMs: HOUR_MS,
    path: '/reset-password',
    subject: () => 'Reset your Updraft password',
    intro: () => 'Someone (hopefully you) asked to reset the password of this Updraft account. If it was not you, ignore this mail.',
  },
  invitation: {
    ttlMs: 7 * 24 * HOUR_MS,
    path: '/accept-invitation',
    subject: (c) => `You are invited to ${c.tenantName} on Updraft`,
    intro: (c) => `${c.inviter ?? 'A member'} invites you to join ${c.tenantName} on Updraft as ${c.role}.`,
  },
};

interface MailContext {
  tenantName?: string;
  role?: Role;
  inviter?: string;
}

/** Mails carrying a one-time token (only its hash is stored) as a link under PUBLIC_URL. */
@Injectable()
export class AccountMailService {
  private readonly logger = new Logger(AccountMailService.name);

  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    private readonly tokens: OneTimeTokenRepository,
    private readonly mailer: Mailer,
  ) {}

  /** Stores the token and sends its mail; a mail that cannot be delivered fails the call. */
  async send(input: Omit<NewOneTimeToken, 'tokenHash' | 'expiresAt'>, context: MailContext = {}): Promise<OneTimeTokenEntity> {
    const spec = MAILS[input.purpose];
    const { token, hash } = newOpaqueToken();
    const stored = await this.tokens.create({ ...input, tokenHash: hash, expiresAt: new Date(Date.now() + spec.ttlMs) });
    const link = `${this.config.publicUrl.replace(/\/$/, '')}${spec.path}?token=${token}`;
    const hours = spec.ttlMs / HOUR_MS;
    const text = `${spec.intro({ ...context, role: input.role ?? undefined })}\n\n${link}\n\nThe link works once, for ${hours} hours.\n`;
    await this.mailer.send({ to: input.email, subject: spec.subject({ ...context, role: input.role ?? undefined }), text });
    return stored;
  }

  /** For mails the caller must not wait on or learn about (sign-up, password reset): failures are logged. */
  sendInBackground(input: Omit<NewOneTimeToken, 'tokenHash' | 'expiresAt'>): void {
    this.send(input).catch((error: Error) => this.logger.warn(`${input.purpose} mail to ${input.email} not sent: ${error.message}`));
  }
}
