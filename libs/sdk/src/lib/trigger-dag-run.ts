import { currentDag, Task } from './dag';
import { Duration, parseDuration } from './duration';
import { DagDefinitionError } from './errors';
import { callerLocation } from './source-location';
import { TaskArgs } from './types';

export interface TriggerDagRunOptions extends TaskArgs {
  /** The DAG to trigger, in the same tenant. */
  dagId: string;
  /** The triggered run's conf (its params). Templated. */
  conf?: Record<string, unknown>;
  /** Wait until the triggered run ends; the task fails if it fails. */
  waitForCompletion?: boolean;
  /** How often to look at the triggered run while waiting (default 10 s). */
  pokeInterval?: Duration;
}

/** The config a triggerDagRun task stores. */
export interface TriggerDagRunConfig {
  dagId: string;
  conf: Record<string, unknown>;
  waitForCompletion: boolean;
  pokeIntervalMs: number;
}

/** A task that starts a run of another DAG of the same tenant; its XCom is the new run's id. */
export function triggerDagRun(taskId: string, options: TriggerDagRunOptions): Task {
  const { dagId, conf, waitForCompletion, pokeInterval, ...args } = options ?? ({} as TriggerDagRunOptions);
  const fail = (reason: string) =>
    new DagDefinitionError(currentDag('triggerDagRun').dagId, taskId, callerLocation(), reason);
  if (typeof dagId !== 'string' || !/^[A-Za-z0-9_.-]{1,250}$/.test(dagId))
    throw fail(`triggerDagRun needs a valid dagId, got ${JSON.stringify(dagId)}`);
  if (conf !== undefined && (typeof conf !== 'object' || conf === null || Array.isArray(conf)))
    throw fail('conf must be an object');
  let pokeIntervalMs: number;
  try {
    pokeIntervalMs = parseDuration(pokeInterval ?? '10s');
  } catch (error) {
    throw fail(`pokeInterval: ${(error as Error).message}`);
  }
  const config: TriggerDagRunConfig = {
    dagId,
    conf: conf ?? {},
    waitForCompletion: waitForCompletion ?? false,
    pokeIntervalMs,
  };
  return currentDag('triggerDagRun').addTask(taskId, 'trigger_dag_run', { ...config }, args, undefined, ['conf']);
}
