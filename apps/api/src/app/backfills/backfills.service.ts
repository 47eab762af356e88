import { InjectQueue } from '@nestjs/bull';
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { Backfill, BackfillCreated, BackfillPage, BackfillPlan } from '@updraft/api-types';
import { backfillIntervals } from '@updraft/domain';
import {
  BackfillRepository,
  BackfillSummary,
  DagRepository,
  DagRunEntity,
  DagSummary,
  DagRunRepository,
  DuplicateRunError,
} from '@updraft/persistence';
import { EvaluateRunJobData, JOBS, QUEUES } from '@updraft/queues';
import type { Queue } from 'bull';
import { toDagRunView } from '../dag-runs/dag-run.view';
import { DagRunsService } from '../dag-runs/dag-runs.service';
import type { PaginationQuery } from '../../services/http/pagination.dto';

export function toBackfillView(b: BackfillSummary): Backfill {
  return {
    id: b.id,
    dagId: b.dagId,
    from: b.fromDate.toISOString(),
    to: b.toDate.toISOString(),
    reprocess: b.reprocess,
    createdAt: b.createdAt.toISOString(),
    runs: b.runs,
  };
}

export interface BackfillRequest {
  from: string;
  to: string;
  reprocess?: boolean;
}

const isFinishedRun = (run: DagRunEntity): boolean => run.state === 'success' || run.state === 'failed';

/**
 * Runs a DAG over a past range: one run of type `backfill` per schedule interval, all queued at
 * once; the scheduler starts them oldest first, never more than the DAG's maxActiveRuns at a time.
 */
@Injectable()
export class BackfillsService {
  constructor(
    private readonly dags: DagRepository,
    private readonly runs: DagRunRepository,
    private readonly backfills: BackfillRepository,
    private readonly dagRuns: DagRunsService,
    @InjectQueue(QUEUES.scheduler) private readonly scheduler: Queue<EvaluateRunJobData>,
  ) {}

  /** What `create` would do, changing nothing: the logical dates it would run, run again, and leave alone. */
  async preview(tenantId: string, dagId: string, request: BackfillRequest): Promise<BackfillPlan> {
    const { intervals, existing } = await this.rangeOf(tenantId, dagId, request);
    const plan: BackfillPlan = { dryRun: true, create: [], reprocess: [], skip: [] };
    for (const interval of intervals) {
      const prior = existing.get(interval.start.getTime());
      const bucket = !prior ? plan.create : request.reprocess && isFinishedRun(prior) ? plan.reprocess : plan.skip;
      bucket.push(interval.start.toISOString());
    }
    return plan;
  }

  async create(
    tenantId: string,
    dagId: string,
    request: BackfillRequest,
    userId: string | null,
  ): Promise<BackfillCreated> {
    const { dag, from, to, intervals, existing } = await this.rangeOf(tenantId, dagId, request);
    const reprocess = request.reprocess ?? false;
    const backfill = await this.backfills.create(tenantId, { dagId, from, to, reprocess, createdBy: userId });
    const created: DagRunEntity[] = [];
    const reprocessed: DagRunEntity[] = [];
    const skipped: string[] = [];
    for (const interval of intervals) {
      const prior = existing.get(interval.start.getTime());
      const run = prior ? null : await this.createRun(tenantId, dag, interval);
      if (run) {
        created.push(run);
      } else if (prior && reprocess && isFinishedRun(prior)) {
        await this.dagRuns.clear(tenantId, dagId, prior.runId, {});
        reprocessed.push(prior);
      } else {
        skipped.push(interval.start.toISOString());
      }
    }
    await this.backfills.attachRuns(
      tenantId,
      backfill.id,
      [...created, ...reprocessed].map((r) => r.id),
    );
    if (created.length > 0)
      await this.scheduler.addBulk(
        created.map((r) => ({ name: JOBS.evaluateRun, data: { tenantId, dagRunId: r.id } })),
      );
    const summary = await this.get(tenantId, dagId, backfill.id);
    const reread = async (r: DagRunEntity) => toDagRunView((await this.runs.get(tenantId, dagId, r.runId)) ?? r);
    return {
      ...summary,
      created: created.map(toDagRunView),
      reprocessed: await Promise.all(reprocessed.map(reread)),
      skipped,
    };
  }

  private async rangeOf(tenantId: string, dagId: string, request: BackfillRequest) {
    const dag = await this.dags.get(tenantId, dagId);
    if (!dag || !dag.isActive) throw new NotFoundException(`DAG '${dagId}' not found`);
    const from = new Date(request.from);
    const to = new Date(request.to);
    const intervals = backfillIntervals(dag.serialized, from, to, new Date());
    if ('error' in intervals) throw new BadRequestException(intervals.error);
    if (intervals.length === 0)
      throw new BadRequestException(
        `no complete schedule interval of '${dagId}' starts between ${from.toISOString()} and ${to.toISOString()}`,
      );
    const existing = new Map(
      (
        await this.runs.atLogicalDates(
          tenantId,
          dagId,
          intervals.map((i) => i.start),
        )
      ).map((r) => [r.logicalDate.getTime(), r]),
    );
    return { dag, from, to, intervals, existing };
  }

  async list(tenantId: string, dagId: string, query: PaginationQuery): Promise<BackfillPage> {
    const page = await this.backfills.list(tenantId, dagId, { limit: query.limit, offset: query.offset });
    return { ...page, items: page.items.map(toBackfillView) };
  }

  async get(tenantId: string, dagId: string, backfillId: string): Promise<Backfill> {
    const found = /^[0-9a-f-]{36}$/i.test(backfillId) ? await this.backfills.get(tenantId, dagId, backfillId) : null;
    if (!found) throw new NotFoundException(`backfill '${backfillId}' of DAG '${dagId}' not found`);
    return toBackfillView(found);
  }

  /** A new backfill run, or null when another run took its logical date meanwhile. */
  private async createRun(
    tenantId: string,
    dag: DagSummary,
    interval: { start: Date; end: Date },
  ): Promise<DagRunEntity | null> {
    try {
      return await this.runs.create(tenantId, {
        dagId: dag.dagId,
        dagVersionId: dag.dagVersionId,
        serialized: dag.serialized,
        runType: 'backfill',
        logicalDate: interval.start,
        dataIntervalStart: interval.start,
        dataIntervalEnd: interval.end,
        conf: {},
      });
    } catch (error) {
      if (error instanceof DuplicateRunError) return null;
      throw error;
    }
  }
}
