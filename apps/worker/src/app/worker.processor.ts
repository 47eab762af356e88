import { InjectQueue } from '@nestjs/bull';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { withLogContext } from '@updraft/observability';
import { JOBS, ParseBundleJobData, QUEUES, RunTaskJobData } from '@updraft/queues';
import type { Job, Queue } from 'bull';
import { BundleParser } from './bundle-parsing/bundle-parser.service';
import { TaskRunner } from './task-execution/task-runner.service';
import { WorkerPresence } from './task-execution/worker-presence.service';

const PARSE_CONCURRENCY = 2;

@Injectable()
export class WorkerProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerProcessor.name);

  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    @InjectQueue(QUEUES.tasks) private readonly tasks: Queue<RunTaskJobData>,
    @InjectQueue(QUEUES.bundles) private readonly bundles: Queue<ParseBundleJobData>,
    private readonly runner: TaskRunner,
    private readonly parser: BundleParser,
    private readonly presence: WorkerPresence,
  ) {}

  onApplicationBootstrap(): void {
    void this.tasks.process(
      JOBS.runTask,
      this.config.workerConcurrency + this.config.workerReservedSlots,
      (job: Job<RunTaskJobData>) =>
        withLogContext({ tenant: job.data.tenantId, taskInstanceId: job.data.taskInstanceId }, () =>
          this.runner.run(job.data),
        ),
    );
    void this.bundles.process(JOBS.parseBundle, PARSE_CONCURRENCY, () => this.parser.parseWaiting());
    for (const queue of [this.tasks, this.bundles])
      queue.on('failed', (job, error) => this.logger.error(`${job.name} failed: ${error.message}`));
    this.logger.log(
      `worker ready (concurrency ${this.config.workerConcurrency}, ${this.config.workerReservedSlots} reserved for tenants below their share)`,
    );
  }

  /** Drains: takes no new job, lets running tries finish within WORKER_DRAIN_GRACE_MS, hands the rest back. */
  async beforeApplicationShutdown(): Promise<void> {
    this.parser.stopClaiming();
    await Promise.all([this.tasks.pause(true, true), this.bundles.pause(true, true), this.presence.withdraw()]);
    this.logger.log(`draining: waiting up to ${this.config.workerDrainGraceMs} ms for running tries`);
    const handedBack = await this.runner.drain(this.config.workerDrainGraceMs);
    this.logger.log(
      handedBack > 0 ? `drained: ${handedBack} try(s) handed back to the queue` : 'drained: every running try finished',
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.tasks.close(), this.bundles.close()]);
  }
}
