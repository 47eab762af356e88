import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { Dispatched, DispatchLimits, DispatchRepository, TaskInstanceEntity, TaskInstanceRef } from '@updraft/persistence';
import { JOBS, QUEUES, RunTaskJobData } from '@updraft/queues';
import type { Queue } from 'bull';
import { Coalesced } from './coalesced';

/** A worker that runs what its own dispatches queue, as far as it has free slots. */
export interface LocalRunner {
  readonly hostname: string;
  /** Takes every slot free now for this dispatch; returns how many. */
  reserve(): number;
  /** Gives back reserved slots the dispatch did not fill. */
  release(count: number): void;
  /** Runs an instance the dispatch claimed for this worker, in a reserved slot. */
  start(ti: TaskInstanceEntity): void;
}

/**
 * Queues ready (`scheduled`) task instances on Bull only while there is room: the platform's
 * dispatch slots, the tenant's limit, the pool's slots and the DAG's maxActiveTasks. Bull thus
 * stays short, and the order work starts in is decided here (fair share across tenants, then
 * priorityWeight), not by Redis FIFO. Requests that arrive while a dispatch runs are folded into
 * one more pass, so a burst of finished tasks costs a few dispatches, not one each.
 */
@Injectable()
export class Dispatcher {
  private readonly logger = new Logger(Dispatcher.name);
  private readonly limits: DispatchLimits;
  private readonly passes = new Coalesced(() => this.pass());
  private toSchedule: TaskInstanceRef[] = [];
  private local: LocalRunner | null = null;

  constructor(
    @Inject(UPDRAFT_CONFIG) config: UpdraftConfig,
    private readonly repository: DispatchRepository,
    @InjectQueue(QUEUES.tasks) private readonly tasks: Queue<RunTaskJobData>,
  ) {
    this.limits = { slots: config.dispatchSlots, tenantMaxRunningTasks: config.tenantMaxRunningTasks, defaultPoolSlots: config.defaultPoolSlots };
  }

  /**
   * In a worker: the first instances each dispatch queues, as many as the worker has free slots,
   * are claimed for it in the dispatch's own round trip and start here at once, without a trip
   * through Redis; only the rest go to Bull.
   */
  runLocallyWhenPossible(local: LocalRunner): void {
    this.local = local;
  }

  /**
   * Resolves once a dispatch that started after this call has finished. `schedule`: instances the
   * caller found ready, marked `scheduled` by that dispatch itself (in its first round trip).
   * Calls made while a pass runs are folded into one more pass.
   */
  request(schedule: TaskInstanceRef[] = []): Promise<void> {
    this.toSchedule.push(...schedule);
    return this.passes.request();
  }

  private pass(): Promise<void> {
    return this.dispatchOnce(this.toSchedule.splice(0)).then(
      () => undefined,
      // The sweep evaluates and dispatches again; a failed pass must not fail the evaluation that asked for it.
      (error) => this.logger.error(`dispatch failed: ${(error as Error).message}`),
    );
  }

  /** One pass; returns what it queued, in order. */
  async dispatchOnce(schedule: TaskInstanceRef[] = []): Promise<TaskInstanceRef[]> {
    const local = this.local;
    const reserved = local?.reserve() ?? 0;
    let dispatched: Dispatched;
    try {
      dispatched = await this.repository.dispatch(this.limits, schedule, local && reserved > 0 ? { hostname: local.hostname, count: reserved } : null);
    } catch (error) {
      local?.release(reserved);
      throw error;
    }
    const { queued, claimed } = dispatched;
    for (const ti of claimed) local?.start(ti);
    local?.release(reserved - claimed.length);
    // After the commit: a crash in between leaves them queued in Postgres, and the sweep re-enqueues them.
    const startedHere = new Set(claimed.map((ti) => ti.id));
    const toBull = queued.filter((ref) => !startedHere.has(ref.taskInstanceId));
    if (toBull.length > 0) await this.tasks.addBulk(toBull.map((data) => ({ name: JOBS.runTask, data })));
    return queued;
  }
}
