import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { resolveParams } from '@updraft/domain';
import { DagRepository, DagRunRepository, DuplicateRunError, manualRun } from '@updraft/persistence';
import { EvaluateRunJobData, JOBS, QUEUES } from '@updraft/queues';
import type { TaskOutcome } from '@updraft/sandbox';
import type { TriggerDagRunConfig } from '@updraft/sdk';
import type { Queue } from 'bull';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OperatorExecutor, TryContext } from './operator-executor';

/** The `triggerDagRun` operator: a manual run of another DAG of the same tenant, optionally waited for. */
@Injectable()
export class TriggerDagRunExecutor implements OperatorExecutor {
  readonly operators = ['trigger_dag_run'] as const;

  constructor(
    private readonly dags: DagRepository,
    private readonly runs: DagRunRepository,
    @InjectQueue(QUEUES.scheduler) private readonly scheduler: Queue<EvaluateRunJobData>,
  ) {}

  async execute({ ti, task, sink, signal, timeoutMs }: TryContext): Promise<TaskOutcome> {
    const config = task.config as unknown as TriggerDagRunConfig;
    const dag = await this.dags.get(ti.tenantId, config.dagId);
    if (!dag || !dag.isActive) return { outcome: 'fail', message: `DAG '${config.dagId}' not found in this tenant` };
    const { problems } = resolveParams(dag.serialized.params, config.conf);
    if (problems.length > 0)
      return {
        outcome: 'fail',
        message: `conf for DAG '${config.dagId}': ${problems.flatMap((p) => p.problems).join('; ')}`,
      };
    let run;
    try {
      run = await this.runs.create(ti.tenantId, manualRun({ ...dag, dagId: config.dagId }, config.conf));
    } catch (error) {
      if (error instanceof DuplicateRunError) return { outcome: 'error', message: error.message };
      throw error;
    }
    await this.scheduler.add(JOBS.evaluateRun, { tenantId: ti.tenantId, dagRunId: run.id });
    sink.write('system', `triggered DAG '${config.dagId}': run ${run.runId}`);
    if (!config.waitForCompletion)
      return {
        outcome: 'success',
        valueJson: JSON.stringify({ dagId: config.dagId, runId: run.runId, state: run.state }),
      };

    const stop = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
    for (;;) {
      const current = await this.runs.get(ti.tenantId, config.dagId, run.runId);
      if (!current) return { outcome: 'fail', message: `run ${run.runId} of DAG '${config.dagId}' disappeared` };
      if (current.state === 'success')
        return {
          outcome: 'success',
          valueJson: JSON.stringify({ dagId: config.dagId, runId: run.runId, state: current.state }),
        };
      if (current.state === 'failed')
        return { outcome: 'fail', message: `the triggered run ${run.runId} of DAG '${config.dagId}' failed` };
      try {
        await sleep(config.pokeIntervalMs, undefined, { signal: stop });
      } catch {
        const why = signal.aborted ? 'the try was stopped' : `timed out after ${timeoutMs} ms`;
        return { outcome: 'error', message: `${why} while waiting for run ${run.runId} of DAG '${config.dagId}'` };
      }
    }
  }
}
