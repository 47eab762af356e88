import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { DagRunRepository, TaskInstanceRepository } from '@updraft/persistence';
import { EvaluateRunJobData, JOBS, QUEUES, RunTaskJobData } from '@updraft/queues';
import type { Queue } from 'bull';
import { Dispatcher } from '../dispatch/dispatcher.service';

const BATCH = 500;

/**
 * The safety net behind event-driven scheduling: re-enqueues queued work whose Bull job may be
 * lost (Redis flushed), reaps tries whose worker stopped heartbeating, and re-evaluates every
 * unfinished run.
 */
@Injectable()
export class SweepService {
  private readonly logger = new Logger(SweepService.name);

  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    private readonly runs: DagRunRepository,
    private readonly taskInstances: TaskInstanceRepository,
    @InjectQueue(QUEUES.tasks) private readonly tasks: Queue<RunTaskJobData>,
    @InjectQueue(QUEUES.scheduler) private readonly scheduler: Queue<EvaluateRunJobData>,
    private readonly dispatcher: Dispatcher,
  ) {}

  async sweep(): Promise<void> {
    const stale = await this.taskInstances.staleQueued(this.config.schedulerSweepIntervalMs * 2, BATCH);
    if (stale.length > 0) {
      await this.tasks.addBulk(stale.map((ref) => ({ name: JOBS.runTask, data: ref })));
      this.logger.warn(`re-enqueued ${stale.length} queued task instance(s)`);
    }
    for (const zombie of await this.taskInstances.zombies(this.config.zombieThresholdMs, BATCH)) {
      const retry = zombie.tryNumber < zombie.maxTries;
      const reason = `the worker stopped heartbeating for ${this.config.zombieThresholdMs} ms (zombie)`;
      if (await this.taskInstances.finish(zombie, zombie.tryNumber, retry ? 'up_for_retry' : 'failed', reason, retry ? new Date() : null)) {
        this.logger.warn(`task instance ${zombie.taskInstanceId}: ${reason}; ${retry ? 'will retry' : 'failed'}`);
      }
    }
    await this.dispatcher.request();
    const unfinished = await this.runs.unfinished(BATCH);
    if (unfinished.length > 0) await this.scheduler.addBulk(unfinished.map((data) => ({ name: JOBS.evaluateRun, data })));
  }
}
