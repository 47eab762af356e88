import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { isDue, nextDataInterval } from '@updraft/domain';
import { inSpan } from '@updraft/observability';
import { DagRepository, DagRunRepository, DagSummary, DuplicateRunError } from '@updraft/persistence';
import { EvaluateRunJobData, JOBS, QUEUES } from '@updraft/queues';
import type { Queue } from 'bull';

const BATCH = 200;
const MAX_RUNS_PER_DAG_PER_TICK = 50;
const RECHECK_BLOCKED_MS = 5_000;

/**
 * Creates the runs schedules call for: every due interval in order with catchup, only the latest
 * without, never more active runs than `maxActiveRuns`. Two schedulers may both try; the unique
 * (dag, logical date) constraint lets exactly one create each run.
 */
@Injectable()
export class RunCreator {
  private readonly logger = new Logger(RunCreator.name);

  constructor(
    private readonly dags: DagRepository,
    private readonly runs: DagRunRepository,
    @InjectQueue(QUEUES.scheduler) private readonly scheduler: Queue<EvaluateRunJobData>,
  ) {}

  async createDueRuns(now = new Date()): Promise<number> {
    let created = 0;
    for (const dag of await this.dags.dueForScheduling(BATCH)) {
      try {
        created += (await this.dags.withSchedulingLock(dag.tenantId, dag.dagId, () => this.createFor(dag, now))) ?? 0;
      } catch (error) {
        this.logger.error(
          `scheduling DAG '${dag.dagId}' of tenant ${dag.tenantId} failed: ${(error as Error).message}`,
        );
        await this.dags.setNextDagrunAt(dag.tenantId, dag.dagId, new Date(now.getTime() + RECHECK_BLOCKED_MS));
      }
    }
    return created;
  }

  private async createFor(
    dag: DagSummary & { tenantId: string },
    now: Date,
  ): Promise<{ result: number; nextDagrunAt: Date | null }> {
    const spec = dag.serialized;
    let last = await this.runs.lastScheduledInterval(dag.tenantId, dag.dagId);
    let active = await this.runs.activeRunCount(dag.tenantId, dag.dagId);
    let created = 0;
    for (let i = 0; i < MAX_RUNS_PER_DAG_PER_TICK; i++) {
      const interval = nextDataInterval(spec, last, now);
      if (!interval) return this.done(dag, null, created);
      if (!isDue(interval, now)) return this.done(dag, interval.end, created);
      if (active >= spec.maxActiveRuns) return this.done(dag, new Date(now.getTime() + RECHECK_BLOCKED_MS), created);
      try {
        // Each scheduled run starts its own trace (its decisions and tries join it).
        const run = await inSpan(
          `create run ${dag.dagId}`,
          { attributes: { 'updraft.tenant_id': dag.tenantId, 'updraft.dag_id': dag.dagId } },
          () =>
            this.runs.create(dag.tenantId, {
              dagId: dag.dagId,
              dagVersionId: dag.dagVersionId,
              serialized: spec,
              runType: 'scheduled',
              logicalDate: interval.start,
              dataIntervalStart: interval.start,
              dataIntervalEnd: interval.end,
              conf: {},
            }),
        );
        await this.scheduler.add(JOBS.evaluateRun, { tenantId: dag.tenantId, dagRunId: run.id });
        created++;
        active++;
      } catch (error) {
        if (!(error instanceof DuplicateRunError)) throw error;
      }
      last = interval;
    }
    return this.done(dag, now, created);
  }

  private done(
    dag: DagSummary & { tenantId: string },
    nextDagrunAt: Date | null,
    created: number,
  ): { result: number; nextDagrunAt: Date | null } {
    if (created > 0)
      this.logger.log(`created ${created} scheduled run(s) of DAG '${dag.dagId}' (tenant ${dag.tenantId})`);
    return { result: created, nextDagrunAt };
  }
}
