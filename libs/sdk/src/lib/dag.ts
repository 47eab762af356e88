import { Asset, assetsOfCondition, conflictingAsset, SerializedAsset, splitSchedule } from './assets';
import { TaskFunction } from './context';
import { Duration, parseDuration } from './duration';
import { DagDefinitionError } from './errors';
import { ExpandArgs, ExpandSource, toExpandSources, XComArg } from './mapping';
import { callerLocation } from './source-location';
import { timetableOf } from './timetable';
import { DagOptions, SerializedDag, SerializedIncidentOptions, SerializedTask, TaskArgs, TRIGGER_RULES } from './types';

const ID_PATTERN = /^[A-Za-z0-9_.-]{1,250}$/;
const GROUP_ID_PATTERN = /^[A-Za-z0-9_-]{1,200}$/;
const REGISTRY = Symbol.for('updraft.sdk.dags');

interface TaskState {
  taskId: string;
  operator: string;
  config: Record<string, unknown>;
  args: TaskArgs;
  upstream: Set<string>;
  source: string | null;
  callable?: TaskFunction;
  templateFields: string[];
  groupId: string | null;
  expand?: Record<string, ExpandSource>;
}

/** Anything a dependency can point at: a task, a task group, or a list of them. */
export type Linkable = Task | TaskGroup | (Task | TaskGroup)[];

/** The tasks a dependency on `item` starts from (`leaves`) or leads to (`roots`). */
function endsOf(item: Linkable, end: 'roots' | 'leaves', dag: Dag, from: string): Task[] {
  const items = Array.isArray(item) ? item : [item];
  return items.flatMap((one) => {
    if (one instanceof Task) return [one];
    if (one instanceof TaskGroup) return end === 'roots' ? one.roots() : one.leaves();
    throw new DagDefinitionError(
      dag.dagId,
      from,
      callerLocation(),
      `unknown upstream or downstream ${JSON.stringify(one)}: link tasks or task groups, not their ids`,
    );
  });
}

/**
 * A task in a DAG; link tasks with `then` or `chain`. `A` is what a mapped instance receives
 * (see `expand`), `R` what the task returns.
 */
export class Task<A extends object = Record<string, unknown>, R = unknown> {
  /** @internal */
  constructor(
    readonly dag: Dag,
    readonly taskId: string,
  ) {}

  /** This task's return value at run time, to map another task over: `other.expand({ item: this.output })`. */
  get output(): XComArg<R> {
    return new XComArg<R>(this.taskId);
  }

  /**
   * Dynamic task mapping: at run time the task becomes one instance per element (map_index 0..n-1;
   * several arguments give every combination). Each instance gets its element as its function's
   * second argument. An empty list skips the task. Upstream outputs used here become upstream tasks.
   */
  expand(args: ExpandArgs<A>): this {
    this.dag.setExpand(this, args as Record<string, unknown>);
    return this;
  }

  /** Makes `next` (a task or a list of tasks) run after this one; returns `next` so calls chain. */
  then<T extends Linkable>(next: T): T {
    for (const downstream of endsOf(next, 'roots', this.dag, this.taskId)) this.dag.addEdge(this, downstream);
    return next;
  }
}

/** Tasks made inside `taskGroup(id, build)`: their ids start with `id.`; a dependency on the group is one on its first or last tasks. */
export class TaskGroup {
  /** @internal */
  constructor(
    readonly dag: Dag,
    readonly groupId: string,
  ) {}

  /** The group's tasks that have no upstream inside the group. */
  roots(): Task[] {
    return this.dag.groupEnds(this.groupId, 'roots');
  }

  /** The group's tasks that have no downstream inside the group. */
  leaves(): Task[] {
    return this.dag.groupEnds(this.groupId, 'leaves');
  }

  /** Makes `next` run after every last task of this group; returns `next` so calls chain. */
  then<T extends Linkable>(next: T): T {
    for (const upstream of this.leaves()) upstream.then(next);
    return next;
  }
}

