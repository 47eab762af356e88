import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import {
  ClaimFor,
  Dispatched,
  isDatabaseUnreachable,
  DispatchLimits,
  DispatchRepository,
  EndedAndDispatched,
  ReadyFromEnds,
  TaskInstanceEntity,
  TaskInstanceRef,
  TryEnd,
} from '@updraft/persistence';
import { JOBS, QUEUES, RunTaskJobData } from '@updraft/queues';
import type { Queue } from 'bull';
import { Coalesced } from './coalesced';

/** A worker that runs what its own dispatches queue, as far as it has free slots. */
export interface LocalRunner {
  readonly hostname: string;
  /**
   * Takes every slot free now for this dispatch, with the `passed` slots of tries that end in it;
   * returns how many it may fill (none while the worker drains: passed slots are then freed).
   */
  reserve(passed: number): number;
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
    this.limits = {
      slots: config.dispatchSlots,
      tenantMaxRunningTasks: config.tenantMaxRunningTasks,
      defaultPoolSlots: config.defaultPoolSlots,
    };
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
    const schedule = this.toSchedule.splice(0);
    return this.dispatchOnce(schedule).then(
      () => undefined,
      // The sweep evaluates and dispatches again; a failed pass must not fail the evaluation that asked for it.
      (error) =>
        schedule.length > 0 && !isDatabaseUnreachable(error)
          ? this.oneByOne(schedule)
          : this.logger.error(`dispatch failed: ${(error as Error).message}`),
    );
  }

  /**
   * A pass carries the ready instances of many runs and tenants: when it fails, each is scheduled
   * in a dispatch of its own, so only the one at fault is left to the sweep; then the rest of the
   * platform's ready work is dispatched.
   */
  private async oneByOne(schedule: TaskInstanceRef[]): Promise<void> {
    const fail = (what: string) => (error: unknown) =>
      this.logger.error(`dispatch of ${what} failed, left to the sweep: ${(error as Error).message}`);
    for (const ref of schedule)
      await this.dispatchOnce([ref]).catch(fail(`task instance ${ref.taskInstanceId} of tenant ${ref.tenantId}`));
    await this.dispatchOnce([]).catch(fail('ready work'));
  }

  /** One pass; returns what it queued, in order. */
  async dispatchOnce(schedule: TaskInstanceRef[] = []): Promise<TaskInstanceRef[]> {
    return (
      await this.dispatchVia(
        0,
        (claim) => this.repository.dispatch(this.limits, schedule, claim),
        (d) => d,
      )
    ).queued;
  }

  /**
   * In a worker: ends tries and dispatches in one round trip, with `ready` (found from the ends
   * alone) scheduled first; the `passed` slots of the ending tries go to what it claims here.
   */
  endTriesAndDispatch(tries: TryEnd[], ready: ReadyFromEnds[], passed: number): Promise<EndedAndDispatched> {
    return this.dispatchVia(
      passed,
      (claim) => this.repository.endTriesAndDispatch(tries, ready, this.limits, claim),
      (r) => r.dispatched,
    );
  }

  /** A dispatch through `run`: claims what the worker here has slots for and starts it, and sends the rest to Bull. */
  private async dispatchVia<T>(
    passed: number,
    run: (claim: ClaimFor | null) => Promise<T>,
    dispatchedOf: (result: T) => Dispatched,
  ): Promise<T> {
    const local = this.local;
    const reserved = local?.reserve(passed) ?? 0;
    let result: T;
    try {
      result = await run(local && reserved > 0 ? { hostname: local.hostname, count: reserved } : null);
    } catch (error) {
      local?.release(reserved);
      throw error;
    }
    const { queued, claimed } = dispatchedOf(result);
    for (const ti of claimed) local?.start(ti);
    local?.release(reserved - claimed.length);
    // After the commit: what a crash or Redis failure keeps from Bull stays queued in Postgres, and the sweep re-enqueues it.
    const startedHere = new Set(claimed.map((ti) => ti.id));
    const toBull = queued.filter((ref) => !startedHere.has(ref.taskInstanceId));
    if (toBull.length > 0) {
      await this.tasks
        .addBulk(toBull.map((data) => ({ name: JOBS.runTask, data })))
        .catch((error) =>
          this.logger.warn(
            `${toBull.length} dispatched task instance(s) left queued for the sweep: Bull refused them (${(error as Error).message})`,
          ),
        );
    }
    return result;
  }
}
