import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { evaluateTriggerRule, isFinished, TaskState, upstreamStates } from '@updraft/domain';
import { inSpan, runAttributes } from '@updraft/observability';
import type { SerializedDag, SerializedTask } from '@updraft/sdk';
import {
  DagRunRepository,
  ReadyFromEnds,
  TaskInstanceEntity,
  TaskInstanceRef,
  TaskInstanceRepository,
  TryEnd,
} from '@updraft/persistence';
import { EvaluateRunJobData, JOBS, QUEUES } from '@updraft/queues';
import type { Queue } from 'bull';
import { Coalesced } from './coalesced';
import { TaskExpander } from './task-expander.service';
import { Dispatcher } from './dispatcher.service';

/** A try a worker ends: its outcome, and unless a retry of it is due later, its hand-off. */
export interface EndingTry {
  end: TryEnd;
  /** What lies downstream of the try's task is decided once the end is stored; `passesSlot`: the try's worker slot goes to that dispatch. */
  handOff: { dagRunId: string; taskId: string; passesSlot: boolean } | null;
}

export interface TriesEnded {
  /** Per try: false when it was no longer running (cleared, reaped or marked meanwhile). */
  applied: boolean[];
  /** Settles once what could not be decided with the ends is dispatched and the runs that may be done are checked. Never rejects. */
  ended: Promise<void>;
}

/** A try that ends with a hand-off: what lies downstream of its task may be ready once its end is stored. */
interface FinishedEnd {
  tenantId: string;
  dagRunId: string;
  taskId: string;
  taskInstanceId: string;
  state: TaskState;
}

interface RunToDecide {
  tenantId: string;
  dagRunId: string;
  taskIds: string[] | null;
}

const WAITING: TaskState[] = ['none', 'scheduled'];
/** Waiting until `next_try_at` (a retry's delay, a sensor's next check, an approval's answer or timeout), holding no slot. */
const WAKES_AT_NEXT_TRY: TaskState[] = ['up_for_retry', 'up_for_reschedule', 'awaiting_input'];
const GRAPH_CACHE_SIZE = 500;
const RUN_VERSION_CACHE_SIZE = 10_000;

interface DagGraph {
  tasks: Map<string, SerializedTask>;
  downstream: Map<string, string[]>;
}

function groupByRun<T extends { tenantId: string; dagRunId: string }>(finished: T[]): Map<string, T[]> {
  const byRun = new Map<string, T[]>();
  for (const f of finished) {
    const key = `${f.tenantId}/${f.dagRunId}`;
    const tries = byRun.get(key);
    if (tries) tries.push(f);
    else byRun.set(key, [f]);
  }
  return byRun;
}

/** The tasks downstream of `frontier` to decide, and every task whose instances that needs (them and their upstreams). */
function downstreamStep(graph: DagGraph, frontier: string[]): { candidates: string[]; needed: string[] } {
  const candidates = [...new Set(frontier.flatMap((id) => graph.downstream.get(id) ?? []))];
  return {
    candidates,
    needed: [...new Set(candidates.flatMap((id) => [id, ...(graph.tasks.get(id)?.upstream ?? [])]))],
  };
}

/**
 * Applies the domain rules to one run in Postgres: decides which task instances are ready,
 * skipped or upstream_failed (repeating until skips stop propagating), enqueues the ready ones,
 * and finishes the run when every task has. Safe to run twice at once: every change is conditional.
 */
@Injectable()
export class RunEvaluator {
  private readonly logger = new Logger(RunEvaluator.name);
  private readonly graphs = new Map<string, DagGraph>();
  private readonly versionOfRun = new Map<string, string>();
  /** Per run: "is it done?" checks, one at a time, however many tries end together. */
  private readonly endChecks = new Map<string, Coalesced>();

  constructor(
    private readonly runs: DagRunRepository,
    private readonly taskInstances: TaskInstanceRepository,
    private readonly expander: TaskExpander,
    private readonly dispatcher: Dispatcher,
    @InjectQueue(QUEUES.scheduler) private readonly scheduler: Queue<EvaluateRunJobData>,
  ) {}

  async evaluate(job: EvaluateRunJobData): Promise<void> {
    await this.finishIfDone(
      await this.decideAndDispatch([
        { tenantId: job.tenantId, dagRunId: job.dagRunId, taskIds: job.finishedTaskId ? [job.finishedTaskId] : null },
      ]),
    );
  }

