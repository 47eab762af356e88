import {
  fieldsToRender,
  renderFields,
  runHttpOperator,
  runSensor,
  runSqlOperator,
  SENSOR_OPERATORS,
  taskAccessors,
  type OperatorOutcome,
  type PlatformCall,
  type SensorOutcome,
  type TemplateContext,
} from '@updraft/operators';
import {
  TaskFail,
  TaskSkip,
  type Dag,
  type HttpConfig,
  type SensorSettings,
  type SerializedTask,
  type SqlConfig,
  type TaskContext,
  type TriggerDagRunConfig,
} from '@updraft/sdk';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { Client } from 'pg';
import { formatDuration } from '../output';
import { dagConsole, describeWithPosition, errorMessage } from './dag-loader';
import { runLocalBash } from './local-bash';
import { localEmail, localSlack, type LocalDelivery } from './local-notify';
import type { LocalSecrets } from './local-secrets';
import type { StackMapper } from './source-maps';

export type TryOutcome =
  { outcome: 'success'; value: unknown } | { outcome: 'fail' | 'skip' | 'error'; message: string };

export type OutputStream = 'stdout' | 'stderr' | 'log';

/** What stands in for the platform in a local run. */
export interface LocalEnvironment {
  secrets: LocalSecrets;
  /** `dagId:taskId` → the state an externalTaskSensor finds there (`--external-state`). */
  externalStates: ReadonlyMap<string, string>;
  delivery: LocalDelivery;
  /** The DAGs of the tested file: a triggerDagRun of one of them runs it here. */
  dags: readonly Dag[];
  /** The tested file's bundle folder: a bash task's UPDRAFT_BUNDLE_DIR. */
  bundleDir: string;
}

/** The run a try belongs to, as its templates and context see it. */
export interface RunInfo {
  dagId: string;
  runId: string;
  logicalDate: Date;
  params: Record<string, unknown>;
  conf: Record<string, unknown>;
}

export interface TryInput {
  task: SerializedTask;
  tryNumber: number;
  mapIndex: number;
  /** A mapped instance's element. */
  mapped?: Record<string, unknown>;
  output: (stream: OutputStream, line: string) => void;
}

export interface LocalOperatorsOptions {
  dag: Dag;
  stacks: StackMapper;
  run: RunInfo;
  environment: LocalEnvironment;
  /** The XCom of a task of this run (a mapped task's as the list of its instances' values). */
  xcom: (taskId: string, key: string) => unknown;
  /** Sensors check at least this often locally, so a test run does not sit for minutes. */
  pokeIntervalCapMs: number;
  /** Runs a triggerDagRun. */
  trigger: (config: TriggerDagRunConfig, output: TryInput['output']) => Promise<TryOutcome>;
}

const isSensor = (operator: string) => (SENSOR_OPERATORS as readonly string[]).includes(operator);

/** Runs one try of any operator on this machine: templates rendered first, as the worker renders them. */
export class LocalOperators {
  constructor(private readonly options: LocalOperatorsOptions) {}

  async execute(input: TryInput): Promise<TryOutcome> {
    const rendered = await this.render(input);
    if ('outcome' in rendered) return rendered;
    const task = rendered;
    const log = (line: string) => input.output('log', line);
    const io = {
      signal: new AbortController().signal,
      timeoutMs: task.executionTimeoutMs ?? Number.POSITIVE_INFINITY,
      log,
    };
    const connection = async (connId: string) => this.options.environment.secrets.connection(connId);
    switch (task.operator) {
      case 'empty':
        return { outcome: 'success', value: undefined };
      case 'bash':
        return this.bash(task, input.output);
      case 'task':
      case 'branch':
      case 'short_circuit':
        return this.callFunction(input);
      case 'http':
        return fromOperator(
          await runHttpOperator(task.config as unknown as HttpConfig, {
            ...io,
            fetch: (url, init) => fetch(url, init),
            connection,
          }),
        );
      case 'sql':
        return fromOperator(
          await runSqlOperator(task.config as unknown as SqlConfig, {
            ...io,
            taskId: task.taskId,
            connection,
            resolveHost: async (host) => host,
            openClient: (options) => new Client(options),
          }),
        );
      case 'trigger_dag_run':
        return this.options.trigger(task.config as unknown as TriggerDagRunConfig, input.output);
      case 'email':
        return fromOperator(await localEmail(task.config as never, this.options.environment.delivery, log));
      case 'slack':
        return fromOperator(await localSlack(task.config as never, this.options.environment.delivery, log));
      default:
        if (isSensor(task.operator)) return fromOperator(await this.sensor(task, io));
        return { outcome: 'fail', message: `operator '${task.operator}' is not known to this version of the cli` };
    }
  }

  /** What the platform's platform calls answer, from this run and the local secrets. */
  private readonly answer = async (call: PlatformCall): Promise<unknown> => {
    switch (call.method) {
      case 'xcomPull':
        return jsonCopy(this.options.xcom(call.taskId, call.key));
      case 'getVariable':
        return this.options.environment.secrets.variable(call.key);
      case 'getConnection':
        return this.options.environment.secrets.connection(call.connId);
      case 'setOutletExtra':
        // A local run records no asset event: the extra is only checked to be JSON.
        return null;
    }
  };

