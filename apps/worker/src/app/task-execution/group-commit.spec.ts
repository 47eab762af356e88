import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('writes what is submitted in the same turn as one batch, and what comes during a write as the next', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const group = new GroupCommit<number, number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return items.map((n) => n * 10);
    });
    const first = [group.submit(1), group.submit(2), group.submit(3)];
    await new Promise((resolve) => setImmediate(resolve));
    const second = [group.submit(4), group.submit(5)];
    release();
    expect(await Promise.all([...first, ...second])).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('fails every item of a failed batch and goes on with the next', async () => {
    let calls = 0;
    const group = new GroupCommit<string, string>(async (items) => {
      if (calls++ === 0) throw new Error('database restarting');
      return items;
    });
    const failed = [group.submit('a'), group.submit('b')];
    await expect(Promise.all(failed)).rejects.toThrow('database restarting');
    await expect(failed[1]).rejects.toThrow('database restarting');
    expect(await group.submit('c')).toBe('c');
  });

  it('never writes more than its batch limit at once', async () => {
    const sizes: number[] = [];
    const group = new GroupCommit<number, number>(async (items) => (sizes.push(items.length), items), 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => group.submit(n)));
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('with two in flight, starts the next batch while the first is written, and gathers what comes while both are', async () => {
    const batches: number[][] = [];
    const releases: (() => void)[] = [];
    const group = new GroupCommit<number, number>(
      async (items) => {
        batches.push(items);
        await new Promise<void>((resolve) => releases.push(resolve));
        return items;
      },
      256,
      2,
    );
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    const all = [group.submit(1)];
    await turn();
    all.push(group.submit(2));
    await turn();
    all.push(group.submit(3), group.submit(4));
    await turn();
    expect(batches).toEqual([[1], [2]]);
    releases[1]();
    await turn();
    await turn();
    expect(batches).toEqual([[1], [2], [3, 4]]);
    releases[0]();
    releases[2]();
    expect(await Promise.all(all)).toEqual([1, 2, 3, 4]);
  });

  it('with isolation, writes a failed batch again item by item, so only the item at fault fails', async () => {
    const writes: string[][] = [];
    const group = new GroupCommit<string, string>(
      async (items) => {
        writes.push(items);
        if (items.includes('bad')) throw new Error('unsupported Unicode escape sequence');
        return items.map((i) => i.toUpperCase());
      },
      256,
      1,
      { when: (error) => !/restarting/.test((error as Error).message) },
    );
    const results = await Promise.allSettled(['a', 'bad', 'c'].map((i) => group.submit(i)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      'A',
      'unsupported Unicode escape sequence',
      'C',
    ]);
    expect(writes).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it("with isolation, still fails every item alike when the error is not an item's fault", async () => {
    let calls = 0;
    const group = new GroupCommit<string, string>(
      async (items) => {
        calls++;
        throw new Error('database restarting');
      },
      256,
      1,
      { when: (error) => !/restarting/.test((error as Error).message) },
    );
    const results = await Promise.allSettled(['a', 'b'].map((i) => group.submit(i)));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(calls).toBe(1);
  });
});
