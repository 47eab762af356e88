import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { expansionOf, stateAfterTry, tasksSkippedBy, unstorableJsonReason } from '@updraft/domain';
import { TaskCallbacks } from '@updraft/notifications';
import { inSpan, runAttributes } from '@updraft/observability';
import { Dispatcher } from '@updraft/orchestration';
import {
  DagRunRepository,
  isInfrastructureError,
  RunForEvaluation,
  TaskInstanceEntity,
  TaskInstanceRepository,
  TryEnd,
  XComRepository,
} from '@updraft/persistence';
import { EvaluateRunJobData, JOBS, QUEUES, RunTaskJobData } from '@updraft/queues';
import type { SerializedDag, SerializedTask } from '@updraft/sdk';
import type { Queue } from 'bull';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AssetOutlets } from '../assets/asset-outlets.service';
import { OperatorRegistry } from '../operators/operator-registry';
import type { ExecutorOutcome } from '../operators/operator-executor';
import { TemplateRenderer } from '../templating/template-renderer.service';
import { whileDatabaseDown } from './database-retry';
import { HeartbeatService } from './heartbeat.service';
import { LogSink } from './log-sink';
import { Slots } from './slots';
import { TryBatches } from './try-batches.service';

export const MAX_XCOM_BYTES = 1024 * 1024;
/** The abort reason of tries the worker gives back when it shuts down. */
const HANDED_BACK = Symbol('handed back');
/** How long a Bull job waits for a slot before it goes back to Bull for another worker. */
const BULL_JOB_SLOT_WAIT_MS = 250;

const tasksByDag = new WeakMap<SerializedDag, Map<string, SerializedTask>>();

/** A task of a DAG version by id; versions are immutable and cached, so each is indexed once (a DAG may have thousands of tasks). */
function taskOf(dag: SerializedDag, taskId: string): SerializedTask | undefined {
  let byId = tasksByDag.get(dag);
  if (!byId) tasksByDag.set(dag, (byId = new Map(dag.tasks.map((t) => [t.taskId, t]))));
  return byId.get(taskId);
}

interface SlotOfTry {
  /** The slot went to the try's hand-off, which passes it on or frees it. */
  passed: boolean;
  /** The try's end is stored (it hands off no more). */
  ended: boolean;
}

const newSlot = (): SlotOfTry => ({ passed: false, ended: false });

