export interface RetryPolicy {
  retryDelayMs: number;
  retryExponentialBackoff: boolean;
  maxRetryDelayMs: number | null;
}

/** The wait before the next try after try `tryNumber` failed (Airflow: delay × 2^(try−1), capped). */
export function retryDelayAfter(policy: RetryPolicy, tryNumber: number): number {
  const base = policy.retryExponentialBackoff
    ? policy.retryDelayMs * 2 ** Math.max(tryNumber - 1, 0)
    : policy.retryDelayMs;
  return policy.maxRetryDelayMs === null ? base : Math.min(base, policy.maxRetryDelayMs);
}

/** How a try ended, as the worker and `updraft dags test` see it (a sensor's reschedule is apart). */
export type TryOutcomeKind = 'success' | 'skip' | 'error' | 'fail';

/**
 * The one mapping from a try's outcome to its task's state, shared by the worker and the CLI's
 * local run: success and skip are final; an error retries while tries are left (after
 * `retryDelayAfter`); a fail (a failure retries cannot mend), or an error on the last try, fails.
 * `policy` null: the task is unknown (gone from its DAG), so there is nothing to retry.
 */
export function stateAfterTry(
  outcome: TryOutcomeKind,
  policy: RetryPolicy | null,
  tryNumber: number,
  maxTries: number,
): { state: 'success' | 'skipped' | 'up_for_retry' | 'failed'; retryDelayMs: number } {
  if (outcome === 'success') return { state: 'success', retryDelayMs: 0 };
  if (outcome === 'skip') return { state: 'skipped', retryDelayMs: 0 };
  if (outcome === 'error' && policy && tryNumber < maxTries)
    return { state: 'up_for_retry', retryDelayMs: retryDelayAfter(policy, tryNumber) };
  return { state: 'failed', retryDelayMs: 0 };
}
