import { parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    [0, 0],
    [1500, 1500],
    ['30s', 30_000],
    ['15m', 900_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['250ms', 250],
  ])('%p is %p ms', (input, ms) => expect(parseDuration(input)).toBe(ms));

  it.each(['', 'soon', '5 minutes', '10x', -1])('rejects %p', (input) =>
    expect(() => parseDuration(input)).toThrow(/invalid duration/),
  );
});