  /**
   * Ends a worker's tries and hands off after them. Where their outcomes alone decide what follows
   * them (`readyFromEnds`), that is scheduled and dispatched in the statement that stores the ends:
   * one round trip, in which the ending tries' slots pass to what is claimed for their worker. The
   * other runs are decided after the commit, then their ends checked, off the caller's path (not
   * those the statement gave a task to run: that task's end checks them).
   */
  async endTries(tries: EndingTry[]): Promise<TriesEnded> {
    const ends = tries.map((t) => t.end);
    const finished = tries.flatMap(({ end, handOff }): FinishedEnd[] =>
      handOff
        ? [
            {
              tenantId: end.tenantId,
              dagRunId: handOff.dagRunId,
              taskId: handOff.taskId,
              taskInstanceId: end.taskInstanceId,
              state: end.state,
            },
          ]
        : [],
    );
    if (finished.length === 0) return { applied: await this.taskInstances.finishMany(ends), ended: Promise.resolve() };
    const ready: ReadyFromEnds[] = [];
    const decided: RunToDecide[] = [];
    const undecided: RunToDecide[] = [];
    for (const run of groupByRun(finished).values()) {
      const found = this.readyFromEnds(run);
      const toDecide = { tenantId: run[0].tenantId, dagRunId: run[0].dagRunId, taskIds: run.map((t) => t.taskId) };
      if (found) {
        ready.push(...found);
        decided.push(toDecide);
      } else undecided.push(toDecide);
    }
    const passed = tries.filter((t) => t.handOff?.passesSlot).length;
    const { applied, scheduledRuns, dispatched } = await this.dispatcher.endTriesAndDispatch(ends, ready, passed);
    // A run with a task this statement made ready, or started for this worker, is not done: that task's end checks it.
    const goingOn = new Set([...scheduledRuns, ...dispatched.claimed.map((ti) => ti.dagRunId)]);
    const ended = Promise.all([
      this.finishIfDone(decided.filter((run) => !goingOn.has(run.dagRunId))),
      undecided.length > 0
        ? this.decideAndDispatch(undecided).then((mayBeDone) => this.finishIfDone(mayBeDone))
        : undefined,
    ]).then(
      () => undefined,
      (error) =>
        this.logger.warn(
          `hand-off after ${finished.length} try(s) failed, left to the sweep: ${(error as Error).message}`,
        ),
    );
    return { applied, ended };
  }

  /**
   * What follows these tries of a run when their outcomes alone decide it, else null: the run's
   * graph is known here, and every task downstream of them is unmapped, has no upstream but these
   * tries, and is to run (or wait). A task with another upstream is decided after the commit, so
   * that of two upstreams ending at once in two workers, the later decision sees both.
   */
  private readyFromEnds(tries: FinishedEnd[]): ReadyFromEnds[] | null {
    const graph = this.graphs.get(this.versionOfRun.get(tries[0].dagRunId) ?? '');
    if (!graph) return null;
    const ending = new Map(tries.map((t) => [t.taskId, t]));
    const ready: ReadyFromEnds[] = [];
    for (const taskId of downstreamStep(graph, [...ending.keys()]).candidates) {
      const task = graph.tasks.get(taskId);
      if (!task || task.expand || task.upstream.some((up) => !ending.has(up) || graph.tasks.get(up)?.expand))
        return null;
      const upstream = task.upstream.map((up) => ending.get(up) as FinishedEnd);
      const decision = evaluateTriggerRule(
        task.triggerRule,
        upstream.map((t) => t.state),
      );
      if (decision === 'run')
        ready.push({
          tenantId: tries[0].tenantId,
          dagRunId: tries[0].dagRunId,
          taskId,
          requires: upstream.map((t) => t.taskInstanceId),
        });
      else if (decision !== 'wait') return null;
    }
    return ready;
  }

  /** Decides each run (downstream of `taskIds`, or all of it) and dispatches once for all; returns the runs that may be done. */
  private async decideAndDispatch(runs: RunToDecide[]): Promise<RunToDecide[]> {
    const mayBeDone: RunToDecide[] = [];
    const ready: TaskInstanceRef[] = [];
    for (const run of runs) {
      const before = ready.length;
      // A run that just got a task ready is not done: its end is not asked for.
      if ((await this.decideRun(run, ready)) && ready.length === before) mayBeDone.push(run);
    }
    // Even when nothing became ready (or the run has ended): a finished try's slot is free for other work.
    // Dispatched before the runs' progress is read: the next task waits for nothing it does not need.
    await this.dispatcher.request(ready);
    return mayBeDone;
  }

