import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { EvaluateRunJobData, JOBS, QUEUES } from '@updraft/queues';
import type { Job, Queue } from 'bull';
import { AssetRunCreator } from './run-creation/asset-run-creator.service';
import { RunCreator } from './run-creation/run-creator.service';
import { RunEvaluator } from '@updraft/orchestration';
import { keepArmed } from './repeatable-jobs';
import { SweepService } from './sweep/sweep.service';

const EVALUATION_CONCURRENCY = 8;
const SCHEDULING_TICK_MS = 1_000;

@Injectable()
export class SchedulerProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SchedulerProcessor.name);
  private rearmTimer?: NodeJS.Timeout;

  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    @InjectQueue(QUEUES.scheduler) private readonly queue: Queue,
    private readonly evaluator: RunEvaluator,
    private readonly sweeper: SweepService,
    private readonly creator: RunCreator,
    private readonly assetRuns: AssetRunCreator,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.queue.process(JOBS.evaluateRun, EVALUATION_CONCURRENCY, (job: Job) =>
      this.evaluator.evaluate(job.data as EvaluateRunJobData),
    );
    this.queue.process(JOBS.sweep, 1, () => this.sweeper.sweep());
    this.queue.process(JOBS.createScheduledRuns, 1, async () => {
      await this.creator.createDueRuns();
      await this.assetRuns.createTriggeredRuns();
    });
    // After a Redis flush the sweep, which re-enqueues from PostgreSQL, must come back too.
    this.rearmTimer = await keepArmed(
      () => this.armRepeatableJobs(),
      this.config.schedulerSweepIntervalMs,
      this.logger,
    );
    this.queue.on('failed', (job, error) => this.logger.error(`${job.name} failed: ${error.message}`));
    this.logger.log(`scheduler ready (sweep every ${this.config.schedulerSweepIntervalMs} ms)`);
  }

  /** A repeatable job with one key: however many schedulers run, one sweep happens per interval. */
  private async armRepeatableJobs(): Promise<void> {
    await this.queue.add(JOBS.sweep, {}, { repeat: { every: this.config.schedulerSweepIntervalMs }, jobId: 'sweep' });
    await this.queue.add(
      JOBS.createScheduledRuns,
      {},
      { repeat: { every: SCHEDULING_TICK_MS }, jobId: 'create-scheduled-runs' },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.rearmTimer);
    await this.queue.close();
  }
}