/** A DAG under construction or finished; `dag()` returns one. */
export class Dag {
  private readonly tasks = new Map<string, TaskState>();
  private readonly groups = new Map<string, string | null>();
  private readonly openGroups: string[] = [];
  readonly source: string | null;

  /** @internal */
  constructor(
    readonly dagId: string,
    readonly options: DagOptions,
    source: string | null,
  ) {
    this.source = source;
  }

  /** @internal */
  addTask(
    localId: string,
    operator: string,
    config: Record<string, unknown>,
    args: TaskArgs,
    callable?: TaskFunction,
    templateFields: string[] = [],
  ): Task {
    const source = callerLocation();
    const groupId = this.openGroups[this.openGroups.length - 1] ?? null;
    const taskId = groupId ? `${groupId}.${localId}` : localId;
    if (typeof localId !== 'string' || !ID_PATTERN.test(taskId)) {
      throw new DagDefinitionError(
        this.dagId,
        String(taskId),
        source,
        'invalid task id: use 1-250 letters, digits, _ . or -',
      );
    }
    if (this.tasks.has(taskId) || this.groups.has(taskId)) {
      throw new DagDefinitionError(
        this.dagId,
        taskId,
        source,
        `duplicate task id (first declared at ${this.tasks.get(taskId)?.source ?? 'a task group'})`,
      );
    }
    this.tasks.set(taskId, {
      taskId,
      operator,
      config,
      args,
      upstream: new Set(),
      source,
      callable,
      templateFields,
      groupId,
    });
    return new Task(this, taskId);
  }

  /** @internal Runs `build` with tasks going into the group `localId` (nested in the open group, if any). */
  addGroup(localId: string, build: () => void): TaskGroup {
    const source = callerLocation();
    const parent = this.openGroups[this.openGroups.length - 1] ?? null;
    const groupId = parent ? `${parent}.${localId}` : localId;
    if (typeof localId !== 'string' || !GROUP_ID_PATTERN.test(localId)) {
      throw new DagDefinitionError(
        this.dagId,
        String(groupId),
        source,
        'invalid task group id: use 1-200 letters, digits, _ or - (no dots)',
      );
    }
    if (this.groups.has(groupId) || this.tasks.has(groupId))
      throw new DagDefinitionError(this.dagId, groupId, source, 'duplicate task group id');
    this.groups.set(groupId, parent);
    this.openGroups.push(groupId);
    try {
      build();
    } finally {
      this.openGroups.pop();
    }
    if (this.groupEnds(groupId, 'roots').length === 0)
      throw new DagDefinitionError(this.dagId, groupId, source, 'the task group has no task');
    return new TaskGroup(this, groupId);
  }

  /** @internal */
  groupEnds(groupId: string, end: 'roots' | 'leaves'): Task[] {
    const inGroup = (taskId: string) => taskId.startsWith(`${groupId}.`) && this.tasks.has(taskId);
    const members = [...this.tasks.values()].filter((t) => inGroup(t.taskId));
    const linkedInside = new Set<string>();
    for (const member of members) {
      for (const upstream of member.upstream) {
        if (!inGroup(upstream)) continue;
        linkedInside.add(end === 'roots' ? member.taskId : upstream);
      }
    }
    return members.filter((m) => !linkedInside.has(m.taskId)).map((m) => new Task(this, m.taskId));
  }

