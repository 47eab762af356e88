import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { MailDelivery } from '@updraft/api-types';
import { newOpaqueToken } from '@updraft/auth';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import type { Role } from '@updraft/domain';
import { NewOneTimeToken, OneTimeTokenEntity, OneTimeTokenPurpose, OneTimeTokenRepository } from '@updraft/persistence';
import { DeliverAccountMailJobData, JOBS, notificationJobOptions, QUEUES } from '@updraft/queues';
import type { Queue } from 'bull';

const HOUR_MS = 3600_000;

const MAILS: Record<
  OneTimeTokenPurpose,
  { ttlMs: number; path: string; subject: (c: MailContext) => string; intro: (c: MailContext) => string }
> = {
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
    intro: () =>
      'Someone (hopefully you) asked to reset the password of this Updraft account. If it was not you, ignore this mail.',
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

export interface QueuedAccountMail {
  token: OneTimeTokenEntity;
  /** The link the mail carries (the only copy of the token): an invitation's is shown to whoever invited. */
  link: string;
}

/**
 * Mails carrying a one-time token (only its hash is stored) as a link under PUBLIC_URL. The mail
 * goes through the notifications queue (delivered by the worker, retried with backoff), so no
 * request waits on, or fails with, the SMTP server; the token row keeps the delivery state.
 */
@Injectable()
export class AccountMailService {
  private readonly logger = new Logger(AccountMailService.name);

  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    private readonly tokens: OneTimeTokenRepository,
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue<DeliverAccountMailJobData>,
  ) {}

  async send(
    input: Omit<NewOneTimeToken, 'tokenHash' | 'expiresAt'>,
    context: MailContext = {},
  ): Promise<QueuedAccountMail> {
    const spec = MAILS[input.purpose];
    const { token, hash } = newOpaqueToken();
    const stored = await this.tokens.create({
      ...input,
      tokenHash: hash,
      expiresAt: new Date(Date.now() + spec.ttlMs),
    });
    const link = `${this.config.publicUrl.replace(/\/$/, '')}${spec.path}?token=${token}`;
    const hours = spec.ttlMs / HOUR_MS;
    const mailContext = { ...context, role: input.role ?? undefined };
    await this.queue.add(
      JOBS.deliverAccountMail,
      {
        oneTimeTokenId: stored.id,
        to: input.email,
        subject: spec.subject(mailContext),
        text: `${spec.intro(mailContext)}\n\n${link}\n\nThe link works once, for ${hours} hours.\n`,
      },
      {
        ...notificationJobOptions(this.config.notificationAttempts, this.config.notificationBackoffMs),
        jobId: `account-mail:${stored.id}`,
      },
    );
    return { token: stored, link };
  }

  /** For an answer that must not take longer when the address has an account (password reset): queued without waiting. */
  sendInBackground(input: Omit<NewOneTimeToken, 'tokenHash' | 'expiresAt'>): void {
    this.send(input).catch((error: Error) =>
      this.logger.warn(`${input.purpose} mail to ${input.email} not queued: ${error.message}`),
    );
  }
}

/** What the API says about a mail it queued. */
export function mailDelivery(token: OneTimeTokenEntity): MailDelivery {
  return {
    status: token.mailStatus,
    attempts: token.mailAttempts,
    lastError: token.mailError,
    sentAt: token.mailSentAt?.toISOString() ?? null,
  };
}
