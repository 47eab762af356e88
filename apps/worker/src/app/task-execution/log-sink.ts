import { Logger } from '@nestjs/common';
import type { LogLine, TaskLogRepository } from '@updraft/persistence';
import type { OutputStream } from '@updraft/sandbox';

const FLUSH_INTERVAL_MS = 200;
const FLUSH_LINES = 500;

/** Buffers a try's log lines and writes them in batches, so logs are readable while it runs. */
export class LogSink {
  private buffer: LogLine[] = [];
  private writing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly logs: TaskLogRepository, private readonly tenantId: string, private readonly taskInstanceId: string, private readonly tryNumber: number) {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
  }

  write(stream: OutputStream, message: string): void {
    this.buffer.push({ timestamp: new Date(), stream, message });
    if (this.buffer.length >= FLUSH_LINES) void this.flush();
  }

  flush(): Promise<void> {
    if (this.buffer.length === 0) return this.writing;
    const batch = this.buffer;
    this.buffer = [];
    this.writing = this.writing
      .then(() => this.logs.append(this.tenantId, this.taskInstanceId, this.tryNumber, batch))
      .catch((error) => Logger.warn(`could not store ${batch.length} log line(s): ${error.message}`, LogSink.name));
    return this.writing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