  /** @internal */
  setExpand(task: Task, args: Record<string, unknown>): void {
    const source = callerLocation();
    const state = this.tasks.get(task.taskId);
    const fail = (reason: string) => new DagDefinitionError(this.dagId, task.taskId, source, reason);
    if (!state) throw fail('expand() on a task of another DAG');
    if (state.operator !== 'task') throw fail(`expand() maps function tasks only, not '${state.operator}'`);
    if (state.expand) throw fail('expand() was already called on this task');
    const sources = toExpandSources(args);
    if (typeof sources === 'string') throw fail(sources);
    for (const from of Object.values(sources)) {
      if (from.kind !== 'xcom') continue;
      if (!this.tasks.has(from.taskId))
        throw fail(`expand() over the output of '${from.taskId}', which is not a task of this DAG`);
      state.upstream.add(from.taskId);
    }
    state.expand = sources;
  }

  /** @internal */
  addEdge(upstream: Task, downstream: Task): void {
    if (upstream.dag !== this || downstream.dag !== this) {
      throw new DagDefinitionError(
        this.dagId,
        downstream.taskId,
        callerLocation(),
        `unknown upstream '${upstream.taskId}': tasks of different DAGs cannot depend on each other`,
      );
    }
    this.tasks.get(downstream.taskId)?.upstream.add(upstream.taskId);
  }

  /** The function behind a `task` (or other code-running operator). */
  callable(taskId: string): TaskFunction | undefined {
    return this.tasks.get(taskId)?.callable;
  }

  /** @internal Checks the finished DAG: no cycles. */
  validate(): void {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (taskId: string, path: string[]): void => {
      if (done.has(taskId)) return;
      if (visiting.has(taskId)) {
        const cycle = [...path.slice(path.indexOf(taskId)), taskId].join(' -> ');
        throw new DagDefinitionError(
          this.dagId,
          taskId,
          this.tasks.get(taskId)?.source ?? null,
          `cycle detected: ${cycle}`,
        );
      }
      visiting.add(taskId);
      for (const upstream of this.tasks.get(taskId)?.upstream ?? []) visit(upstream, [...path, taskId]);
      visiting.delete(taskId);
      done.add(taskId);
    };
    for (const taskId of this.tasks.keys()) visit(taskId, []);
  }

  /** The DAG as JSON, as the platform stores it. */
  serialize(): SerializedDag {
    const o = this.options;
    const defaults = o.defaultArgs ?? {};
    const { time, condition } = this.schedule();
    const tasks = [...this.tasks.values()].map((t) => this.serializeTask(t, { ...defaults, ...t.args }));
    const conflict = conflictingAsset([...assetsOfCondition(condition), ...tasks.flatMap((t) => t.outlets ?? [])]);
    if (conflict) throw new DagDefinitionError(this.dagId, null, this.source, conflict);
    return {
      dagId: this.dagId,
      schedule: time,
      ...(condition ? { assetCondition: condition } : {}),
      startDate: o.startDate ? new Date(o.startDate).toISOString() : null,
      endDate: o.endDate ? new Date(o.endDate).toISOString() : null,
      timezone: o.timezone ?? 'UTC',
      catchup: o.catchup ?? false,
      maxActiveRuns: o.maxActiveRuns ?? 16,
      maxActiveTasks: o.maxActiveTasks ?? 16,
      tags: o.tags ?? [],
      description: o.description ?? null,
      team: o.team ?? null,
      params: o.params ?? {},
      deadlineMs: this.durationOrNull(o.deadline, null, 'deadline'),
      ...(o.slaChannels ? { slaChannels: [...o.slaChannels] } : {}),
      ...(o.deadlineChannels ? { deadlineChannels: [...o.deadlineChannels] } : {}),
      ...(o.critical ? { critical: true } : {}),
      ...(o.incidents || o.critical ? { incidents: this.incidentOptions() } : {}),
      source: this.source,
      tasks,
      taskGroups: [...this.groups.entries()].map(([groupId, parentGroupId]) => ({ groupId, parentGroupId })),
    };
  }

