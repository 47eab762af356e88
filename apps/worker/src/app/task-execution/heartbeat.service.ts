import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { TaskInstanceRepository } from '@updraft/persistence';

/**
 * One statement per interval keeps every try this worker runs marked alive, and learns which of
 * them are no longer running (the run was cancelled, the task marked or cleared): those are aborted.
 */
@Injectable()
export class HeartbeatService implements OnModuleInit, OnApplicationShutdown {
  private readonly running = new Map<string, AbortController>();
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    private readonly taskInstances: TaskInstanceRepository,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.beat(), this.config.heartbeatIntervalMs);
  }

  // Not before shutdown: tries still finishing while the worker drains must keep being marked alive.
  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async beat(): Promise<void> {
    const ids = [...this.running.keys()];
    try {
      const alive = new Set(await this.taskInstances.heartbeat(ids));
      for (const id of ids) if (!alive.has(id)) this.running.get(id)?.abort();
    } catch (error) {
      Logger.warn(`heartbeat failed: ${(error as Error).message}`, HeartbeatService.name);
    }
  }

  /** Tracks a running try; the signal aborts when the try is no longer this worker's to run. */
  track(taskInstanceId: string): AbortSignal {
    const controller = new AbortController();
    this.running.set(taskInstanceId, controller);
    return controller.signal;
  }

  /** Aborts every running try with `reason` (the worker is handing them back). */
  abortAll(reason: unknown): void {
    for (const controller of this.running.values()) controller.abort(reason);
  }

  untrack(taskInstanceId: string): void {
    this.running.delete(taskInstanceId);
  }

  get activeCount(): number {
    return this.running.size;
  }
}
