import type { ChildProcess } from 'node:child_process';
import type { OutputLines } from './output-lines';

export type TaskOutcome =
  { outcome: 'success'; valueJson: string | null } | { outcome: 'fail' | 'skip' | 'error'; message: string };

/**
 * Kills the child's whole process group. Done even when the child itself has exited: what it
 * started in the background (`cmd &`, a fork bomb) is still in the group.
 */
export function killProcessGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

export interface SupervisionLimits {
  timeoutMs: number;
  signal?: AbortSignal;
  /** What is killed, for the messages: "the command", "the task process". */
  noun: string;
}

/**
 * Ends a tenant process exactly once: with the outcome `watch` reports, at the time limit, or on
 * cancel. Whichever comes first, the whole process group is killed and its output flushed.
 */
export function supervise<T>(
  child: ChildProcess,
  lines: OutputLines,
  limits: SupervisionLimits,
  watch: (finish: (value: T | TaskOutcome) => void, isSettled: () => boolean) => void,
): Promise<T | TaskOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: T | TaskOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      limits.signal?.removeEventListener('abort', onAbort);
      killProcessGroup(child);
      lines.flush();
      resolve(value);
    };
    const timer = setTimeout(
      () => finish({ outcome: 'error', message: `timed out after ${limits.timeoutMs} ms; ${limits.noun} was killed` }),
      limits.timeoutMs,
    );
    const onAbort = () => finish({ outcome: 'error', message: `cancelled; ${limits.noun} was killed` });
    limits.signal?.addEventListener('abort', onAbort, { once: true });
    watch(finish, () => settled);
  });
}
