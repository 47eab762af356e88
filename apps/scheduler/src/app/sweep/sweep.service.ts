import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { TaskCallbacks } from '@updraft/notifications';
import { BundleRepository, DagRunRepository, TaskInstanceRepository } from '@updraft/persistence';
import { EvaluateRunJobData, JOBS, ParseBundleJobData, QUEUES, RunTaskJobData } from '@updraft/queues';
import type { Queue } from 'bull';
import { Dispatcher } from '@updraft/orchestration';

const BATCH = 500;

/**
 * The safety net behind event-driven scheduling: re-enqueues queued work whose Bull job may be
 * lost (Redis flushed), reaps tries whose worker stopped heartbeating, re-evaluates every
 * unfinished run, and asks for a parse when a bundle version could start parsing but no parse job
 * waits (its job lost, or its worker gone mid-parse).
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
    private readonly callbacks: TaskCallbacks,
    private readonly bundleVersions: BundleRepository,
    @InjectQueue(QUEUES.bundles) private readonly bundles: Queue<ParseBundleJobData>,
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
      const state = retry ? 'up_for_retry' : 'failed';
      if (await this.taskInstances.finish(zombie, zombie.tryNumber, state, reason, retry ? new Date() : null)) {
        this.logger.warn(`task instance ${zombie.taskInstanceId}: ${reason}; ${retry ? 'will retry' : 'failed'}`);
        await this.tellCallbacks(zombie.tenantId, zombie.taskInstanceId, zombie.dagRunId, state, reason);
      }
    }
    await this.dispatcher.request();
    const unfinished = await this.runs.unfinished(BATCH);
    if (unfinished.length > 0)
      await this.scheduler.addBulk(unfinished.map((data) => ({ name: JOBS.evaluateRun, data })));
    await this.hintWaitingParse();
  }

  private async hintWaitingParse(): Promise<void> {
    if ((await this.bundles.getWaitingCount()) > 0) return;
    const next = await this.bundleVersions.nextParse(this.config.parseTimeoutMs);
    if (next) await this.bundles.add(JOBS.parseBundle, next);
  }

  /** A reaped try gets the same onRetry / onFailure notifications as one its worker recorded. */
  private async tellCallbacks(
    tenantId: string,
    taskInstanceId: string,
    dagRunId: string,
    state: 'up_for_retry' | 'failed',
    reason: string,
  ): Promise<void> {
    const [ti, loaded] = await Promise.all([
      this.taskInstances.get(tenantId, taskInstanceId),
      this.runs.forEvaluation(tenantId, dagRunId),
    ]);
    const task = loaded?.serialized.tasks.find((t) => t.taskId === ti?.taskId);
    if (!ti || !loaded || !task) return;
    await this.callbacks.afterOutcome(ti, loaded, task, state, reason, (line) =>
      this.logger.warn(`task instance ${taskInstanceId}: ${line}`),
    );
  }
}
