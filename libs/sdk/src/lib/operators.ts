import { TaskFunction } from './context';
import { currentDag, Task } from './dag';
import { TaskArgs } from './types';

/** A task that runs an async function in the sandbox; its return value (JSON) is its XCom. */
export function task(taskId: string, fn: TaskFunction, args: TaskArgs = {}): Task {
  if (typeof fn !== 'function') throw new TypeError(`task('${taskId}') needs a function as its second argument`);
  return currentDag('task').addTask(taskId, 'task', {}, args, fn);
}

export interface BashOptions extends TaskArgs {
  /** The command, run with `bash -c` in the task's scratch folder. */
  command: string;
  env?: Record<string, string>;
  /** A folder inside the scratch folder to run in. */
  cwd?: string;
}

/** A task that runs a shell command; its last line of output is its XCom. */
export function bash(taskId: string, options: BashOptions): Task {
  const { command, env, cwd, ...args } = options ?? ({} as BashOptions);
  if (typeof command !== 'string' || command.length === 0) throw new TypeError(`bash('${taskId}') needs a non-empty command`);
  return currentDag('bash').addTask(taskId, 'bash', { command, env: env ?? {}, cwd: cwd ?? null }, args);
}

/** A task that does nothing; useful to join or group branches. */
export function empty(taskId: string, args: TaskArgs = {}): Task {
  return currentDag('empty').addTask(taskId, 'empty', {}, args);
}
