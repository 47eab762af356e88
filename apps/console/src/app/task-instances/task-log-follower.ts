import { signal } from '@angular/core';
import type { TaskLogLine } from '@updraft/api-types';
import { followEventStream } from '../shared/sse';

const FLUSH_MS = 100;

/**
 * Follows one try's log over the api's SSE stream: every stored line, then new ones while the try
 * runs, until its `end` event. Lines are handed to the view in batches, not one by one, so a
 * 100,000-line log costs a few hundred updates.
 */
export class TaskLogFollower {
  readonly lines = signal<readonly TaskLogLine[]>([]);
  readonly live = signal(false);
  readonly endState = signal<string | null>(null);
  readonly error = signal<string | null>(null);
  private abort: AbortController | null = null;
  private buffer: TaskLogLine[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  follow(url: string, token: string | null): void {
    this.stop();
    const abort = new AbortController();
    this.abort = abort;
    this.lines.set([]);
    this.endState.set(null);
    this.error.set(null);
    this.live.set(true);
    followEventStream(url, token, abort.signal, (event) => {
      if (event.event === 'end') {
        this.endState.set((JSON.parse(event.data) as { state: string }).state);
        return;
      }
      this.buffer.push(JSON.parse(event.data) as TaskLogLine);
      this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
    })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) this.error.set(error instanceof Error ? error.message : 'the log stream failed');
      })
      .finally(() => {
        if (this.abort !== abort) return;
        this.flush();
        this.live.set(false);
      });
  }

  stop(): void {
    this.abort?.abort();
    this.abort = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.buffer = [];
    this.live.set(false);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.lines.update((lines) => lines.concat(batch));
  }
}
