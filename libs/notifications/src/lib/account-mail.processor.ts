import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Mailer } from '@updraft/mail';
import { OneTimeTokenRepository } from '@updraft/persistence';
import { DeliverAccountMailJobData, JOBS, QUEUES } from '@updraft/queues';
import type { Job, Queue } from 'bull';

const DELIVERY_CONCURRENCY = 2;

/**
 * Delivers account mails (verification, password reset, invitation) through the platform's SMTP
 * server, hosted by apps/worker beside NotificationProcessor (which closes the shared queue).
 * Every attempt updates the token's delivery state; a failure is retried with backoff.
 */
@Injectable()
export class AccountMailProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(AccountMailProcessor.name);

  constructor(
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue<DeliverAccountMailJobData>,
    private readonly tokens: OneTimeTokenRepository,
    private readonly mailer: Mailer,
  ) {}

  onApplicationBootstrap(): void {
    void this.queue.process(JOBS.deliverAccountMail, DELIVERY_CONCURRENCY, (job: Job<DeliverAccountMailJobData>) =>
      this.deliver(job),
    );
  }

  async deliver(job: Job<DeliverAccountMailJobData>): Promise<void> {
    const { oneTimeTokenId, to, subject, text } = job.data;
    const attempt = job.attemptsMade + 1;
    try {
      await this.mailer.send({ to, subject, text });
    } catch (error) {
      const reason = (error as Error).message;
      const last = attempt >= (job.opts.attempts ?? 1);
      await this.tokens.recordMailAttempt(oneTimeTokenId, attempt, last ? 'abandoned' : 'failed', reason);
      this.logger.warn(`mail "${subject}": attempt ${attempt} failed${last ? ', giving up' : ''}: ${reason}`);
      throw error;
    }
    await this.tokens.recordMailAttempt(oneTimeTokenId, attempt, 'sent', null);
  }
}
