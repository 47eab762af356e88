import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { RetentionRepository } from '@updraft/persistence';
import { JOBS, QUEUES } from '@updraft/queues';
import type { Queue } from 'bull';
import { keepArmed } from '../repeatable-jobs';
import { RETENTION_BATCH_SIZE, summarizeRetention } from './retention-summary';

const CLEAN_EVERY_MS = 60 * 60_000;

/** Cleans what tenants keep no longer once an hour, as a repeatable job with one key: whichever scheduler takes it. */
@Injectable()
export class RetentionProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionProcessor.name);
  private rearmTimer?: NodeJS.Timeout;

  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    @InjectQueue(QUEUES.scheduler) private readonly queue: Queue,
    private readonly retention: RetentionRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    void this.queue.process(JOBS.cleanRetention, 1, async () => {
      const results = await this.retention.clean({ dryRun: false, batchSize: RETENTION_BATCH_SIZE });
      const summary = summarizeRetention(results, false);
      if (summary.total > 0) this.logger.log(summary.line);
    });
    this.rearmTimer = await keepArmed(() => this.arm(), this.config.schedulerSweepIntervalMs, this.logger);
  }

  onApplicationShutdown(): void {
    clearInterval(this.rearmTimer);
  }

  private async arm(): Promise<void> {
    await this.queue.add(JOBS.cleanRetention, {}, { repeat: { every: CLEAN_EVERY_MS }, jobId: JOBS.cleanRetention });
  }
}
