/**
 * Runs `work` one at a time. A call made while it runs gets the next run, which starts once the
 * current one ends (so it sees everything committed before the call), and every call made
 * meanwhile shares that one run: a burst of requests costs two runs, not one each. A run that
 * rejects rejects for its callers only; the next one still runs.
 */
export class Coalesced {
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  constructor(private readonly work: () => Promise<void>) {}

  /** Resolves once a run that started after this call has ended. */
  request(): Promise<void> {
    if (!this.running) return this.start();
    const startNext = () => {
      this.next = null;
      return this.start();
    };
    this.next ??= this.running.then(startNext, startNext);
    return this.next;
  }

  /** Nothing running and nothing asked for. */
  get idle(): boolean {
    return this.running === null && this.next === null;
  }

  private start(): Promise<void> {
    const run = this.work().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }
}
