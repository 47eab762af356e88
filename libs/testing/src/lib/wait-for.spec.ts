import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first value that satisfies the condition', async () => {
    let n = 0;
    await expect(
      waitFor(
        async () => ++n,
        (v) => v >= 3,
        { timeoutMs: 1000, intervalMs: 1, what: 'n' },
      ),
    ).resolves.toBe(3);
  });

  it('names what it waited for and the last value seen when it times out', async () => {
    await expect(
      waitFor(
        async () => ({ state: 'running' }),
        () => false,
        { timeoutMs: 30, intervalMs: 5, what: 'the run' },
      ),
    ).rejects.toThrow(/waiting for the run; last seen: \{"state":"running"\}/);
  });

  it('keeps polling through errors and reports the last one', async () => {
    await expect(
      waitFor(
        async () => {
          throw new Error('ECONNREFUSED');
        },
        () => true,
        { timeoutMs: 30, intervalMs: 5, what: 'health' },
      ),
    ).rejects.toThrow(/last error: Error: ECONNREFUSED/);
  });
});
