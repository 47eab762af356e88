import { deriveRunState, evaluateTriggerRule, resolveParams, retryDelayAfter, tasksSkippedBy, type RunState, type TaskState } from '@updraft/domain';
import { TaskFail, TaskSkip, type Dag, type SerializedDag, type SerializedTask, type TaskContext } from '@updraft/sdk';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { CliError } from '../errors';
import { dagConsole, describeWithPosition } from './dag-loader';
import { runLocalBash } from './local-bash';
import type { StackMapper } from './source-maps';

/** The platform's limit on one XCom value (the worker's MAX_XCOM_BYTES). */
export const MAX_XCOM_BYTES = 1024 * 1024;
export const RETURN_VALUE_KEY = 'return_value';

export type TryOutcome = { outcome: 'success'; value: unknown } | { outcome: 'fail' | 'skip' | 'error'; message: string };

export type OutputStream = 'stdout' | 'stderr' | 'log';

export interface OutputLine {
  stream: OutputStream;
  line: string;
}

export interface LocalTaskResult {
  taskId: string;
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

export type LocalRunEvent =
  | { kind: 'start'; taskId: string; operator: string; tryNumber: number; maxTries: number }
  | { kind: 'output'; taskId: string; stream: OutputStream; line: string }
  | { kind: 'retry'; taskId: string; message: string; delayMs: number; platformDelayMs: number; nextTry: number; maxTries: number }
  | { kind: 'finish'; task: LocalTaskResult };

export interface LocalRunOptions {
  dag: Dag;
  stacks: StackMapper;
  conf: Record<string, unknown>;
  logicalDate: Date;
  /** Retry delays are cut to this locally, so a test run does not sit for minutes. */
  retryDelayCapMs: number;
  onEvent: (event: LocalRunEvent) => void;
}

export const TEST_RUN_TYPE = 'test';

/** `test__2024-01-01T00:00:00.000+00:00`, shaped like the platform's run ids. */
export function testRunId(logicalDate: Date): string {
  return `${TEST_RUN_TYPE}__${logicalDate.toISOString().replace('Z', '+00:00')}`;
}

/**
 * One DAG run in this process, with no server: tasks run one at a time in dependency order, and
 * the domain's trigger rules, branch skips and retry policy decide what runs, as the scheduler
 * and worker would.
 */
export class LocalRun {
  private readonly serialized: SerializedDag;
  private readonly runId: string;
  private readonly params: Record<string, unknown>;
  private readonly states = new Map<string, TaskState>();
  private readonly results = new Map<string, LocalTaskResult>();
  private readonly xcoms = new Map<string, unknown>();

  constructor(private readonly options: LocalRunOptions) {
    this.serialized = options.dag.serialize();
    this.runId = testRunId(options.logicalDate);
    const { params, problems } = resolveParams(this.serialized.params, options.conf);
    if (problems.length > 0) {
      throw new CliError(`the run's params are not valid: ${problems.flatMap((p) => p.problems).join('; ')}`);
    }
    this.params = params;
    for (const task of this.serialized.tasks) this.states.set(task.taskId, 'none');
  }

  async run(): Promise<LocalRunResult> {
    this.options.stacks.install();
    try {
      for (let task = this.nextReady(); task; task = this.nextReady()) await this.runTask(task);
    } finally {
      this.options.stacks.uninstall();
    }
    const tasks = this.serialized.tasks.map((t) => this.results.get(t.taskId) ?? this.result(t, this.states.get(t.taskId) ?? 'none', 0, null));
    return {
      dagId: this.serialized.dagId,
      runId: this.runId,
      logicalDate: this.options.logicalDate.toISOString(),
      state: deriveRunState(tasks.map((t) => t.state)),
      params: this.params,
      tasks,
    };
  }

  /** Settles what trigger rules skip or fail without running, then returns the first task that may run. */
  private nextReady(): SerializedTask | undefined {
    for (;;) {
      let settled = false;
      for (const task of this.serialized.tasks) {
        if (this.states.get(task.taskId) !== 'none') continue;
        const decision = evaluateTriggerRule(task.triggerRule, task.upstream.map((u) => this.states.get(u) ?? 'removed'));
        if (decision === 'run') return task;
        if (decision === 'skip' || decision === 'upstream_failed') {
          const state: TaskState = decision === 'skip' ? 'skipped' : 'upstream_failed';
          const upstream = task.upstream.map((u) => `${u} ${this.states.get(u) ?? 'removed'}`).join(', ');
          this.finish(this.result(task, state, 0, `trigger rule ${task.triggerRule} (upstream: ${upstream})`));
          settled = true;
        }
      }
      if (!settled) return undefined;
    }
  }

