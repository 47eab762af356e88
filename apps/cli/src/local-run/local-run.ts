import {
  deriveRunState,
  evaluateTriggerRule,
  expandSourceTasks,
  expansionOf,
  resolveParams,
  stateAfterTry,
  tasksSkippedBy,
  upstreamStates,
  type RunState,
  type TaskState,
} from '@updraft/domain';
import type { Dag, SerializedDag, SerializedTask, TriggerDagRunConfig } from '@updraft/sdk';
import { CliError } from '../errors';
import { LocalOperators, type LocalEnvironment, type OutputStream, type TryOutcome } from './local-operators';
import type { StackMapper } from './source-maps';

export type { LocalEnvironment, OutputStream, TryOutcome } from './local-operators';

/** The platform's limit on one XCom value (the worker's MAX_XCOM_BYTES). */
export const MAX_XCOM_BYTES = 1024 * 1024;
export const RETURN_VALUE_KEY = 'return_value';

export interface OutputLine {
  stream: OutputStream;
  line: string;
}

export interface LocalTaskResult {
  taskId: string;
  /** Set on each instance of a mapped task (0, 1, …); absent on other tasks and on a mapped task that never expanded. */
  mapIndex?: number;
  operator: string;
  state: TaskState;
  tries: number;
  /** The XCom the task pushed (its return value, or a bash task's last stdout line); absent when none. */
  returnValue?: unknown;
  message: string | null;
  output: OutputLine[];
}

export interface LocalRunResult {
  dagId: string;
  runId: string;
  logicalDate: string;
  state: RunState;
  params: Record<string, unknown>;
  tasks: LocalTaskResult[];
}

/** Every event names where it happened: `task`, `task[2]` for a mapped instance, `dag/task` inside a triggered run. */
export type LocalRunEvent =
  | { kind: 'start'; label: string; operator: string; tryNumber: number; maxTries: number }
  | { kind: 'output'; label: string; stream: OutputStream; line: string }
  | {
      kind: 'retry';
      label: string;
      message: string;
      delayMs: number;
      platformDelayMs: number;
      nextTry: number;
      maxTries: number;
    }
  | { kind: 'finish'; label: string; task: LocalTaskResult };

export interface LocalRunOptions {
  dag: Dag;
  stacks: StackMapper;
  conf: Record<string, unknown>;
  logicalDate: Date;
  /** Retry delays are cut to this locally, so a test run does not sit for minutes. */
  retryDelayCapMs: number;
  /** Sensors check at least this often locally. */
  pokeIntervalCapMs: number;
  environment: LocalEnvironment;
  onEvent: (event: LocalRunEvent) => void;
  /** Set on a run a triggerDagRun started: the DAGs whose runs led to it, outermost first. */
  triggeredBy?: string[];
}

export const TEST_RUN_TYPE = 'test';

/** `test__2024-01-01T00:00:00.000+00:00`, shaped like the platform's run ids. */
export function testRunId(logicalDate: Date): string {
  return `${TEST_RUN_TYPE}__${logicalDate.toISOString().replace('Z', '+00:00')}`;
}

/**
 * One DAG run in this process, with no server: tasks run one at a time in dependency order (a
 * mapped task's instances in map_index order), and the domain's trigger rules, mapping, branch
 * skips and retry policy decide what runs, as the scheduler and worker would.
 */
export class LocalRun {
  private readonly serialized: SerializedDag;
  private readonly runId: string;
  private readonly params: Record<string, unknown>;
  /** Per task, one state per instance: `['none']` until it runs or expands. */
  private readonly states = new Map<string, TaskState[]>();
  private readonly results = new Map<string, LocalTaskResult[]>();
  private readonly xcoms = new Map<string, unknown>();
  private readonly operators: LocalOperators;

  constructor(private readonly options: LocalRunOptions) {
    this.serialized = options.dag.serialize();
    this.runId = testRunId(options.logicalDate);
    const { params, problems } = resolveParams(this.serialized.params, options.conf);
    if (problems.length > 0) {
      throw new CliError(`the run's params are not valid: ${problems.flatMap((p) => p.problems).join('; ')}`);
    }
    this.params = params;
    for (const task of this.serialized.tasks) this.states.set(task.taskId, ['none']);
    this.operators = new LocalOperators({
      dag: options.dag,
      stacks: options.stacks,
      run: {
        dagId: this.serialized.dagId,
        runId: this.runId,
        logicalDate: options.logicalDate,
        params,
        conf: options.conf,
      },
      environment: options.environment,
      pokeIntervalCapMs: options.pokeIntervalCapMs,
      xcom: (taskId, key) => (key === RETURN_VALUE_KEY ? this.xcoms.get(taskId) : undefined),
      trigger: (config, output) => this.trigger(config, output),
    });
  }

