import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { AssetConsumerDue, AssetRepository } from '@updraft/persistence';
import { EvaluateRunJobData, JOBS, QUEUES } from '@updraft/queues';
import { conditionMet } from '@updraft/sdk';
import type { Queue } from 'bull';

const BATCH = 200;

/**
 * Creates the runs asset conditions call for: a DAG with queued asset events gets a run of type
 * `asset_triggered` when the assets of those events meet its condition; the run consumes every
 * event queued for it. Consuming deletes the queue rows in the run's transaction, under the DAG's
 * row lock, so with several schedulers each event triggers each consumer once.
 */
@Injectable()
export class AssetRunCreator {
  private readonly logger = new Logger(AssetRunCreator.name);

  constructor(
    private readonly assets: AssetRepository,
    @InjectQueue(QUEUES.scheduler) private readonly scheduler: Queue<EvaluateRunJobData>,
  ) {}

  async createTriggeredRuns(now = () => new Date()): Promise<number> {
    let created = 0;
    for (const consumer of await this.assets.consumersWithQueuedEvents(BATCH)) {
      try {
        if (await this.createFor(consumer, now())) created++;
      } catch (error) {
        this.logger.error(
          `asset-triggered run of DAG '${consumer.dagId}' of tenant ${consumer.tenantId} failed: ${(error as Error).message}`,
        );
      }
    }
    return created;
  }

  private async createFor(consumer: AssetConsumerDue, now: Date): Promise<boolean> {
    const condition = consumer.serialized.assetCondition;
    if (!condition) return false;
    const run = await this.assets.consume(
      consumer,
      (updated) => conditionMet(condition, updated),
      (events) => {
        const times = events.map((e) => new Date(e.createdAt).getTime());
        return {
          dagId: consumer.dagId,
          dagVersionId: consumer.dagVersionId,
          serialized: consumer.serialized,
          runType: 'asset_triggered',
          logicalDate: now,
          dataIntervalStart: new Date(Math.min(...times)),
          dataIntervalEnd: new Date(Math.max(...times)),
          conf: {},
        };
      },
    );
    if (!run) return false;
    await this.scheduler.add(JOBS.evaluateRun, { tenantId: consumer.tenantId, dagRunId: run.id });
    this.logger.log(
      `created asset-triggered run ${run.runId} of DAG '${consumer.dagId}' (tenant ${consumer.tenantId})`,
    );
    return true;
  }
}