  private incidentOptions(): SerializedIncidentOptions {
    const o = this.options.incidents ?? {};
    const severity = o.severity ?? (this.options.critical ? 'critical' : 'high');
    if (!['critical', 'high', 'low'].includes(severity))
      throw new DagDefinitionError(this.dagId, null, this.source, `unknown incident severity '${severity}'`);
    return {
      severity,
      ...(o.channels ? { channels: [...o.channels] } : {}),
      escalateAfterMs: this.durationOrNull(o.escalateAfter, null, 'incidents.escalateAfter'),
      escalateTo: [...(o.escalateTo ?? [])],
      ...(o.responders ? { responders: o.responders.map((email) => email.toLowerCase()) } : {}),
    };
  }

  private serializeTask(t: TaskState, args: TaskArgs): SerializedTask {
    const triggerRule = args.triggerRule ?? 'all_success';
    if (!TRIGGER_RULES.includes(triggerRule)) {
      throw new DagDefinitionError(this.dagId, t.taskId, t.source, `unknown trigger rule '${triggerRule}'`);
    }
    const duration = (value: Duration | undefined, name: string) => this.durationOrNull(value, t, name);
    this.checkDispatchArgs(t, args);
    return {
      taskId: t.taskId,
      operator: t.operator,
      upstream: [...t.upstream].sort(),
      config: t.config,
      owner: args.owner ?? null,
      retries: args.retries ?? 0,
      retryDelayMs: duration(args.retryDelay, 'retryDelay') ?? 300_000,
      retryExponentialBackoff: args.retryExponentialBackoff ?? false,
      maxRetryDelayMs: duration(args.maxRetryDelay, 'maxRetryDelay'),
      executionTimeoutMs: duration(args.executionTimeout, 'executionTimeout'),
      slaMs: duration(args.sla, 'sla'),
      priorityWeight: args.priorityWeight ?? 1,
      pool: args.pool ?? null,
      ...(args.poolSlots !== undefined ? { poolSlots: args.poolSlots } : {}),
      triggerRule,
      onFailure: args.onFailure ?? [],
      onRetry: args.onRetry ?? [],
      onSuccess: args.onSuccess ?? [],
      source: t.source,
      templateFields: t.templateFields,
      groupId: t.groupId,
      ...(t.expand ? { expand: t.expand } : {}),
      ...(args.outlets !== undefined ? { outlets: this.outletsOf(t, args.outlets) } : {}),
    };
  }

  /** @internal The schedule's time part and asset condition. */
  schedule(): ReturnType<typeof splitSchedule> {
    try {
      return splitSchedule(this.options.schedule);
    } catch (error) {
      throw new DagDefinitionError(this.dagId, null, this.source, (error as Error).message);
    }
  }

  private outletsOf(t: TaskState, outlets: unknown): SerializedAsset[] {
    const fail = (message: string) => new DagDefinitionError(this.dagId, t.taskId, t.source, message);
    if (!Array.isArray(outlets)) throw fail('outlets must be a list of assets made with asset()');
    const byUri = new Map<string, SerializedAsset>();
    outlets.forEach((item, i) => {
      if (!(item instanceof Asset))
        throw fail(`outlets[${i}] is ${JSON.stringify(item)}, not an asset made with asset()`);
      byUri.set(item.uri, item.toJSON());
    });
    return [...byUri.values()];
  }

  private checkDispatchArgs(t: TaskState, args: TaskArgs): void {
    const fail = (message: string) => {
      throw new DagDefinitionError(this.dagId, t.taskId, t.source, message);
    };
    if (args.priorityWeight !== undefined && !Number.isSafeInteger(args.priorityWeight))
      fail(`priorityWeight must be a whole number (got ${args.priorityWeight})`);
    if (args.pool !== undefined && !/^[A-Za-z0-9_.-]{1,250}$/.test(String(args.pool)))
      fail(`pool must be 1 to 250 letters, digits, _ . - (got '${args.pool}')`);
    if (args.poolSlots !== undefined && !(Number.isSafeInteger(args.poolSlots) && args.poolSlots >= 1))
      fail(`poolSlots must be a whole number, 1 or more (got ${args.poolSlots})`);
  }

