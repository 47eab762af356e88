interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: what the worker's concurrent tries submit while a batch is being written goes
 * into the next batch, so one statement serves every try that reached the same step meanwhile.
 * A lone submission waits for nothing but the current turn of the event loop. With `inFlight` 2,
 * a second batch starts while the first is written (on another connection).
 */
export class GroupCommit<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private writing = 0;
  private starting = false;

  constructor(private readonly write: (items: T[]) => Promise<R[]>, private readonly maxBatch = 256, private readonly inFlight = 1) {}

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
      // Each submitter decides (e.g. retries while the database restarts): one failed batch fails all of its items.
      for (const w of batch) w.reject(error);
    } finally {
      this.writing--;
      this.startSoon();
    }
  }
}
