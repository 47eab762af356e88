import { SharedLoads } from './shared-loads';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('SharedLoads', () => {
  it('gives callers that ask while a load runs that one load, and keeps it', async () => {
    const cache = new SharedLoads<string>(10);
    let finish!: (v: string) => void;
    const load = jest.fn(() => new Promise<string>((resolve) => (finish = resolve)));
    const first = cache.get('t1', 'k', load);
    const second = cache.get('t1', 'k', load);
    finish('value');
    expect(await Promise.all([first, second])).toEqual(['value', 'value']);
    expect(await cache.get('t1', 'k', load)).toBe('value');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not keep a load that failed or found nothing', async () => {
    const cache = new SharedLoads<string | null>(10);
    await expect(cache.get('t1', 'k', () => Promise.reject(new Error('connection lost')))).rejects.toThrow(
      'connection lost',
    );
    await settle();
    expect(await cache.get('t1', 'k', async () => null)).toBeNull();
    await settle();
    expect(await cache.get('t1', 'k', async () => 'found')).toBe('found');
  });

  it("never answers one tenant's key to another, nor lets the other replace it", async () => {
    const cache = new SharedLoads<string>(10);
    await cache.get('t1', 'k', async () => 'of t1');
    expect(await cache.get('t2', 'k', async () => 'of t2')).toBe('of t2');
    const load = jest.fn(async () => 'again');
    expect(await cache.get('t1', 'k', load)).toBe('of t1');
    expect(load).not.toHaveBeenCalled();
  });

  it('drops the oldest key beyond its size', async () => {
    const cache = new SharedLoads<string>(2);
    for (const key of ['a', 'b', 'c']) await cache.get('t1', key, async () => key);
    const reload = jest.fn(async () => 'a again');
    expect(await cache.get('t1', 'a', reload)).toBe('a again');
    expect(await cache.get('t1', 'c', reload)).toBe('c');
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