/** Executes one try of a task instance: claim, run it, record the outcome, hand off to what follows. */
@Injectable()
export class TaskRunner {
  private readonly logger = new Logger(TaskRunner.name);
  private readonly host: string;
  private readonly inFlight = new Set<Promise<void>>();
  /** Run-end checks after hand-offs, which outlive their tries; drained at shutdown. */
  private readonly runEndChecks = new Set<Promise<void>>();
  private draining = false;
  private readonly slots: Slots;

  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    private readonly runs: DagRunRepository,
    private readonly taskInstances: TaskInstanceRepository,
    private readonly xcoms: XComRepository,
    private readonly operators: OperatorRegistry,
    private readonly heartbeat: HeartbeatService,
    private readonly templates: TemplateRenderer,
    private readonly callbacks: TaskCallbacks,
    private readonly batches: TryBatches,
    private readonly outlets: AssetOutlets,
    dispatcher: Dispatcher,
    @InjectQueue(QUEUES.scheduler) private readonly scheduler: Queue<EvaluateRunJobData>,
    @InjectQueue(QUEUES.tasks) private readonly tasks: Queue<RunTaskJobData>,
  ) {
    this.host = batches.host;
    // The headroom slots too: the dispatch fills them only for tenants below their fair share.
    this.slots = new Slots(config.workerConcurrency + config.workerReservedSlots);
    dispatcher.runLocallyWhenPossible({
      hostname: this.host,
      reserve: (passed) => this.reserveSlots(passed),
      release: (count) => this.releaseSlots(count),
      start: (ti) => this.startClaimed(ti),
    });
  }

  /**
   * A Bull job's try. It waits for a free slot, but not for long: a worker whose slots pass from
   * try to try through its own hand-offs gives the job back to Bull, for any worker to take.
   */
  async run(ref: RunTaskJobData): Promise<void> {
    if (!(await this.slots.acquire(BULL_JOB_SLOT_WAIT_MS))) return void (await this.tasks.add(JOBS.runTask, ref));
    const slot = newSlot();
    return this.track(slot, this.runTry(ref, slot));
  }

  get hasFreeSlot(): boolean {
    return !this.draining && this.slots.available > 0;
  }

  /**
   * Slots for a dispatch of this worker to fill with what it queues (claimed in its own round
   * trip): those `passed` by the tries that end in it, and any free one.
   */
  private reserveSlots(passed: number): number {
    if (this.draining) {
      this.releaseSlots(passed);
      return 0;
    }
    let count = passed;
    while (this.slots.tryAcquire()) count++;
    return count;
  }

  private releaseSlots(count: number): void {
    for (let i = 0; i < count; i++) this.slots.release();
  }

  private startClaimed(ti: TaskInstanceEntity): void {
    const ref = { tenantId: ti.tenantId, taskInstanceId: ti.id };
    const slot = newSlot();
    this.track(slot, this.runClaimed(ref, ti, slot)).catch((error) =>
      this.logger.warn(`task instance ${ti.id} failed to run here: ${(error as Error).message}`),
    );
  }

  /** Frees the try's slot when it is over, unless the slot went to its hand-off (which passed it on or freed it). */
  private track(slot: SlotOfTry, run: Promise<void>): Promise<void> {
    const work = run.finally(() => {
      if (!slot.passed) this.slots.release();
      this.inFlight.delete(work);
    });
    this.inFlight.add(work);
    return work;
  }

  /**
   * Lets the tries in progress finish for up to `graceMs`, then kills the rest and hands them
   * back: queued again without counting the try, for another worker. Returns how many were handed back.
   */
  async drain(graceMs: number): Promise<number> {
    this.draining = true;
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    while (this.inFlight.size > 0) {
      const over = await Promise.race([
        Promise.allSettled([...this.inFlight]).then(() => false),
        graceOver.then(() => true),
      ]);
      if (over) break;
    }
    clearTimeout(timer);
    const left = this.inFlight.size;
    if (left > 0) {
      this.heartbeat.abortAll(HANDED_BACK);
      await Promise.allSettled([...this.inFlight]);
    }
    await Promise.allSettled([...this.runEndChecks]);
    return left;
  }

  /** A try from a Bull job: claimed first (someone else may have it). */
  private async runTry(ref: RunTaskJobData, slot: SlotOfTry): Promise<void> {
    // Taken in the instant before the queue paused: left for another worker.
    if (this.draining) return void (await this.tasks.add(JOBS.runTask, ref));
    const ti = await this.batches.claim(ref);
    if (ti) await this.runClaimed(ref, ti, slot);
  }

  /** Runs a claimed try in `slot`. */
  private async runClaimed(ref: RunTaskJobData, ti: TaskInstanceEntity, slot: SlotOfTry): Promise<void> {
    const signal = this.heartbeat.track(ti.id);
    const sink = new LogSink((lines) => this.batches.appendLog(lines), ref.tenantId, ti.id, ti.tryNumber);
    const scratch = join(this.config.dataDir, 'scratch', `${ti.id}-${ti.tryNumber}`);
    let delayMs = 0;
    let handedBack = false;
    try {
      sink.write('system', `try ${ti.tryNumber} of ${ti.maxTries} started on ${this.host}`);
      const loaded = await whileDatabaseDown(
        () => this.runs.forExecution(ref.tenantId, ti.dagRunId),
        this.config.zombieThresholdMs,
      );
      const task = loaded ? taskOf(loaded.serialized, ti.taskId) : undefined;
      const outcome: ExecutorOutcome =
        loaded && task
          ? await inSpan(
              `task ${loaded.run.dagId}.${ti.taskId}`,
              {
                parent: loaded.run.traceContext,
                attributes: {
                  ...runAttributes(loaded.run),
                  'updraft.task_id': ti.taskId,
                  'updraft.map_index': ti.mapIndex,
                  'updraft.try_number': ti.tryNumber,
                  'updraft.hostname': this.host,
                },
              },
              async (span) => {
                const ended = await this.execute(loaded, task, ti, scratch, sink, signal);
                span.setAttribute('updraft.outcome', ended.outcome);
                return ended;
              },
            )
          : { outcome: 'fail', message: 'the task no longer exists in its DAG version' };
      // Retried while the database restarts, as long as the try would not be reaped as a zombie meanwhile.
      const within = this.config.zombieThresholdMs;
      if (signal.aborted && signal.reason === HANDED_BACK)
        handedBack = await whileDatabaseDown(() => this.handBack(ti, sink), within);
      else delayMs = await whileDatabaseDown(() => this.record(ti, loaded, task, outcome, sink, slot), within);
    } catch (error) {
      if (isInfrastructureError(error)) handedBack = await this.handBackAfter(ti, error, sink);
      else {
        this.logger.error(`task instance ${ti.id}: ${(error as Error).stack}`);
        sink.write('system', `internal error: ${(error as Error).message}`);
        await this.endTry(
          ti,
          {
            ...ref,
            tryNumber: ti.tryNumber,
            state: 'failed',
            exitReason: `internal error: ${(error as Error).message}`,
            nextTryAt: null,
          },
          slot,
        );
      }
    } finally {
      this.heartbeat.untrack(ti.id);
      // A retry wakes the whole run when it is due (a finished try has handed off with its end).
      const next = handedBack
        ? this.tasks.add(JOBS.runTask, ref)
        : delayMs > 0
          ? this.scheduler.add(JOBS.evaluateRun, { tenantId: ref.tenantId, dagRunId: ti.dagRunId }, { delay: delayMs })
          : undefined;
      // Most operators never make a scratch folder: a sync check is far cheaper than an rm of nothing.
      await Promise.all([
        next,
        sink.close(),
        existsSync(scratch) ? rm(scratch, { recursive: true, force: true }) : undefined,
      ]);
    }
  }

  /**
   * Stores the try's end. A try that ends for good hands off in the same batch (once), passing its
   * slot to the dispatch there, which may give it to what it claims for this worker, else frees it.
   * A write that fails has freed the slot already: its retry hands off without one.
   */
  private async endTry(ti: TaskInstanceEntity, tryEnd: TryEnd, slot: SlotOfTry): Promise<boolean> {
    const handOff =
      tryEnd.state === 'up_for_retry' || slot.ended
        ? null
        : { dagRunId: ti.dagRunId, taskId: ti.taskId, passesSlot: !slot.passed };
    if (handOff) slot.passed = true;
    const { applied, runEndChecked } = await this.batches.end(tryEnd, handOff);
    slot.ended = true;
    if (runEndChecked) {
      this.runEndChecks.add(runEndChecked);
      void runEndChecked.finally(() => this.runEndChecks.delete(runEndChecked));
    }
    return applied;
  }

  private async execute(
    loaded: RunForEvaluation,
    task: SerializedTask,
    ti: TaskInstanceEntity,
    scratch: string,
    sink: LogSink,
    signal: AbortSignal,
  ): Promise<ExecutorOutcome> {
    const executor = this.operators.find(task.operator);
    if (!executor)
      return { outcome: 'fail', message: `operator '${task.operator}' is not available on this platform version` };
    const timeoutMs = task.executionTimeoutMs ?? this.config.defaultTaskTimeoutMs;
    const rendered = await this.templates.render({ ti, task, loaded, scratch, sink, signal, timeoutMs });
    if ('outcome' in rendered) return rendered;
    let mapped: Record<string, unknown> | undefined;
    if (task.expand && ti.mapIndex >= 0) {
      const element = await this.mappedElement(ti, task);
      if (typeof element === 'string') return { outcome: 'fail', message: element };
      mapped = element;
    }
    return executor.execute({ ti, task: rendered, loaded, scratch, sink, signal, timeoutMs, mapped });
  }

  private async handBack(
    ti: TaskInstanceEntity,
    sink: LogSink,
    reason = `the worker ${this.host} shut down before try ${ti.tryNumber} finished; handed back to the queue (the try does not count)`,
  ): Promise<boolean> {
    sink.write('system', reason);
    await sink.flush();
    return this.taskInstances.handBack({ tenantId: ti.tenantId, taskInstanceId: ti.id }, ti.tryNumber, reason);
  }

  /**
   * PostgreSQL or Redis failed the try's bookkeeping, not the task: the try goes back to the queue
   * without counting, to run again. When even that cannot be written, the zombie sweep reaps it.
   */
  private async handBackAfter(ti: TaskInstanceEntity, error: unknown, sink: LogSink): Promise<boolean> {
    const reason = `the platform failed while recording try ${ti.tryNumber} (${(error as Error).message}); handed back to the queue (the try does not count)`;
    this.logger.warn(`task instance ${ti.id}: ${reason}`);
    return this.handBack(ti, sink, reason).catch((again) => {
      this.logger.warn(`task instance ${ti.id} left to the zombie sweep: ${(again as Error).message}`);
      return false;
    });
  }

  private async skipDownstream(ti: TaskInstanceEntity, taskIds: string[], sink: LogSink): Promise<void> {
    const ids = (await this.taskInstances.allForRun(ti.tenantId, ti.dagRunId))
      .filter((other) => taskIds.includes(other.taskId))
      .map((other) => other.id);
    const skipped = await this.taskInstances.transition(ti.tenantId, ids, ['none', 'scheduled'], 'skipped');
    sink.write('system', `skipping ${taskIds.sort().join(', ')} (${skipped.length} task instance(s))`);
  }

  /** A mapped instance's element, from the lists the scheduler expanded (an error message when it is gone). */
  private async mappedElement(ti: TaskInstanceEntity, task: SerializedTask): Promise<Record<string, unknown> | string> {
    const expansion = expansionOf(task.expand ?? {}, await this.xcoms.mappingInputs(ti.tenantId, ti.dagRunId, task));
    if ('error' in expansion) return expansion.error;
    return (
      expansion.items[ti.mapIndex] ??
      `map_index ${ti.mapIndex} is beyond the ${expansion.items.length} element(s) mapped over now`
    );
  }

  /** A sensor in reschedule mode or an approval step waiting: its slot is freed and the scheduler queues it again when it is due (or answered). */
  private async reschedule(
    ti: TaskInstanceEntity,
    result: { outcome: 'reschedule' | 'await_input'; at: Date; message: string },
    sink: LogSink,
  ): Promise<number> {
    const state = result.outcome === 'await_input' ? 'awaiting_input' : 'up_for_reschedule';
    sink.write('system', `${state}: ${result.message}`);
    await sink.flush();
    const applied = await this.taskInstances.reschedule(
      { tenantId: ti.tenantId, taskInstanceId: ti.id },
      ti.tryNumber,
      result.at,
      result.message,
      state,
    );
    if (!applied) sink.write('system', 'the outcome was not recorded: this try was cleared or reaped meanwhile');
    return Math.max(result.at.getTime() - Date.now(), 1);
  }

  /** Stores the outcome; returns the delay before the run should be evaluated again (for a retry). */
  private async record(
    ti: TaskInstanceEntity,
    loaded: RunForEvaluation | null,
    task: SerializedTask | undefined,
    result: ExecutorOutcome,
    sink: LogSink,
    slot: SlotOfTry,
  ): Promise<number> {
    if (result.outcome === 'reschedule' || result.outcome === 'await_input') return this.reschedule(ti, result, sink);
    const ref = { tenantId: ti.tenantId, taskInstanceId: ti.id };
    let outcome = result;
    let returnValue: TryEnd['returnValue'];
    if (outcome.outcome === 'success' && outcome.valueJson !== null) {
      const bytes = Buffer.byteLength(outcome.valueJson);
      const unstorable = unstorableJsonReason(outcome.valueJson);
      if (bytes > MAX_XCOM_BYTES)
        outcome = {
          outcome: 'fail',
          message: `the return value is ${bytes} bytes of JSON; XCom values are limited to ${MAX_XCOM_BYTES} bytes`,
        };
      else if (unstorable)
        outcome = {
          outcome: 'fail',
          message: `the return value holds ${unstorable}, which XCom cannot store (PostgreSQL jsonb); return it escaped or encoded`,
        };
      else
        returnValue = { dagRunId: ti.dagRunId, taskId: ti.taskId, mapIndex: ti.mapIndex, valueJson: outcome.valueJson };
    }
    if (outcome.outcome === 'success' && task && loaded) {
      const decision = tasksSkippedBy(
        loaded.serialized.tasks,
        task,
        outcome.valueJson === null ? null : JSON.parse(outcome.valueJson),
      );
      if ('error' in decision) outcome = { outcome: 'fail', message: decision.error };
      // Skipped before this task counts as done, so the scheduler never sees a branch done with its losers still waiting.
      else if (decision.skip.length > 0) await this.skipDownstream(ti, decision.skip, sink);
    }
    const { state, retryDelayMs: delayMs } = stateAfterTry(outcome.outcome, task ?? null, ti.tryNumber, ti.maxTries);
    const reason = outcome.outcome === 'success' ? null : outcome.message;
    sink.write('system', reason ? `${state}: ${reason}` : `task finished: ${state}`);
    if (state === 'up_for_retry')
      sink.write('system', `retrying in ${Math.round(delayMs / 1000)} s (try ${ti.tryNumber + 1} of ${ti.maxTries})`);
    // Stored with the outcome, so whoever sees the try end (a live log stream) has all its lines.
    const lines = await sink.takePending();
    const nextTryAt = state === 'up_for_retry' ? new Date(Date.now() + delayMs) : null;
    // The return value goes with the outcome too: downstream tasks, which start once it is recorded, find it.
    const applied = await this.endTry(
      ti,
      { ...ref, tryNumber: ti.tryNumber, state, exitReason: reason, nextTryAt, lines, returnValue },
      slot,
    ).catch((error) => {
      sink.restore(lines);
      throw error;
    });
    if (!applied) sink.write('system', 'the outcome was not recorded: this try was cleared or reaped meanwhile');
    else if (loaded && task) {
      await this.outlets
        .afterTry(ti, loaded, task, state)
        .catch((error) => sink.write('system', `asset events not recorded: ${(error as Error).message}`));
      await this.callbacks.afterOutcome(ti, loaded, task, state, reason, (line) => sink.write('system', line));
    }
    return delayMs;
  }
}