  private durationOrNull(value: Duration | undefined, task: TaskState | null, name: string): number | null {
    if (value === undefined || value === null) return null;
    try {
      return parseDuration(value);
    } catch (error) {
      throw new DagDefinitionError(
        this.dagId,
        task?.taskId ?? null,
        task?.source ?? this.source,
        `${name}: ${(error as Error).message}`,
      );
    }
  }
}

const building: Dag[] = [];

/** @internal The DAG whose `build` function is running: operators add their tasks to it. */
export function currentDag(operator: string): Dag {
  const dag = building[building.length - 1];
  if (!dag)
    throw new Error(
      `${operator}() must be called inside a dag(id, options, () => { ... }) build function (${callerLocation() ?? 'unknown location'})`,
    );
  return dag;
}

/** Every DAG defined so far in this process (what the platform reads after loading a bundle). */
export function definedDags(): Dag[] {
  const store = globalThis as unknown as Record<symbol, Dag[]>;
  return (store[REGISTRY] ??= []);
}

/**
 * Defines a DAG. Tasks created inside `build` belong to it.
 *
 * @example
 * export default dag('my_dag', { schedule: '@daily', startDate: '2024-01-01' }, () => {
 *   bash('hello', { command: 'echo hello' }).then(task('world', async () => 42));
 * });
 */
export function dag(dagId: string, options: DagOptions, build: () => void): Dag {
  const source = callerLocation();
  if (!ID_PATTERN.test(dagId))
    throw new DagDefinitionError(dagId, null, source, 'invalid DAG id: use 1-250 letters, digits, _ . or -');
  if (definedDags().some((d) => d.dagId === dagId))
    throw new DagDefinitionError(dagId, null, source, 'duplicate DAG id in this bundle');
  try {
    timetableOf(new Dag(dagId, options, source).schedule().time, options.timezone ?? 'UTC');
  } catch (error) {
    if (error instanceof DagDefinitionError) throw error;
    throw new DagDefinitionError(dagId, null, source, (error as Error).message);
  }
  for (const [name, value] of [
    ['startDate', options.startDate],
    ['endDate', options.endDate],
  ] as const) {
    if (value !== undefined && Number.isNaN(new Date(value).getTime()))
      throw new DagDefinitionError(dagId, null, source, `${name}: invalid date '${String(value)}'`);
  }
  const result = new Dag(dagId, options, source);
  building.push(result);
  try {
    build();
  } finally {
    building.pop();
  }
  result.validate();
  result.serialize();
  definedDags().push(result);
  return result;
}

/** Links tasks (or task groups) in order; a list fans out from the previous item and fans in to the next. */
export function chain(...items: Linkable[]): void {
  for (let i = 1; i < items.length; i++) {
    for (const upstream of Array.isArray(items[i - 1])
      ? (items[i - 1] as (Task | TaskGroup)[])
      : [items[i - 1] as Task | TaskGroup]) {
      if (!(upstream instanceof Task) && !(upstream instanceof TaskGroup)) {
        throw new DagDefinitionError(
          currentDag('chain').dagId,
          null,
          callerLocation(),
          `chain(): item ${i} is ${JSON.stringify(upstream)}, not a task or task group`,
        );
      }
      upstream.then(items[i]);
    }
  }
}

/**
 * Groups the tasks made in `build`: their ids become `groupId.taskId` (nested groups add their
 * own prefix), and a dependency on the group is a dependency on its first (or last) tasks.
 *
 * @example
 * const load = taskGroup('load', () => { chain(bash('extract', { command: 'echo e' }), bash('store', { command: 'echo s' })); });
 * start.then(load).then(done); // start -> load.extract -> load.store -> done
 */
export function taskGroup(groupId: string, build: () => void): TaskGroup {
  return currentDag('taskGroup').addGroup(groupId, build);
}
