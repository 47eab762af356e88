import { Logger } from '@nestjs/common';
import { isDatabaseUnreachable, type LogLine, type TryLogLines } from '@updraft/persistence';
import type { OutputStream } from '@updraft/sandbox';
import { MASK } from '@updraft/secrets';

const FLUSH_INTERVAL_MS = 200;
const FLUSH_LINES = 500;
/** Shorter secrets are not masked: hiding every occurrence of a two-letter string would garble the log. */
const MIN_MASKED_LENGTH = 4;

/** Buffers a try's log lines and writes them in batches, so logs are readable while it runs. */
export class LogSink {
  private buffer: LogLine[] = [];
  private writing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  private readonly secrets = new Set<string>();

  constructor(
    private readonly store: (lines: TryLogLines) => Promise<void>,
    private readonly tenantId: string,
    private readonly taskInstanceId: string,
    private readonly tryNumber: number,
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
  }

  /** From now on, the secret never reaches the stored log; it reads as `********`. */
  mask(secret: string): void {
    if (secret.length >= MIN_MASKED_LENGTH) this.secrets.add(secret);
  }

  write(stream: OutputStream, message: string): void {
    for (const secret of this.secrets) message = message.split(secret).join(MASK);
    this.buffer.push({ timestamp: new Date(), stream, message });
    if (this.buffer.length >= FLUSH_LINES) void this.flush();
  }

  flush(): Promise<void> {
    if (this.buffer.length === 0) return this.writing;
    const batch = this.buffer;
    this.buffer = [];
    this.writing = this.writing
      .then(() =>
        this.store({
          tenantId: this.tenantId,
          taskInstanceId: this.taskInstanceId,
          tryNumber: this.tryNumber,
          lines: batch,
        }),
      )
      .catch((error) => {
        // Kept for the next flush while the database restarts, so the try's log loses nothing.
        if (isDatabaseUnreachable(error)) this.buffer = [...batch, ...this.buffer];
        else Logger.warn(`could not store ${batch.length} log line(s): ${error.message}`, LogSink.name);
      });
    return this.writing;
  }

  /** The lines not stored yet, for the caller to store with the try's outcome (after any write under way). */
  async takePending(): Promise<LogLine[]> {
    await this.writing;
    const lines = this.buffer;
    this.buffer = [];
    return lines;
  }

  /** Lines taken but not stored after all (the outcome's write failed): they go out with the next flush. */
  restore(lines: LogLine[]): void {
    this.buffer = [...lines, ...this.buffer];
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
