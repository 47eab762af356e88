import { Injectable, Logger } from '@nestjs/common';
import type { TaskState } from '@updraft/domain';
import { AssetRepository, RunForEvaluation, TaskInstanceEntity } from '@updraft/persistence';
import type { SerializedTask, TriggeringAssetEvent } from '@updraft/sdk';

const MAX_EXTRA_BYTES = 64 * 1024;
const RUN_EVENTS_CACHE = 200;

const tryKey = (ti: TaskInstanceEntity) => `${ti.id}:${ti.tryNumber}`;

/**
 * The worker's side of assets: the extras a try sets for its outlets (`ctx.setOutletExtra`), the
 * asset events recorded when a task with outlets succeeds, and the events a triggered run consumed
 * (`ctx.triggeringAssetEvents`, `triggering_asset_events` in templates).
 */
@Injectable()
export class AssetOutlets {
  private readonly logger = new Logger(AssetOutlets.name);
  private readonly extras = new Map<string, Map<string, Record<string, unknown>>>();
  private readonly runEvents = new Map<string, Promise<Record<string, TriggeringAssetEvent[]>>>();

  constructor(private readonly assets: AssetRepository) {}

  /** Keeps the extra for the try's success. @throws Error naming the problem (the task sees it as a rejection). */
  setExtra(
    ti: TaskInstanceEntity,
    task: SerializedTask | undefined,
    uri: string,
    extra: Record<string, unknown>,
  ): null {
    const outlets = task?.outlets ?? [];
    if (!outlets.some((o) => o.uri === uri))
      throw new Error(
        `'${uri}' is not an outlet of task '${ti.taskId}' (its outlets: ${outlets.map((o) => o.uri).join(', ') || 'none'})`,
      );
    const bytes = Buffer.byteLength(JSON.stringify(extra));
    if (bytes > MAX_EXTRA_BYTES)
      throw new Error(`the extra of '${uri}' is ${bytes} bytes of JSON; at most ${MAX_EXTRA_BYTES} are kept`);
    const key = tryKey(ti);
    const forTry = this.extras.get(key) ?? new Map<string, Record<string, unknown>>();
    forTry.set(uri, extra);
    this.extras.set(key, forTry);
    return null;
  }

  /**
   * After a try's end is stored: on success of a task with outlets, one event per outlet, keyed by
   * the try so that a write repeated after a failure records nothing twice.
   */
  async afterTry(
    ti: TaskInstanceEntity,
    loaded: RunForEvaluation,
    task: SerializedTask,
    state: TaskState,
  ): Promise<void> {
    const key = tryKey(ti);
    const extras = this.extras.get(key);
    this.extras.delete(key);
    if (state !== 'success' || !task.outlets?.length) return;
    const recorded = await this.assets.record(
      ti.tenantId,
      task.outlets.map((asset) => ({
        asset,
        sourceKind: 'task' as const,
        sourceDagId: loaded.run.dagId,
        sourceRunId: loaded.run.runId,
        sourceTaskId: ti.taskId,
        sourceMapIndex: ti.mapIndex,
        extra: extras?.get(asset.uri) ?? {},
        dedupKey: `try:${ti.id}:${ti.tryNumber}:${asset.uri}`,
      })),
    );
    for (const event of recorded)
      if (event.queuedFor.length > 0)
        this.logger.debug(`asset event ${event.id} of '${event.uri}' queued for ${event.queuedFor.join(', ')}`);
  }

  /** The events the try's run consumed, by asset URI (empty unless its asset condition triggered it). */
  triggeringEvents(loaded: RunForEvaluation): Promise<Record<string, TriggeringAssetEvent[]>> {
    const run = loaded.run;
    if (run.runType !== 'asset_triggered') return Promise.resolve({});
    let found = this.runEvents.get(run.id);
    if (!found) {
      found = this.assets.eventsOfRun(run.tenantId, run.id).then((events) => {
        const byUri: Record<string, TriggeringAssetEvent[]> = {};
        for (const e of events)
          (byUri[e.uri] ??= []).push({
            id: e.id,
            uri: e.uri,
            extra: e.extra,
            sourceDagId: e.sourceDagId,
            sourceRunId: e.sourceRunId,
            sourceTaskId: e.sourceTaskId,
            timestamp: new Date(e.createdAt).toISOString(),
          });
        return byUri;
      });
      found.catch(() => this.runEvents.delete(run.id));
      this.runEvents.set(run.id, found);
      if (this.runEvents.size > RUN_EVENTS_CACHE) this.runEvents.delete(this.runEvents.keys().next().value as string);
    }
    return found;
  }
}