  /** Ends the runs that are done. Concurrent asks for one run share checks (`Coalesced`), each seeing what was committed before it was asked. */
  private async finishIfDone(runs: RunToDecide[]): Promise<void> {
    await Promise.all(
      runs.map(({ tenantId, dagRunId }) => {
        let check = this.endChecks.get(dagRunId);
        if (!check) {
          check = new Coalesced(() => this.finishRunIfDone(tenantId, dagRunId));
          this.endChecks.set(dagRunId, check);
        }
        const asked = check;
        return asked.request().finally(() => {
          if (asked.idle && this.endChecks.get(dagRunId) === asked) this.endChecks.delete(dagRunId);
        });
      }),
    );
  }

  /** Decides the run's waiting tasks (only downstream of `finishedTaskIds` when given); false when the run is not (or not yet) running. */
  private async decideRun(
    { tenantId, dagRunId, taskIds: finishedTaskIds }: RunToDecide,
    ready: TaskInstanceRef[],
  ): Promise<boolean> {
    // A run's DAG version never changes: once its graph is known here, the run and the instances the
    // first step needs come in one statement.
    const known = this.graphs.get(this.versionOfRun.get(dagRunId) ?? '');
    const first = known && finishedTaskIds ? downstreamStep(known, finishedTaskIds) : null;
    // Nothing downstream to decide, and the run is under way (a task of it just ran): no statement.
    // Whether the run is done is read after the dispatch, as for any finished try.
    if (first && first.candidates.length === 0) return true;
    const fetched = await this.runs.withInstancesOf(tenantId, dagRunId, first?.needed ?? []);
    if (!fetched || !['queued', 'running'].includes(fetched.loaded.run.state)) return false;
    const { loaded } = fetched;
    // The decision joins the trace the run was created in (an API request, a schedule tick).
    return inSpan(
      `schedule ${loaded.run.dagId}`,
      { parent: loaded.run.traceContext, attributes: runAttributes(loaded.run) },
      async (span) => {
        // A queued run starts when maxActiveRuns allows it, oldest first (backfills queue many at once).
        if (
          loaded.run.state === 'queued' &&
          !(await this.runs.startIfAdmitted(tenantId, dagRunId, loaded.serialized.maxActiveRuns))
        )
          return false;
        const graph = this.graphOf(loaded.run.dagVersionId, loaded.serialized);
        this.rememberVersion(dagRunId, loaded.run.dagVersionId);
        const finished = finishedTaskIds?.filter((id) => graph.tasks.has(id)) ?? [];
        const readyBefore = ready.length;
        if (finished.length > 0)
          await this.evaluateDownstream(
            tenantId,
            dagRunId,
            graph,
            finished,
            ready,
            first && graph === known ? fetched.instances : null,
          );
        else await this.evaluateWholeRun(tenantId, dagRunId, graph, ready);
        span.setAttribute('updraft.tasks_ready', ready.length - readyBefore);
        return true;
      },
    );
  }

  /** After tasks end: decide only their downstream tasks, following skips and upstream failures as they spread. */
  private async evaluateDownstream(
    tenantId: string,
    dagRunId: string,
    graph: DagGraph,
    finished: string[],
    ready: TaskInstanceRef[],
    prefetched: TaskInstanceEntity[] | null,
  ): Promise<void> {
    let frontier = finished;
    let instances = prefetched;
    while (frontier.length > 0) {
      const step = downstreamStep(graph, frontier);
      if (step.candidates.length === 0) return;
      instances ??= await this.taskInstances.ofTasks(tenantId, dagRunId, step.needed);
      frontier = await this.decide(tenantId, graph, instances, new Set(step.candidates), ready);
      instances = null;
    }
  }

  private rememberVersion(dagRunId: string, dagVersionId: string): void {
    if (this.versionOfRun.has(dagRunId)) return;
    if (this.versionOfRun.size >= RUN_VERSION_CACHE_SIZE)
      this.versionOfRun.delete(this.versionOfRun.keys().next().value as string);
    this.versionOfRun.set(dagRunId, dagVersionId);
  }

  /** On trigger, retry wake-ups and the sweep: every task of the run, until nothing more changes. */
  private async evaluateWholeRun(
    tenantId: string,
    dagRunId: string,
    graph: DagGraph,
    ready: TaskInstanceRef[],
  ): Promise<void> {
    for (;;) {
      const instances = await this.taskInstances.allForRun(tenantId, dagRunId);
      const propagated = await this.decide(tenantId, graph, instances, null, ready);
      if (propagated.length > 0) continue;
      await this.wakeForRetries(tenantId, dagRunId, instances);
      return;
    }
  }

