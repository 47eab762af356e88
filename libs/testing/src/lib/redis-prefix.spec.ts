import { flushRedisPrefix, uniqueRedisPrefix } from './redis-prefix';

describe('uniqueRedisPrefix', () => {
  it('gives a distinct, glob-free prefix each time', () => {
    const prefixes = new Set(Array.from({ length: 50 }, () => uniqueRedisPrefix()));
    expect(prefixes.size).toBe(50);
    for (const prefix of prefixes) expect(prefix).toMatch(/^updraft_test_[0-9a-f]{12}$/);
  });
});

describe('flushRedisPrefix', () => {
  it.each(['', '*', 'updraft*', 'a?b', 'x[1]'])(
    'refuses the prefix %j, which would match other keys',
    async (prefix) => {
      await expect(flushRedisPrefix('redis://127.0.0.1:1', prefix)).rejects.toThrow(/unsafe prefix/);
    },
  );
});
