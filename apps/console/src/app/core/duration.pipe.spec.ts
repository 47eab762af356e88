import { elapsedMs, formatDuration } from './duration.pipe';

describe('formatDuration', () => {
  it.each([
    [null, ''],
    [-5, ''],
    [950, '950 ms'],
    [1500, '2s'],
    [61_000, '1m 1s'],
    [3_723_000, '1h 2m 3s'],
  ])('formats %s ms as "%s"', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('measures between two ISO dates, or not at all while one is missing', () => {
    expect(elapsedMs('2024-01-01T00:00:00Z', '2024-01-01T00:01:00Z')).toBe(60_000);
    expect(elapsedMs('2024-01-01T00:00:00Z', null)).toBeNull();
  });
});