  /** What a try sees of its run: its template context, less the operator (a task function's context). */
  private runContext({ task, tryNumber, mapIndex }: TryInput): Omit<TemplateContext, 'operator'> {
    const { run } = this.options;
    const logicalDate = run.logicalDate.toISOString();
    return {
      dagId: run.dagId,
      taskId: task.taskId,
      runId: run.runId,
      logicalDate,
      ds: logicalDate.slice(0, 10),
      // A manual run's data interval is the moment it was triggered, as on the platform.
      dataIntervalStart: logicalDate,
      dataIntervalEnd: logicalDate,
      tryNumber,
      mapIndex,
      params: jsonCopy(run.params),
      conf: jsonCopy(run.conf),
      triggeringAssetEvents: {},
    };
  }

  private async render(input: TryInput): Promise<SerializedTask | TryOutcome> {
    const fields = fieldsToRender(input.task);
    if (Object.keys(fields).length === 0) return input.task;
    try {
      const rendered = await renderFields(
        fields,
        { ...this.runContext(input), operator: input.task.operator },
        this.answer,
      );
      return { ...input.task, config: { ...input.task.config, ...rendered } };
    } catch (error) {
      return { outcome: 'fail', message: `rendering templates failed: ${errorMessage(error)}` };
    }
  }

  private async bash(task: SerializedTask, output: TryInput['output']): Promise<TryOutcome> {
    const config = task.config as { command: string; env: Record<string, string>; cwd: string | null };
    const scratchDir = await mkdtemp(join(tmpdir(), 'updraft-task-'));
    try {
      const cwd = resolve(scratchDir, config.cwd ?? '.');
      if (cwd !== scratchDir && !cwd.startsWith(scratchDir + sep)) {
        return { outcome: 'fail', message: `cwd '${config.cwd}' must stay inside the task's scratch folder` };
      }
      return await runLocalBash({
        command: config.command,
        env: config.env,
        cwd,
        scratchDir,
        bundleDir: this.options.environment.bundleDir,
        timeoutMs: task.executionTimeoutMs,
        onOutput: output,
      });
    } finally {
      await rm(scratchDir, { recursive: true, force: true });
    }
  }

  private sensor(
    task: SerializedTask,
    io: { signal: AbortSignal; timeoutMs: number; log: (line: string) => void },
  ): Promise<SensorOutcome> {
    const { externalStates } = this.options.environment;
    if (task.operator === 'external_task_sensor') {
      const key = `${task.config['externalDagId']}:${task.config['externalTaskId']}`;
      if (!externalStates.has(key)) {
        return Promise.resolve({
          outcome: 'fail',
          message: `externalTaskSensor waits for task '${task.config['externalTaskId']}' of DAG '${task.config['externalDagId']}', which a local run cannot see: say what it would find with --external-state ${key}=success (or another state)`,
        });
      }
    }
    const settings = task.config['sensor'] as SensorSettings;
    if (settings.mode === 'reschedule')
      io.log('reschedule mode checks in place here: a local run has no worker slot to free');
    const pokeIntervalMs = Math.min(settings.pokeIntervalMs, this.options.pokeIntervalCapMs);
    if (pokeIntervalMs < settings.pokeIntervalMs)
      io.log(
        `checks every ${formatDuration(pokeIntervalMs)} here (capped locally; the platform waits ${formatDuration(settings.pokeIntervalMs)})`,
      );
    const capped = { ...task, config: { ...task.config, sensor: { ...settings, pokeIntervalMs } } };
    const logicalDate = this.options.run.logicalDate;
    return runSensor(
      capped,
      { logicalDate, dataIntervalEnd: logicalDate },
      {
        ...io,
        fetch: (url, init) => fetch(url, init),
        firstPokeAt: new Date(),
        canReschedule: false,
        externalTaskState: async (dagId, taskId) => externalStates.get(`${dagId}:${taskId}`) ?? null,
      },
    );
  }

  private async callFunction(input: TryInput): Promise<TryOutcome> {
    const { task, output } = input;
    const callable = this.options.dag.callable(task.taskId);
    if (!callable) return { outcome: 'fail', message: `task '${task.taskId}' has no function` };
    const context: TaskContext = {
      ...this.runContext(input),
      mapped: input.mapped,
      log: (...values) => output('log', values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' ')),
      ...taskAccessors(this.answer),
    };
    dagConsole.sink = output;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeoutMs = task.executionTimeoutMs;
      const timeout = new Promise<never>((_, reject) => {
        if (timeoutMs !== null)
          timer = setTimeout(
            () => reject(new Error(`the task ran longer than its execution timeout (${timeoutMs} ms)`)),
            timeoutMs,
          );
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
}

/** An operator's outcome as a local try's: the XCom as a value. */
function fromOperator(result: OperatorOutcome | SensorOutcome): TryOutcome {
  if (result.outcome === 'success')
    return { outcome: 'success', value: result.valueJson === null ? undefined : JSON.parse(result.valueJson) };
  if (result.outcome === 'reschedule') return { outcome: 'error', message: result.message };
  return result;
}

export function jsonCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
