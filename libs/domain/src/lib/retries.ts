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
