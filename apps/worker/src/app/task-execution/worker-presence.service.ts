import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { Dispatcher } from '@updraft/orchestration';
import { WorkerRepository } from '@updraft/persistence';
import { TaskRunner } from './task-runner.service';
import { TryBatches } from './try-batches.service';

/**
 * Keeps this worker registered with its slots (and its headroom for tenants below their fair
 * share, WORKER_RESERVED_SLOTS): the dispatch queues no more than the live workers
 * can start. A worker that stops beating stops counting after ZOMBIE_THRESHOLD_MS. Each beat with
 * a slot free also asks for a dispatch, so work that waited for a worker (none was alive, or all
 * were full) is queued for this one.
 */
@Injectable()
export class WorkerPresence implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerPresence.name);
  private readonly host: string;
  private slots: number;
  private reservedSlots: number;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    private readonly workers: WorkerRepository,
    private readonly dispatcher: Dispatcher,
    private readonly runner: TaskRunner,
    batches: TryBatches,
  ) {
    this.host = batches.host;
    this.slots = config.workerConcurrency;
    this.reservedSlots = config.workerReservedSlots;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat(), this.config.heartbeatIntervalMs);
  }

  /** Draining: the worker counts no slots, so nothing more is queued for it. */
  async withdraw(): Promise<void> {
    this.slots = 0;
    this.reservedSlots = 0;
    await this.beat();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.workers
      .remove(this.host)
      .catch((error) => this.logger.warn(`could not deregister ${this.host}: ${(error as Error).message}`));
  }

  private async beat(): Promise<void> {
    try {
      await this.workers.beat(this.host, this.slots, this.config.zombieThresholdMs, this.reservedSlots);
    } catch (error) {
      this.logger.warn(`worker heartbeat failed: ${(error as Error).message}`);
      return;
    }
    if (this.slots > 0 && this.runner.hasFreeSlot) void this.dispatcher.request();
  }
}