  /**
   * Applies the trigger rules to the waiting instances among `instances` (only `candidates` when
   * given), adds the ready ones to `ready` (the dispatch marks them `scheduled`) and returns the tasks newly skipped
   * or upstream_failed.
   */
  private async decide(
    tenantId: string,
    graph: DagGraph,
    instances: TaskInstanceEntity[],
    candidates: Set<string> | null,
    ready: TaskInstanceRef[],
  ): Promise<string[]> {
    const stateOf = new Map<string, TaskState[]>();
    for (const ti of instances) stateOf.set(ti.taskId, [...(stateOf.get(ti.taskId) ?? []), ti.state]);
    const decided = {
      run: [] as string[],
      skip: [] as string[],
      upstream_failed: [] as string[],
      removed: [] as string[],
      expand: [] as TaskInstanceEntity[],
    };
    const now = Date.now();
    for (const ti of instances) {
      if (candidates && !candidates.has(ti.taskId)) continue;
      const task = graph.tasks.get(ti.taskId);
      if (!task) {
        if (!isFinished(ti.state)) decided.removed.push(ti.id);
      } else if (WAKES_AT_NEXT_TRY.includes(ti.state)) {
        if (ti.nextTryAt && ti.nextTryAt.getTime() <= now) decided.run.push(ti.id);
      } else if (WAITING.includes(ti.state)) {
        const decision = evaluateTriggerRule(task.triggerRule, upstreamStates(task.upstream, stateOf));
        if (decision === 'run' && task.expand && ti.mapIndex < 0) decided.expand.push(ti);
        else if (decision !== 'wait' && !(decision === 'run' && ti.state === 'scheduled'))
          decided[decision].push(ti.id);
      }
    }
    const expansion = await this.expander.expand(tenantId, decided.expand, graph.tasks);
    decided.run.push(...expansion.run);
    decided.skip.push(...expansion.skip);
    // Marked `scheduled` by the dispatch that follows, in its first round trip.
    ready.push(...decided.run.map((taskInstanceId) => ({ tenantId, taskInstanceId })));
    const changed = new Set([
      ...expansion.failed,
      ...(await this.taskInstances.transition(tenantId, decided.skip, WAITING, 'skipped')),
      ...(await this.taskInstances.transition(tenantId, decided.upstream_failed, WAITING, 'upstream_failed')),
      ...(await this.taskInstances.transition(
        tenantId,
        decided.removed,
        [...WAITING, 'up_for_retry', 'queued'],
        'removed',
      )),
    ]);
    return instances.filter((ti) => changed.has(ti.id)).map((ti) => ti.taskId);
  }

  /** DAG versions never change, so their task graph is computed once per scheduler process. */
  private graphOf(dagVersionId: string, serialized: SerializedDag): DagGraph {
    let graph = this.graphs.get(dagVersionId);
    if (!graph) {
      const downstream = new Map<string, string[]>();
      for (const t of serialized.tasks)
        for (const up of t.upstream) downstream.set(up, [...(downstream.get(up) ?? []), t.taskId]);
      graph = { tasks: new Map(serialized.tasks.map((t) => [t.taskId, t])), downstream };
      if (this.graphs.size >= GRAPH_CACHE_SIZE) this.graphs.delete(this.graphs.keys().next().value as string);
      this.graphs.set(dagVersionId, graph);
    }
    return graph;
  }

  private async finishRunIfDone(tenantId: string, dagRunId: string): Promise<void> {
    const { unfinished, failed } = await this.taskInstances.progress(tenantId, dagRunId);
    if (!unfinished) {
      const state = failed > 0 ? 'failed' : 'success';
      if (await this.runs.transition(tenantId, dagRunId, ['queued', 'running'], state)) {
        this.logger.log(`run ${dagRunId} of tenant ${tenantId} finished: ${state}`);
        const next = await this.runs.nextQueuedAfter(tenantId, dagRunId);
        if (next) await this.scheduler.add(JOBS.evaluateRun, { tenantId, dagRunId: next });
      }
    }
  }

  /** A retry or a sensor's next check is due later: ask to be evaluated again then (the sweep is the safety net). */
  private async wakeForRetries(tenantId: string, dagRunId: string, instances: TaskInstanceEntity[]): Promise<void> {
    for (const ti of instances) {
      if (!WAKES_AT_NEXT_TRY.includes(ti.state) || !ti.nextTryAt) continue;
      const delay = Math.max(ti.nextTryAt.getTime() - Date.now(), 0);
      await this.scheduler.add(
        JOBS.evaluateRun,
        { tenantId, dagRunId },
        { delay, jobId: `${ti.state}:${ti.id}:${ti.tryNumber}:${ti.nextTryAt.getTime()}` },
      );
    }
  }
}
