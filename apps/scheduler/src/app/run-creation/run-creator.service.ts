import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { planScheduledRuns, SchedulingState } from '@updraft/domain';
import {
  DagRepository,
  DagRunRepository,
  DagSummary,
  DuplicateRunError,
  ScheduledRunRepository,
} from '@updraft/persistence';
import { EvaluateRunJobData, JOBS, QUEUES } from '@updraft/queues';
import type { Queue } from 'bull';

const LIMITS = { maxRuns: 50, recheckBlockedMs: 5_000 };
/** A wake-up a little after the earliest due time, so that it never fires just before it. */
const WAKE_UP_SLACK_MS = 2;
/** Wake-ups further ahead than this are left to the regular tick (and to a later pass's wake-up). */
const WAKE_UP_HORIZON_MS = 120_000;

/**
 * Creates the runs schedules call for: every due interval in order with catchup, only the latest
 * without, never more active runs than `maxActiveRuns`. Due DAGs are taken in batches by set-based
 * statements (ScheduledRunRepository); any scheduler may take any batch, and the unique
 * (dag, logical date) constraint lets exactly one create each run. After a pass it asks Bull to
 * wake a scheduler at the next due time, so a run is created moments after its interval ends
 * instead of up to a tick later.
 */
@Injectable()
export class RunCreator {
  private readonly logger = new Logger(RunCreator.name);
  /** DAGs locked and planned per transaction: large enough to create a minute's 10,000 runs in a few, small enough to keep each short. */
  batchSize = 500;

  constructor(
    private readonly dags: DagRepository,
    private readonly runs: DagRunRepository,
    private readonly scheduled: ScheduledRunRepository,
    @InjectQueue(QUEUES.scheduler) private readonly scheduler: Queue,
  ) {}

  async createDueRuns(now = new Date()): Promise<number> {
    let created = 0;
    try {
      for (let full = true; full;) {
        const started = Date.now();
        const batch = await this.scheduled.createDue(this.batchSize, now, (dag) =>
          planScheduledRuns(stateOf(dag), now, LIMITS),
        );
        if (batch.created.length > 0)
          this.logger.log(
            `batch of ${batch.dags} DAG(s): ${batch.created.length} run(s) in ${Date.now() - started} ms`,
          );
        full = batch.dags === this.batchSize;
        // Another scheduler may take the next batch while this one enqueues.
        if (full) await this.wakeUp(now, 'more');
        await this.enqueueEvaluations(batch.created);
        created += batch.created.length;
      }
    } catch (error) {
      this.logger.error(`batch run creation failed, going DAG by DAG: ${(error as Error).message}`);
      created += await this.createOneByOne(now);
    }
    await this.armNextWakeUp();
    return created;
  }

  private async enqueueEvaluations(created: { tenantId: string; id: string }[]): Promise<void> {
    if (created.length === 0) return;
    await this.scheduler.addBulk(
      created.map((run) => ({
        name: JOBS.evaluateRun,
        data: { tenantId: run.tenantId, dagRunId: run.id } satisfies EvaluateRunJobData,
      })),
    );
  }

  /** One delayed job per due time (its id names the time), however many schedulers ask for it. */
  private async armNextWakeUp(): Promise<void> {
    const at = await this.scheduled.nextCheckAt();
    if (!at) return;
    const delay = at.getTime() - Date.now();
    if (delay <= 0 || delay > WAKE_UP_HORIZON_MS) return;
    await this.wakeUp(at, 'at', delay + WAKE_UP_SLACK_MS);
  }

  private async wakeUp(at: Date, kind: 'at' | 'more', delay = 0): Promise<void> {
    await this.scheduler.add(
      JOBS.createScheduledRuns,
      {},
      {
        jobId: `create-scheduled-runs:${kind}:${at.getTime()}`,
        delay,
      },
    );
  }

  /** The slow path, when a batch fails: each DAG in a transaction of its own, a failing one retried later. */
  private async createOneByOne(now: Date): Promise<number> {
    let created = 0;
    for (const dag of await this.dags.dueForScheduling(this.batchSize)) {
      try {
        created += (await this.dags.withSchedulingLock(dag.tenantId, dag.dagId, () => this.createFor(dag, now))) ?? 0;
      } catch (error) {
        this.logger.error(
          `scheduling DAG '${dag.dagId}' of tenant ${dag.tenantId} failed: ${(error as Error).message}`,
        );
        await this.dags.setNextDagrunAt(dag.tenantId, dag.dagId, new Date(now.getTime() + LIMITS.recheckBlockedMs));
      }
    }
    return created;
  }

  private async createFor(
    dag: DagSummary & { tenantId: string },
    now: Date,
  ): Promise<{ result: number; nextDagrunAt: Date | null }> {
    const plan = planScheduledRuns(
      stateOf({
        serialized: dag.serialized,
        last: await this.runs.lastScheduledInterval(dag.tenantId, dag.dagId),
        activeRuns: await this.runs.activeRunCount(dag.tenantId, dag.dagId),
      }),
      now,
      LIMITS,
    );
    let created = 0;
    for (const interval of plan.intervals) {
      try {
        const run = await this.runs.create(dag.tenantId, {
          dagId: dag.dagId,
          dagVersionId: dag.dagVersionId,
          serialized: dag.serialized,
          runType: 'scheduled',
          logicalDate: interval.start,
          dataIntervalStart: interval.start,
          dataIntervalEnd: interval.end,
          conf: {},
        });
        await this.enqueueEvaluations([{ tenantId: dag.tenantId, id: run.id }]);
        created++;
      } catch (error) {
        if (!(error instanceof DuplicateRunError)) throw error;
      }
    }
    return { result: created, nextDagrunAt: plan.nextCheckAt };
  }
}

function stateOf(dag: Pick<SchedulingState, 'last' | 'activeRuns'> & { serialized: SchedulingState['spec'] }) {
  return { spec: dag.serialized, last: dag.last, activeRuns: dag.activeRuns };
}
