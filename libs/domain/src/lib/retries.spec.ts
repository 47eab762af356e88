import { retryDelayAfter } from './retries';

describe('retryDelayAfter', () => {
  const fixed = { retryDelayMs: 1000, retryExponentialBackoff: false, maxRetryDelayMs: null };
  const exponential = { retryDelayMs: 1000, retryExponentialBackoff: true, maxRetryDelayMs: 5000 };
  it.each([
    [fixed, 1, 1000],
    [fixed, 3, 1000],
    [exponential, 1, 1000],
    [exponential, 2, 2000],
    [exponential, 3, 4000],
    [exponential, 4, 5000],
  ])('%j after try %i waits %i ms', (policy, tryNumber, ms) => expect(retryDelayAfter(policy, tryNumber)).toBe(ms));
});