  private async runTask(task: SerializedTask): Promise<void> {
    const maxTries = task.retries + 1;
    const result = this.result(task, 'running', 0, null);
    this.results.set(task.taskId, result);
    for (let tryNumber = 1; ; tryNumber++) {
      result.tries = tryNumber;
      this.options.onEvent({ kind: 'start', taskId: task.taskId, operator: task.operator, tryNumber, maxTries });
      const outcome = await this.recordValue(task, await this.execute(task, tryNumber, result));
      if (outcome.outcome === 'success') {
        if (outcome.value !== undefined) {
          result.returnValue = outcome.value;
          this.xcoms.set(task.taskId, outcome.value);
        }
        result.state = 'success';
      } else if (outcome.outcome === 'skip') {
        result.state = 'skipped';
      } else if (outcome.outcome === 'error' && tryNumber < maxTries) {
        const platformDelayMs = retryDelayAfter(task, tryNumber);
        const delayMs = Math.min(platformDelayMs, this.options.retryDelayCapMs);
        this.options.onEvent({ kind: 'retry', taskId: task.taskId, message: outcome.message, delayMs, platformDelayMs, nextTry: tryNumber + 1, maxTries });
        await new Promise((done) => setTimeout(done, delayMs));
        continue;
      } else {
        result.state = 'failed';
      }
      result.message = outcome.outcome === 'success' ? null : outcome.message;
      this.finish(result);
      return;
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
      return { outcome: 'fail', message: `the return value is ${Buffer.byteLength(json)} bytes of JSON; XCom values are limited to ${MAX_XCOM_BYTES} bytes` };
    }
    const value = json === undefined ? undefined : JSON.parse(json);
    const decision = tasksSkippedBy(this.serialized.tasks, task, value ?? null);
    if ('error' in decision) return { outcome: 'fail', message: decision.error };
    for (const taskId of decision.skip) {
      const skipped = this.serialized.tasks.find((t) => t.taskId === taskId);
      if (skipped && this.states.get(taskId) === 'none') this.finish(this.result(skipped, 'skipped', 0, `skipped by ${task.taskId}`));
    }
    return { outcome: 'success', value };
  }

  private async execute(task: SerializedTask, tryNumber: number, result: LocalTaskResult): Promise<TryOutcome> {
    const output = (stream: OutputStream, line: string) => {
      result.output.push({ stream, line });
      this.options.onEvent({ kind: 'output', taskId: task.taskId, stream, line });
    };
    if (task.expand) return { outcome: 'fail', message: `'${task.taskId}' is a mapped task (expand), which cannot run locally yet; deploy the DAG to run it on the platform` };
    switch (task.operator) {
      case 'empty':
        return { outcome: 'success', value: undefined };
      case 'bash':
        return this.executeBash(task, output);
      case 'task':
      case 'branch':
      case 'short_circuit':
        return this.executeFunction(task, tryNumber, output);
      default:
        return { outcome: 'fail', message: `operator '${task.operator}' cannot run locally yet; deploy the DAG to run it on the platform` };
    }
  }

  private async executeBash(task: SerializedTask, output: (stream: OutputStream, line: string) => void): Promise<TryOutcome> {
    const config = task.config as { command: string; env: Record<string, string>; cwd: string | null };
    const scratchDir = await mkdtemp(join(tmpdir(), 'updraft-task-'));
    try {
      const cwd = resolve(scratchDir, config.cwd ?? '.');
      if (cwd !== scratchDir && !cwd.startsWith(scratchDir + sep)) {
        return { outcome: 'fail', message: `cwd '${config.cwd}' must stay inside the task's scratch folder` };
      }
      return await runLocalBash({ command: config.command, env: config.env, cwd, scratchDir, timeoutMs: task.executionTimeoutMs, onOutput: output });
    } finally {
      await rm(scratchDir, { recursive: true, force: true });
    }
  }

  private async executeFunction(task: SerializedTask, tryNumber: number, output: (stream: OutputStream, line: string) => void): Promise<TryOutcome> {
    const callable = this.options.dag.callable(task.taskId);
    if (!callable) return { outcome: 'fail', message: `task '${task.taskId}' has no function` };
    const logicalDate = this.options.logicalDate.toISOString();
    const context: TaskContext = {
      dagId: this.serialized.dagId,
      taskId: task.taskId,
      runId: this.runId,
      logicalDate,
      ds: logicalDate.slice(0, 10),
      // A manual run's data interval is the moment it was triggered, as on the platform.
      dataIntervalStart: logicalDate,
      dataIntervalEnd: logicalDate,
      tryNumber,
      mapIndex: -1,
      params: jsonCopy(this.params),
      conf: jsonCopy(this.options.conf),
      log: (...values) => output('log', values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' ')),
      ti: {
        xcomPull: async (taskId, key = RETURN_VALUE_KEY) => (key === RETURN_VALUE_KEY ? jsonCopy(this.xcoms.get(taskId)) : undefined),
      },
      // A local run has no platform: variables fall back to the task's default, connections are absent.
      var: {
        get: async (key, fallback) => fallback ?? Promise.reject(new Error(`variable '${key}' is not available in a local run; give get() a fallback`)),
      },
      conn: { get: async (connId) => Promise.reject(new Error(`connection '${connId}' is not available in a local run`)) },
    };
    dagConsole.sink = output;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeoutMs = task.executionTimeoutMs;
      const timeout = new Promise<never>((_, reject) => {
        if (timeoutMs !== null) timer = setTimeout(() => reject(new Error(`the task ran longer than its execution timeout (${timeoutMs} ms)`)), timeoutMs);
      });
      const value = await Promise.race([Promise.resolve().then(() => callable(context)), timeout]);
      return { outcome: 'success', value };
    } catch (error) {
      const outcome = error instanceof TaskFail ? 'fail' : error instanceof TaskSkip ? 'skip' : 'error';
      return { outcome, message: describeWithPosition(this.options.stacks, error) };
    } finally {
      clearTimeout(timer);
      dagConsole.sink = () => undefined;
    }
  }

  private result(task: SerializedTask, state: TaskState, tries: number, message: string | null): LocalTaskResult {
    return { taskId: task.taskId, operator: task.operator, state, tries, message, output: [] };
  }

  private finish(result: LocalTaskResult): void {
    this.states.set(result.taskId, result.state);
    this.results.set(result.taskId, result);
    this.options.onEvent({ kind: 'finish', task: result });
  }
}

function jsonCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
