/** When a batch fails for one of its items, not for the database: each item is written again alone. */
export interface Isolation<T> {
  /** Whether `error` may be one item's fault (not the database being unreachable, which fails every item alike). */
  when: (error: unknown) => boolean;
  /** The item as it is written again alone, after its batch failed (e.g. without what the failed write used up). */
  again?: (item: T) => T;
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: what the worker's concurrent tries submit while a batch is being written goes
 * into the next batch, so one statement serves every try that reached the same step meanwhile.
 * A lone submission waits for nothing but the current turn of the event loop. With `inFlight` 2,
 * a second batch starts while the first is written (on another connection). With `isolate`, a
 * batch that fails is written again item by item, so only the item at fault fails.
 */
export class GroupCommit<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private writing = 0;
  private starting = false;

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly maxBatch = 256,
    private readonly inFlight = 1,
    private readonly isolate: Isolation<T> | null = null,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.startSoon();
    });
  }

  private startSoon(): void {
    if (this.starting || this.writing >= this.inFlight || this.waiting.length === 0) return;
    this.starting = true;
    setImmediate(() => {
      this.starting = false;
      void this.writeNext();
    });
  }

  private async writeNext(): Promise<void> {
    if (this.writing >= this.inFlight || this.waiting.length === 0) return;
    const batch = this.waiting.splice(0, this.maxBatch);
    this.writing++;
    try {
      const results = await this.write(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i]));
    } catch (error) {
      if (batch.length > 1 && this.isolate?.when(error)) await this.oneByOne(batch, this.isolate);
      // Each submitter decides (e.g. retries while the database restarts).
      else for (const w of batch) w.reject(error);
    } finally {
      this.writing--;
      this.startSoon();
    }
  }

  private async oneByOne(batch: Waiting<T, R>[], isolate: Isolation<T>): Promise<void> {
    for (const w of batch) {
      try {
        w.resolve((await this.write([isolate.again ? isolate.again(w.item) : w.item]))[0]);
      } catch (error) {
        w.reject(error);
      }
    }
  }
}
