import { retryDelayAfter, stateAfterTry } from './retries';

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

describe('stateAfterTry (the worker and the CLI map outcomes alike)', () => {
  const policy = { retryDelayMs: 1_000, retryExponentialBackoff: true, maxRetryDelayMs: null };

  it('keeps success and skip final, whatever tries are left', () => {
    expect(stateAfterTry('success', policy, 1, 3)).toEqual({ state: 'success', retryDelayMs: 0 });
    expect(stateAfterTry('skip', policy, 1, 3)).toEqual({ state: 'skipped', retryDelayMs: 0 });
  });

  it('retries an error while tries are left, after the policy delay', () => {
    expect(stateAfterTry('error', policy, 2, 3)).toEqual({ state: 'up_for_retry', retryDelayMs: 2_000 });
    expect(stateAfterTry('error', policy, 3, 3)).toEqual({ state: 'failed', retryDelayMs: 0 });
  });

  it('never retries a fail, nor a task whose definition is gone', () => {
    expect(stateAfterTry('fail', policy, 1, 3)).toEqual({ state: 'failed', retryDelayMs: 0 });
    expect(stateAfterTry('error', null, 1, 3)).toEqual({ state: 'failed', retryDelayMs: 0 });
  });
});
