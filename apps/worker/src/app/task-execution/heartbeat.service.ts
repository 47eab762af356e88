import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { TaskInstanceRepository } from '@updraft/persistence';

/** One statement per interval keeps every try this worker runs marked alive. */
@Injectable()
export class HeartbeatService implements OnModuleInit, OnModuleDestroy {
  private readonly running = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(@Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig, private readonly taskInstances: TaskInstanceRepository) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.taskInstances.heartbeat([...this.running]).catch((error) => Logger.warn(`heartbeat failed: ${error.message}`, HeartbeatService.name));
    }, this.config.heartbeatIntervalMs);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  track(taskInstanceId: string): void {
    this.running.add(taskInstanceId);
  }

  untrack(taskInstanceId: string): void {
    this.running.delete(taskInstanceId);
  }

  get activeCount(): number {
    return this.running.size;
  }
}
