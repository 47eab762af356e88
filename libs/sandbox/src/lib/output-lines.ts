import { logTruncatedNotice } from '@updraft/domain';

export type OutputStream = 'stdout' | 'stderr' | 'system';

export interface OutputLimits {
  maxLineBytes: number;
  maxTotalBytes: number;
  /** Stored lines cost a row each: a flood of empty lines is cut here long before the byte limit. */
  maxLines: number;
}

export const DEFAULT_OUTPUT_LIMITS: OutputLimits = {
  maxLineBytes: 16 * 1024,
  maxTotalBytes: 5 * 1024 * 1024,
  maxLines: 100_000,
};

/**
 * Splits a process's output into lines, cutting over-long lines and stopping (with one notice, the
 * last line kept) once the bytes or lines pass their limit, so a task printing gigabytes costs the
 * worker nothing. The worker's own lines (the try's outcome) are written apart, outside this budget.
 */
export class OutputLines {
  private partial = new Map<OutputStream, string>();
  private total = 0;
  private count = 0;
  private truncated = false;

  constructor(
    private readonly emit: (stream: OutputStream, message: string) => void,
    private readonly limits: OutputLimits = DEFAULT_OUTPUT_LIMITS,
  ) {}

  write(stream: OutputStream, chunk: Buffer | string): void {
    if (this.truncated) return;
    const text = (this.partial.get(stream) ?? '') + chunk.toString();
    const lines = text.split('\n');
    let rest = lines.pop() ?? '';
    if (rest.length > this.limits.maxLineBytes) {
      lines.push(rest);
      rest = '';
    }
    this.partial.set(stream, rest);
    for (const line of lines) this.line(stream, line);
  }

  line(stream: OutputStream, line: string): void {
    if (this.truncated) return;
    const cut =
      line.length > this.limits.maxLineBytes ? `${line.slice(0, this.limits.maxLineBytes)} [line truncated]` : line;
    this.total += cut.length + 1;
    this.count++;
    const exceeded =
      this.total > this.limits.maxTotalBytes
        ? `${this.limits.maxTotalBytes} bytes`
        : this.count > this.limits.maxLines
          ? `${this.limits.maxLines} lines`
          : null;
    if (exceeded) {
      this.truncated = true;
      this.emit('system', logTruncatedNotice(exceeded));
      return;
    }
    this.emit(stream, cut.replace(/\r$/, ''));
  }

  flush(): void {
    for (const [stream, rest] of this.partial) if (rest.length > 0) this.line(stream, rest);
    this.partial.clear();
  }
}
