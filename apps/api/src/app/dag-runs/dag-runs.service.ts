import { InjectQueue } from '@nestjs/bull';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { resolveParams } from '@updraft/domain';
import { DagRepository, DagRunEntity, DagRunRepository, DuplicateRunError } from '@updraft/persistence';
import { EvaluateRunJobData, JOBS, QUEUES } from '@updraft/queues';
import type { Queue } from 'bull';

@Injectable()
export class DagRunsService {
  constructor(
    private readonly dags: DagRepository,
    private readonly runs: DagRunRepository,
    @InjectQueue(QUEUES.scheduler) private readonly scheduler: Queue<EvaluateRunJobData>,
  ) {}

  /** A manual run on the DAG's current version; the scheduler is asked to evaluate it at once. */
  async trigger(tenantId: string, dagId: string, conf: Record<string, unknown>): Promise<DagRunEntity> {
    const dag = await this.dags.get(tenantId, dagId);
    if (!dag || !dag.isActive) throw new NotFoundException(`DAG '${dagId}' not found`);
    const { problems } = resolveParams(dag.serialized.params, conf);
    if (problems.length > 0) throw new BadRequestException({ message: problems.flatMap((p) => p.problems).join('; '), details: problems });
    const now = new Date();
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

  async get(tenantId: string, dagId: string, runId: string): Promise<DagRunEntity> {
    const run = await this.runs.get(tenantId, dagId, runId);
    if (!run) throw new NotFoundException(`run '${runId}' of DAG '${dagId}' not found`);
    return run;
  }
}
