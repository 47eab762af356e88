import { InjectQueue } from '@nestjs/bull';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { FINISHED_TASK_STATES, resolveParams, withRelatives } from '@updraft/domain';
import type { AffectedTaskInstance, ClearResult, MarkPreview } from '@updraft/api-types';
import {
  DagRepository,
  DagRunEntity,
  DagRunRepository,
  DuplicateRunError,
  TaskInstanceEntity,
  TaskInstanceRepository,
} from '@updraft/persistence';
import { EvaluateRunJobData, JOBS, QUEUES } from '@updraft/queues';
import type { Queue } from 'bull';

export interface ClearOptions {
  taskIds?: string[];
  downstream?: boolean;
  upstream?: boolean;
  onlyFailed?: boolean;
  dryRun?: boolean;
}

function affected(instances: TaskInstanceEntity[]): AffectedTaskInstance[] {
  return instances
    .map((ti) => ({ taskId: ti.taskId, mapIndex: ti.mapIndex, state: ti.state }))
    .sort((a, b) => a.taskId.localeCompare(b.taskId) || a.mapIndex - b.mapIndex);
}

@Injectable()
export class DagRunsService {
  constructor(
    private readonly dags: DagRepository,
    private readonly runs: DagRunRepository,
    private readonly taskInstances: TaskInstanceRepository,
    @InjectQueue(QUEUES.scheduler) private readonly scheduler: Queue<EvaluateRunJobData>,
  ) {}

  /** A manual run on the DAG's current version; the scheduler is asked to evaluate it at once. */
  async trigger(
    tenantId: string,
    dagId: string,
    conf: Record<string, unknown>,
    logicalDate?: string,
  ): Promise<DagRunEntity> {
    const dag = await this.dags.get(tenantId, dagId);
    if (!dag || !dag.isActive) throw new NotFoundException(`DAG '${dagId}' not found`);
    const { problems } = resolveParams(dag.serialized.params, conf);
    if (problems.length > 0)
      throw new BadRequestException({ message: problems.flatMap((p) => p.problems).join('; '), details: problems });
    const now = logicalDate ? new Date(logicalDate) : new Date();
    try {
      const run = await this.runs.create(tenantId, {
        dagId,
        dagVersionId: dag.dagVersionId,
        serialized: dag.serialized,
        runType: 'manual',
        logicalDate: now,
        dataIntervalStart: now,
        dataIntervalEnd: now,
        conf,
      });
      await this.scheduler.add(JOBS.evaluateRun, { tenantId, dagRunId: run.id });
      return run;
    } catch (error) {
      if (error instanceof DuplicateRunError) throw new ConflictException(error.message);
      throw error;
    }
  }

  /** Mark success, or mark failed (cancel): running tries are killed at their worker's next heartbeat. */
  async mark(tenantId: string, dagId: string, runId: string, state: 'success' | 'failed'): Promise<DagRunEntity> {
    const run = await this.get(tenantId, dagId, runId);
    await this.runs.mark(tenantId, run.id, state);
    // The run no longer holds a maxActiveRuns slot: the oldest queued run of the DAG may start.
    const next = await this.runs.nextQueuedAfter(tenantId, run.id);
    if (next) await this.scheduler.add(JOBS.evaluateRun, { tenantId, dagRunId: next });
    return this.get(tenantId, dagId, runId);
  }

  /** The instances marking the run would change: every unfinished one (runs.mark's condition). */
  async previewMark(tenantId: string, dagId: string, runId: string, state: 'success' | 'failed'): Promise<MarkPreview> {
    const run = await this.get(tenantId, dagId, runId);
    const instances = await this.taskInstances.allForRun(tenantId, run.id);
    return {
      dryRun: true,
      state,
      taskInstances: affected(instances.filter((ti) => !FINISHED_TASK_STATES.includes(ti.state))),
    };
  }

  async previewMarkTask(
    tenantId: string,
    dagId: string,
    runId: string,
    taskId: string,
    state: 'success' | 'failed',
    mapIndex = -1,
  ): Promise<MarkPreview> {
    const ti = await this.findTask(tenantId, dagId, runId, taskId, mapIndex);
    return { dryRun: true, state, taskInstances: affected(ti.state === state ? [] : [ti]) };
  }

  async markTask(
    tenantId: string,
    dagId: string,
    runId: string,
    taskId: string,
    state: 'success' | 'failed',
    mapIndex = -1,
  ): Promise<void> {
    const ti = await this.findTask(tenantId, dagId, runId, taskId, mapIndex);
    await this.taskInstances.mark(tenantId, ti.id, state);
    await this.runs.reopen(tenantId, ti.dagRunId);
    await this.scheduler.add(JOBS.evaluateRun, { tenantId, dagRunId: ti.dagRunId });
  }

  /** Clears task instances (all, or the named ones with their relatives) so they run again with their next try. */
  async clear(tenantId: string, dagId: string, runId: string, options: ClearOptions): Promise<ClearResult> {
    const run = await this.get(tenantId, dagId, runId);
    const loaded = await this.runs.forEvaluation(tenantId, run.id);
    const tasks = loaded?.serialized.tasks ?? [];
    const unknown = (options.taskIds ?? []).filter((id) => !tasks.some((t) => t.taskId === id));
    if (unknown.length > 0) throw new BadRequestException(`taskIds: unknown task(s) ${unknown.join(', ')}`);
    const chosen = options.taskIds
      ? withRelatives(tasks, options.taskIds, options)
      : new Set(tasks.map((t) => t.taskId));
    const instances = await this.taskInstances.allForRun(tenantId, run.id);
    const clearedInstances = instances
      .filter(
        (ti) =>
          chosen.has(ti.taskId) && (!options.onlyFailed || ti.state === 'failed' || ti.state === 'upstream_failed'),
      )
      .filter((ti) => FINISHED_TASK_STATES.includes(ti.state) || ti.state === 'running' || ti.state === 'up_for_retry');
    const cleared = [...new Set(clearedInstances.map((ti) => ti.taskId))].sort();
    const result: ClearResult = { cleared, taskInstances: affected(clearedInstances), dryRun: options.dryRun ?? false };
    if (result.dryRun) return result;
    const retries = new Map(tasks.filter((t) => cleared.includes(t.taskId)).map((t) => [t.taskId, t.retries]));
    await this.taskInstances.clear(tenantId, run.id, retries);
    if (cleared.length > 0) {
      await this.runs.reopen(tenantId, run.id);
      await this.scheduler.add(JOBS.evaluateRun, { tenantId, dagRunId: run.id });
    }
    return result;
  }

  private async findTask(
    tenantId: string,
    dagId: string,
    runId: string,
    taskId: string,
    mapIndex: number,
  ): Promise<TaskInstanceEntity> {
    const run = await this.get(tenantId, dagId, runId);
    const ti = await this.taskInstances.find(tenantId, run.id, taskId, mapIndex);
    if (!ti)
      throw new NotFoundException(
        mapIndex < 0
          ? `task '${taskId}' not found in run '${runId}'`
          : `task '${taskId}' has no instance with map index ${mapIndex} in run '${runId}'`,
      );
    return ti;
  }

  async get(tenantId: string, dagId: string, runId: string): Promise<DagRunEntity> {
    const run = await this.runs.get(tenantId, dagId, runId);
    if (!run) throw new NotFoundException(`run '${runId}' of DAG '${dagId}' not found`);
    return run;
  }
}
