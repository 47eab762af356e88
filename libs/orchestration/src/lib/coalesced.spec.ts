import { Coalesced } from './coalesced';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Coalesced', () => {
  it('runs at once when idle, and folds every call made meanwhile into one more run that starts after it', async () => {
    const gates = [deferred(), deferred()];
    const started: number[] = [];
    const coalesced = new Coalesced(() => {
      started.push(started.length);
      return gates[started.length - 1].promise;
    });
    const first = coalesced.request();
    const second = coalesced.request();
    const third = coalesced.request();
    expect(second).toBe(third);
    expect(started).toEqual([0]);
    gates[0].resolve();
    await first;
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(coalesced.idle).toBe(false);
    gates[1].resolve();
    await second;
    expect(coalesced.idle).toBe(true);
  });

  it('starts a new run for a call made after the folded run began', async () => {
    let runs = 0;
    const gate = deferred();
    const coalesced = new Coalesced(async () => {
      runs++;
      if (runs === 1) await gate.promise;
    });
    const first = coalesced.request();
    const folded = coalesced.request();
    gate.resolve();
    await first;
    await Promise.resolve();
    const after = coalesced.request();
    expect(after).not.toBe(folded);
    await Promise.all([folded, after]);
    expect(runs).toBe(3);
  });
});

describe('Coalesced, when a run fails', () => {
  it("rejects for that run's callers only, and still runs the next", async () => {
    let runs = 0;
    const coalesced = new Coalesced(async () => {
      runs++;
      if (runs === 1) throw new Error('database down');
    });
    const first = coalesced.request();
    const second = coalesced.request();
    await expect(first).rejects.toThrow('database down');
    await expect(second).resolves.toBeUndefined();
    expect(runs).toBe(2);
  });
});
