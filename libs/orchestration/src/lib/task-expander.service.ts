import { Injectable, Logger } from '@nestjs/common';
import { expansionOf } from '@updraft/domain';
import { TaskInstanceEntity, TaskInstanceRepository, TaskLogRepository, XComRepository } from '@updraft/persistence';
import type { SerializedTask } from '@updraft/sdk';

export interface ExpansionResult {
  /** Instances to run: every map_index of each expanded task. */
  run: string[];
  /** Placeholders of tasks mapped over an empty list. */
  skip: string[];
  /** Tasks whose expansion failed (not a list, too long), already marked failed. */
  failed: string[];
}

/** Turns a ready mapped task's placeholder into its map_index instances, from the lists it maps over. */
@Injectable()
export class TaskExpander {
  private readonly logger = new Logger(TaskExpander.name);

  constructor(
    private readonly taskInstances: TaskInstanceRepository,
    private readonly xcoms: XComRepository,
    private readonly logs: TaskLogRepository,
  ) {}

  async expand(
    tenantId: string,
    placeholders: TaskInstanceEntity[],
    tasks: ReadonlyMap<string, SerializedTask>,
  ): Promise<ExpansionResult> {
    const result: ExpansionResult = { run: [], skip: [], failed: [] };
    for (const ti of placeholders) {
      const task = tasks.get(ti.taskId);
      if (!task?.expand) continue;
      const expansion = expansionOf(task.expand, await this.xcoms.mappingInputs(tenantId, ti.dagRunId, task));
      if ('error' in expansion) {
        if ((await this.taskInstances.transition(tenantId, [ti.id], ['none', 'scheduled'], 'failed')).length === 0)
          continue;
        // The instance never ran: its first try's log is where the user looks for why.
        await this.logs.append(tenantId, ti.id, ti.tryNumber + 1, [
          { timestamp: new Date(), stream: 'system', message: `failed: ${expansion.error}` },
        ]);
        this.logger.warn(`task '${ti.taskId}' of run ${ti.dagRunId}: ${expansion.error}`);
        result.failed.push(ti.id);
      } else if (expansion.items.length === 0) {
        result.skip.push(ti.id);
      } else {
        result.run.push(...(await this.taskInstances.expandMapped(tenantId, ti.id, expansion.items.length)));
      }
    }
    return result;
  }
}
