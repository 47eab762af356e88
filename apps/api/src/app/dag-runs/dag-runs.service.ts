import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { FINISHED_TASK_STATES, resolveParams, withRelatives } from '@updraft/domain';
import type { AffectedTaskInstance, ClearResult, DagRun, DagRunPage, MarkPreview } from '@updraft/api-types';
import type { TenantContext } from '@updraft/auth';
import {
  BundleRepository,
  DagRepository,
  DagRunEntity,
  DagRunRepository,
  DuplicateRunError,
  manualRun,
  TaskInstanceEntity,
  TaskInstanceRepository,
} from '@updraft/persistence';
import { EvaluateRunJobData, JOBS, QUEUES } from '@updraft/queues';
import type { Queue } from 'bull';
import { toDagRunView } from './dag-run.view';
import type { ListDagRunsQuery } from './dag-runs.dto';
import { DagRunException } from './dag-runs.exception';

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
    private readonly bundles: BundleRepository,
    @InjectQueue(QUEUES.scheduler) private readonly scheduler: Queue<EvaluateRunJobData>,
  ) {}

  /** A manual run on the DAG's current version; the scheduler is asked to evaluate it at once. */
  async trigger(tenantId: string, dagId: string, conf: Record<string, unknown>, logicalDate?: string): Promise<DagRun> {
    const dag = await this.dags.get(tenantId, dagId);
    if (!dag || !dag.isActive) throw new DagRunException('dagNotFound', `DAG '${dagId}' not found`);
    const { problems } = resolveParams(dag.serialized.params, conf);
    if (problems.length > 0)
      throw new DagRunException('invalidParams', problems.flatMap((p) => p.problems).join('; '), problems);
    const now = logicalDate ? new Date(logicalDate) : new Date();
    try {
      const run = await this.runs.create(tenantId, manualRun({ ...dag, dagId }, conf, now));
      await this.scheduler.add(JOBS.evaluateRun, { tenantId, dagRunId: run.id });
      return toDagRunView(run);
    } catch (error) {
      if (error instanceof DuplicateRunError) throw new DagRunException('runExists', error.message);
      throw error;
    }
  }

  async list(tenantId: string, dagId: string, query: ListDagRunsQuery): Promise<DagRunPage> {
    const result = await this.runs.list(
      tenantId,
      dagId,
      { limit: query.limit, offset: query.offset },
      {
        state: query.state,
        runType: query.runType,
        logicalDateFrom: query.logicalDateFrom,
        logicalDateTo: query.logicalDateTo,
      },
    );
    return { ...result, items: result.items.map(toDagRunView) };
  }

  /** The runs of every DAG the caller may see (a team role sees its teams' DAGs only). */
  async listAcrossDags(tenant: TenantContext, query: ListDagRunsQuery): Promise<DagRunPage> {
    const { limit, offset, ...filter } = query;
    const result = await this.runs.listAcrossDags(tenant.id, { limit, offset }, { ...filter, teams: tenant.teams });
    return { ...result, items: result.items.map(toDagRunView) };
  }

  /** A run with the bundle version it runs. */
  async view(tenantId: string, dagId: string, runId: string): Promise<DagRun> {
    const run = await this.get(tenantId, dagId, runId);
    return { ...toDagRunView(run), bundle: await this.bundles.ofDagVersion(tenantId, run.dagVersionId) };
  }

  /** Mark success, or mark failed (cancel): running tries are killed at their worker's next heartbeat. */
  async mark(tenantId: string, dagId: string, runId: string, state: 'success' | 'failed'): Promise<DagRun> {
    const run = await this.get(tenantId, dagId, runId);
    await this.runs.mark(tenantId, run.id, state);
    // The run no longer holds a maxActiveRuns slot: the oldest queued run of the DAG may start.
    const next = await this.runs.nextQueuedAfter(tenantId, run.id);
    if (next) await this.scheduler.add(JOBS.evaluateRun, { tenantId, dagRunId: next });
    return toDagRunView(await this.get(tenantId, dagId, runId));
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
    if (unknown.length > 0) throw new DagRunException('unknownTasks', `taskIds: unknown task(s) ${unknown.join(', ')}`);
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
      throw new DagRunException(
        'taskNotFound',
        mapIndex < 0
          ? `task '${taskId}' not found in run '${runId}'`
          : `task '${taskId}' has no instance with map index ${mapIndex} in run '${runId}'`,
      );
    return ti;
  }

  async get(tenantId: string, dagId: string, runId: string): Promise<DagRunEntity> {
    const run = await this.runs.get(tenantId, dagId, runId);
    if (!run) throw new DagRunException('runNotFound', `run '${runId}' of DAG '${dagId}' not found`);
    return run;
  }
}
