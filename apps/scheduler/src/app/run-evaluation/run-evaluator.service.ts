import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { deriveRunState, evaluateTriggerRule, isFinished, TaskState } from '@updraft/domain';
import { DagRunRepository, TaskInstanceEntity, TaskInstanceRepository } from '@updraft/persistence';
import { EvaluateRunJobData, JOBS, QUEUES, RunTaskJobData } from '@updraft/queues';
import type { Queue } from 'bull';

const WAITING: TaskState[] = ['none', 'scheduled'];

/**
 * Applies the domain rules to one run in Postgres: decides which task instances are ready,
 * skipped or upstream_failed (repeating until skips stop propagating), enqueues the ready ones,
 * and finishes the run when every task has. Safe to run twice at once: every change is conditional.
 */
@Injectable()
export class RunEvaluator {
  private readonly logger = new Logger(RunEvaluator.name);

  constructor(
    private readonly runs: DagRunRepository,
    private readonly taskInstances: TaskInstanceRepository,
    @InjectQueue(QUEUES.tasks) private readonly tasks: Queue<RunTaskJobData>,
    @InjectQueue(QUEUES.scheduler) private readonly scheduler: Queue<EvaluateRunJobData>,
  ) {}

  async evaluate({ tenantId, dagRunId }: EvaluateRunJobData): Promise<void> {
    const loaded = await this.runs.forEvaluation(tenantId, dagRunId);
    if (!loaded || !['queued', 'running'].includes(loaded.run.state)) return;
    if (loaded.run.state === 'queued') await this.runs.transition(tenantId, dagRunId, ['queued'], 'running');
    const definitions = new Map(loaded.serialized.tasks.map((t) => [t.taskId, t]));

    for (;;) {
      const instances = await this.taskInstances.allForRun(tenantId, dagRunId);
      const stateOf = new Map(instances.map((ti) => [ti.taskId, ti.state]));
      const decided = { run: [] as string[], skip: [] as string[], upstream_failed: [] as string[], removed: [] as string[] };
      const now = Date.now();
      for (const ti of instances) {
        const task = definitions.get(ti.taskId);
        if (!task) {
          if (!isFinished(ti.state)) decided.removed.push(ti.id);
          continue;
        }
        if (ti.state === 'up_for_retry' && ti.nextTryAt && ti.nextTryAt.getTime() <= now) {
          decided.run.push(ti.id);
          continue;
        }
        if (!WAITING.includes(ti.state)) continue;
        const decision = evaluateTriggerRule(task.triggerRule, task.upstream.map((u) => stateOf.get(u) ?? 'removed'));
        if (decision !== 'wait') decided[decision].push(ti.id);
      }
      const queued = await this.taskInstances.transition(tenantId, decided.run, [...WAITING, 'up_for_retry'], 'queued');
      if (queued.length > 0) await this.tasks.addBulk(queued.map((taskInstanceId) => ({ name: JOBS.runTask, data: { tenantId, taskInstanceId } })));
      const propagated = [
        ...(await this.taskInstances.transition(tenantId, decided.skip, WAITING, 'skipped')),
        ...(await this.taskInstances.transition(tenantId, decided.upstream_failed, WAITING, 'upstream_failed')),
        ...(await this.taskInstances.transition(tenantId, decided.removed, [...WAITING, 'up_for_retry', 'queued'], 'removed')),
      ];
      if (propagated.length > 0) continue;
      await this.finishIfDone(tenantId, dagRunId, instances);
      await this.wakeForRetries(tenantId, dagRunId, instances);
      return;
    }
  }

  private async finishIfDone(tenantId: string, dagRunId: string, instances: TaskInstanceEntity[]): Promise<void> {
    const state = deriveRunState(instances.map((ti) => ti.state));
    if (state === 'success' || state === 'failed') {
      if (await this.runs.transition(tenantId, dagRunId, ['queued', 'running'], state)) {
        this.logger.log(`run ${dagRunId} of tenant ${tenantId} finished: ${state}`);
      }
    }
  }

  /** A retry is due later: ask to be evaluated again then (the sweep is the safety net). */
  private async wakeForRetries(tenantId: string, dagRunId: string, instances: TaskInstanceEntity[]): Promise<void> {
    for (const ti of instances) {
      if (ti.state !== 'up_for_retry' || !ti.nextTryAt) continue;
      const delay = Math.max(ti.nextTryAt.getTime() - Date.now(), 0);
      await this.scheduler.add(JOBS.evaluateRun, { tenantId, dagRunId }, { delay, jobId: `retry:${ti.id}:${ti.tryNumber}` });
    }
  }
}