  async run(): Promise<LocalRunResult> {
    // A triggered run is inside its parent's, which keeps the stack mapping installed.
    const outermost = !this.options.triggeredBy;
    if (outermost) this.options.stacks.install();
    try {
      for (let task = this.nextReady(); task; task = this.nextReady()) await this.runTask(task);
    } finally {
      if (outermost) this.options.stacks.uninstall();
    }
    const tasks = this.serialized.tasks.flatMap(
      (t) => this.results.get(t.taskId) ?? [this.result(t, -1, 'none', 0, null)],
    );
    return {
      dagId: this.serialized.dagId,
      runId: this.runId,
      logicalDate: this.options.logicalDate.toISOString(),
      state: deriveRunState(tasks.map((t) => t.state)),
      params: this.params,
      tasks,
    };
  }

  private pending(taskId: string): boolean {
    return !this.results.has(taskId);
  }

  /** Settles what trigger rules skip or fail without running, then returns the first task that may run. */
  private nextReady(): SerializedTask | undefined {
    for (;;) {
      let settled = false;
      for (const task of this.serialized.tasks) {
        if (!this.pending(task.taskId)) continue;
        const upstream = upstreamStates(task.upstream, this.states);
        const decision = evaluateTriggerRule(task.triggerRule, upstream);
        if (decision === 'run') return task;
        if (decision === 'skip' || decision === 'upstream_failed') {
          const state: TaskState = decision === 'skip' ? 'skipped' : 'upstream_failed';
          const described = task.upstream
            .map((u) => `${u} ${(this.states.get(u) ?? ['removed']).join('/')}`)
            .join(', ');
          this.finish(this.result(task, -1, state, 0, `trigger rule ${task.triggerRule} (upstream: ${described})`));
          settled = true;
        }
      }
      if (!settled) return undefined;
    }
  }

  /** Runs a task; a mapped one becomes one instance per element of what it maps over (none: skipped). */
  private async runTask(task: SerializedTask): Promise<void> {
    if (!task.expand) {
      const result = await this.runInstance(task, -1);
      if ('returnValue' in result) this.xcoms.set(task.taskId, result.returnValue);
      return;
    }
    const expansion = expansionOf(
      task.expand,
      new Map(expandSourceTasks(task).map((taskId) => [taskId, this.xcoms.get(taskId)])),
    );
    if ('error' in expansion) return this.finish(this.result(task, -1, 'failed', 0, expansion.error));
    if (expansion.items.length === 0)
      return this.finish(this.result(task, -1, 'skipped', 0, 'mapped over an empty list'));
    this.states.set(
      task.taskId,
      expansion.items.map(() => 'none'),
    );
    this.results.set(task.taskId, []);
    const values: unknown[] = [];
    for (const [mapIndex, element] of expansion.items.entries()) {
      const result = await this.runInstance(task, mapIndex, element);
      values.push(result.returnValue ?? null);
    }
    // What ti.xcomPull and a downstream expand see of a mapped task, as on the platform: its values in map_index order.
    this.xcoms.set(task.taskId, values);
  }

  private async runInstance(
    task: SerializedTask,
    mapIndex: number,
    mapped?: Record<string, unknown>,
  ): Promise<LocalTaskResult> {
    const maxTries = task.retries + 1;
    const result = this.result(task, mapIndex, 'running', 0, null);
    const label = labelOf(task.taskId, mapIndex);
    this.setState(task.taskId, mapIndex, 'running');
    const output = (stream: OutputStream, text: string) => {
      const line = this.options.environment.secrets.mask(text);
      result.output.push({ stream, line });
      this.options.onEvent({ kind: 'output', label, stream, line });
    };
    for (let tryNumber = 1; ; tryNumber++) {
      result.tries = tryNumber;
      this.options.onEvent({ kind: 'start', label, operator: task.operator, tryNumber, maxTries });
      const outcome = await this.recordValue(
        task,
        await this.operators.execute({ task, tryNumber, mapIndex, mapped, output }),
      );
      const after = stateAfterTry(outcome.outcome, task, tryNumber, maxTries);
      if (outcome.outcome === 'success' && outcome.value !== undefined) result.returnValue = outcome.value;
      if (after.state === 'up_for_retry' && outcome.outcome === 'error') {
        const platformDelayMs = after.retryDelayMs;
        const delayMs = Math.min(platformDelayMs, this.options.retryDelayCapMs);
        this.options.onEvent({
          kind: 'retry',
          label,
          message: outcome.message,
          delayMs,
          platformDelayMs,
          nextTry: tryNumber + 1,
          maxTries,
        });
        await new Promise((done) => setTimeout(done, delayMs));
        continue;
      }
      result.state = after.state;
      result.message = outcome.outcome === 'success' ? null : this.options.environment.secrets.mask(outcome.message);
      this.finish(result);
      return result;
    }
  }

