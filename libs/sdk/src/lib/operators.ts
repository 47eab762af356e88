import { TaskContext, TaskFunction } from './context';
import { currentDag, Task } from './dag';
import { TaskArgs } from './types';

/**
 * A task that runs an async function in the sandbox; its return value (JSON) is its XCom. A mapped
 * task (`.expand(...)`) gets its element as the function's second argument.
 */
export function task<A extends object = Record<string, never>, R = unknown>(
  taskId: string,
  fn: (context: TaskContext, mapped: A) => R | Promise<R>,
  args: TaskArgs = {},
): Task<A, R> {
  if (typeof fn !== 'function') throw new TypeError(`task('${taskId}') needs a function as its second argument`);
  const callable: TaskFunction = (context) => fn(context, (context.mapped ?? {}) as A);
  return currentDag('task').addTask(taskId, 'task', {}, args, callable) as Task<A, R>;
}

export interface BashOptions extends TaskArgs {
  /** The command, run with `bash -c` in the task's scratch folder; the bundle's files are in `$UPDRAFT_BUNDLE_DIR` (read-only). */
  command: string;
  env?: Record<string, string>;
  /** A folder inside the scratch folder to run in. */
  cwd?: string;
}

/** A task that runs a shell command; its last line of output is its XCom. */
export function bash(taskId: string, options: BashOptions): Task {
  const { command, env, cwd, ...args } = options ?? ({} as BashOptions);
  if (typeof command !== 'string' || command.length === 0)
    throw new TypeError(`bash('${taskId}') needs a non-empty command`);
  return currentDag('bash').addTask(taskId, 'bash', { command, env: env ?? {}, cwd: cwd ?? null }, args, undefined, [
    'command',
    'env',
    'cwd',
  ]);
}

/** A task that does nothing; useful to join or group branches. */
export function empty(taskId: string, args: TaskArgs = {}): Task {
  return currentDag('empty').addTask(taskId, 'empty', {}, args);
}

/**
 * A task whose function returns the id (or ids) of the direct downstream task(s) to follow; the
 * other direct downstream tasks are skipped, and trigger rules decide what follows them.
 */
export function branch(
  taskId: string,
  fn: (context: TaskContext) => string | string[] | null | Promise<string | string[] | null>,
  args: TaskArgs = {},
): Task {
  if (typeof fn !== 'function') throw new TypeError(`branch('${taskId}') needs a function as its second argument`);
  return currentDag('branch').addTask(taskId, 'branch', {}, args, fn);
}

export interface ShortCircuitOptions extends TaskArgs {
  /** When false, only direct downstream tasks are skipped and later tasks follow their trigger rules (Airflow's default is true). */
  ignoreDownstreamTriggerRules?: boolean;
}

/** A task whose function decides whether the rest runs: a falsy return value skips everything downstream. */
export function shortCircuit(taskId: string, fn: TaskFunction, options: ShortCircuitOptions = {}): Task {
  if (typeof fn !== 'function')
    throw new TypeError(`shortCircuit('${taskId}') needs a function as its second argument`);
  const { ignoreDownstreamTriggerRules, ...args } = options;
  return currentDag('shortCircuit').addTask(
    taskId,
    'short_circuit',
    { ignoreDownstreamTriggerRules: ignoreDownstreamTriggerRules ?? true },
    args,
    fn,
  );
}
