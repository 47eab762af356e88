/** How one try of an operator ends (the same shape as a sandboxed task's outcome). */
export type OperatorOutcome =
  { outcome: 'success'; valueJson: string | null } | { outcome: 'fail' | 'skip' | 'error'; message: string };

/** Thrown by a fetcher or host resolver that may not reach a destination (the platform's egress policy): the try fails without retries. */
export class DestinationRefusedError extends Error {}

/** What every operator that calls out gets from whoever runs it (the worker, or `updraft dags test`). */
export interface OperatorIo {
  /** Aborted when the try is stopped. */
  signal: AbortSignal;
  /** The try's time limit. */
  timeoutMs: number;
  /** A line for the try's log. */
  log: (line: string) => void;
}

/** Resolves after `ms`, or rejects when `signal` aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(ms, 0),
    );
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
