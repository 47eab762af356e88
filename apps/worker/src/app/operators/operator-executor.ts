import type { RunForEvaluation, TaskInstanceEntity } from '@updraft/persistence';
import type { TaskOutcome } from '@updraft/sandbox';
import type { SerializedTask } from '@updraft/sdk';
import type { LogSink } from '../task-execution/log-sink';

/** Everything one try of one task needs, whatever its operator. */
export interface TryContext {
  ti: TaskInstanceEntity;
  task: SerializedTask;
  loaded: RunForEvaluation;
  /** The try's own writable folder (created before a sandboxed operator runs). */
  scratch: string;
  sink: LogSink;
  /** Aborted when the try is cancelled, cleared or reaped. */
  signal: AbortSignal;
  timeoutMs: number;
  /** A mapped instance's element (one value per `expand` argument). */
  mapped?: Record<string, unknown>;
}

/**
 * How a try ends: a sandboxed task's outcome, or a wait that frees the slot without counting a try:
 * a sensor in reschedule mode checks again `at`; an approval step (`awaiting_input`) runs again when
 * answered, or `at` its timeout.
 */
export type ExecutorOutcome =
  | TaskOutcome
  | { outcome: 'reschedule'; at: Date; message: string }
  | { outcome: 'await_input'; at: Date; message: string };

/** Runs the operators it names. Executors that only wait or call out run in the worker itself, without a sandbox process. */
export interface OperatorExecutor {
  readonly operators: readonly string[];
  execute(context: TryContext): Promise<ExecutorOutcome>;
}
