import { Inject, Injectable } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import type { TaskState } from '@updraft/domain';
import { InjectDataSource } from '@nestjs/typeorm';
import { RunForEvaluation, TaskInstanceEntity, TenantEntity } from '@updraft/persistence';
import { DataSource } from 'typeorm';
import type { SerializedTask } from '@updraft/sdk';
import { Notifier } from './notifier.service';
import { runLink } from './sla-alert';

const CALLBACKS = {
  failed: { list: 'onFailure', kind: 'on_failure', verb: 'failed' },
  up_for_retry: { list: 'onRetry', kind: 'on_retry', verb: 'failed and will be retried' },
  success: { list: 'onSuccess', kind: 'on_success', verb: 'succeeded' },
} as const;

/**
 * Enqueues a task's onFailure / onRetry / onSuccess notifications once its outcome is recorded: by
 * the worker that ran the try, or by the scheduler that reaped it as a zombie. `report` takes what
 * the task's owner should read (the try's log, or the scheduler's).
 */
@Injectable()
export class TaskCallbacks {
  private readonly tenantSlugs = new Map<string, string>();

  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    private readonly notifier: Notifier,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async afterOutcome(
    ti: TaskInstanceEntity,
    loaded: RunForEvaluation,
    task: SerializedTask,
    state: TaskState,
    reason: string | null,
    report: (line: string) => void,
  ): Promise<void> {
    const callback = CALLBACKS[state as keyof typeof CALLBACKS];
    const names = callback ? task[callback.list] : [];
    if (!callback || names.length === 0) return;
    const { run } = loaded;
    const mapped = ti.mapIndex >= 0 ? `[${ti.mapIndex}]` : '';
    const notification = {
      key: `task:${ti.id}:${ti.tryNumber}:${callback.kind}`,
      kind: callback.kind as 'on_failure' | 'on_retry' | 'on_success',
      message: {
        subject: `[Updraft] ${run.dagId}.${task.taskId}${mapped} ${callback.verb} (try ${ti.tryNumber} of ${ti.maxTries})`,
        text: [
          `Task ${task.taskId}${mapped} of DAG ${run.dagId} ${callback.verb} in run ${run.runId} (try ${ti.tryNumber} of ${ti.maxTries}).`,
          ...(reason ? [`Reason: ${reason}`] : []),
        ].join('\n'),
        link: runLink(this.config.publicUrl, await this.slugOf(ti.tenantId), run.dagId, run.runId),
      },
    };
    try {
      const result = await this.notifier.enqueue(ti.tenantId, names, notification);
      if (result.unknown.length > 0)
        report(`${callback.list}: no notification channel named ${result.unknown.join(', ')}`);
    } catch (error) {
      // The outcome is already recorded; a notification that cannot be queued must not turn it into an internal error.
      report(`${callback.list}: the notification could not be queued: ${(error as Error).message}`);
    }
  }

  private async slugOf(tenantId: string): Promise<string> {
    let slug = this.tenantSlugs.get(tenantId);
    if (!slug) {
      slug = (await this.db.getRepository(TenantEntity).findOneBy({ id: tenantId }))?.slug ?? tenantId;
      this.tenantSlugs.set(tenantId, slug);
    }
    return slug;
  }
}