  /** Checks the value as the worker stores it (JSON, size limit) and applies a branch's choice. */
  private async recordValue(task: SerializedTask, outcome: TryOutcome): Promise<TryOutcome> {
    if (outcome.outcome !== 'success') return outcome;
    let json: string | undefined;
    try {
      json = JSON.stringify(outcome.value);
    } catch (error) {
      return { outcome: 'error', message: `the return value is not JSON: ${(error as Error).message}` };
    }
    if (json !== undefined && Buffer.byteLength(json) > MAX_XCOM_BYTES) {
      return {
        outcome: 'fail',
        message: `the return value is ${Buffer.byteLength(json)} bytes of JSON; XCom values are limited to ${MAX_XCOM_BYTES} bytes`,
      };
    }
    const value = json === undefined ? undefined : JSON.parse(json);
    const decision = tasksSkippedBy(this.serialized.tasks, task, value ?? null);
    if ('error' in decision) return { outcome: 'fail', message: decision.error };
    for (const taskId of decision.skip) {
      const skipped = this.serialized.tasks.find((t) => t.taskId === taskId);
      if (skipped && this.pending(taskId))
        this.finish(this.result(skipped, -1, 'skipped', 0, `skipped by ${task.taskId}`));
    }
    return { outcome: 'success', value };
  }

  /**
   * triggerDagRun locally: a DAG the tested file defines runs here and now, as a nested local run
   * (the task fails with it when it waits for completion); any other DAG is only named, with its conf.
   */
  private async trigger(
    config: TriggerDagRunConfig,
    output: (stream: OutputStream, line: string) => void,
  ): Promise<TryOutcome> {
    const target = this.options.environment.dags.find((d) => d.dagId === config.dagId);
    const conf = JSON.stringify(config.conf);
    if (!target) {
      output(
        'log',
        `would trigger DAG '${config.dagId}' with conf ${conf}; it is not defined in this file, so it does not run locally`,
      );
      return { outcome: 'success', value: { dagId: config.dagId, runId: null, state: 'not_run_locally' } };
    }
    const chain = [...(this.options.triggeredBy ?? []), this.serialized.dagId];
    if (chain.includes(config.dagId)) {
      return {
        outcome: 'fail',
        message: `DAG '${config.dagId}' would trigger itself (${[...chain, config.dagId].join(' → ')}); a local run does not start it again`,
      };
    }
    const { problems } = resolveParams(target.serialize().params, config.conf);
    if (problems.length > 0)
      return {
        outcome: 'fail',
        message: `conf for DAG '${config.dagId}': ${problems.flatMap((p) => p.problems).join('; ')}`,
      };
    output(
      'log',
      `triggering DAG '${config.dagId}' with conf ${conf}; it is defined in this file, so it runs here and now`,
    );
    const nested = new LocalRun({
      ...this.options,
      dag: target,
      conf: config.conf,
      logicalDate: new Date(),
      triggeredBy: chain,
      onEvent: (event) => this.options.onEvent({ ...event, label: `${config.dagId}/${event.label}` }),
    });
    const run = await nested.run();
    output('log', `run ${run.runId} of DAG '${config.dagId}': ${run.state}`);
    if (config.waitForCompletion && run.state === 'failed')
      return { outcome: 'fail', message: `the triggered run ${run.runId} of DAG '${config.dagId}' failed` };
    return { outcome: 'success', value: { dagId: config.dagId, runId: run.runId, state: run.state } };
  }

  private setState(taskId: string, mapIndex: number, state: TaskState): void {
    const states = this.states.get(taskId) ?? [];
    if (mapIndex < 0) this.states.set(taskId, [state]);
    else states[mapIndex] = state;
  }

  private result(
    task: SerializedTask,
    mapIndex: number,
    state: TaskState,
    tries: number,
    message: string | null,
  ): LocalTaskResult {
    return {
      taskId: task.taskId,
      ...(mapIndex >= 0 ? { mapIndex } : {}),
      operator: task.operator,
      state,
      tries,
      message,
      output: [],
    };
  }

  private finish(result: LocalTaskResult): void {
    const mapIndex = result.mapIndex ?? -1;
    this.setState(result.taskId, mapIndex, result.state);
    if (mapIndex < 0) this.results.set(result.taskId, [result]);
    else this.results.get(result.taskId)?.push(result);
    this.options.onEvent({ kind: 'finish', label: labelOf(result.taskId, mapIndex), task: result });
  }
}

/** `task`, or `task[2]` for a mapped instance. */
export function labelOf(taskId: string, mapIndex = -1): string {
  return mapIndex >= 0 ? `${taskId}[${mapIndex}]` : taskId;
}
