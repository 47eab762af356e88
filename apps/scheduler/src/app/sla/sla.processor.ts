import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { JOBS, QUEUES } from '@updraft/queues';
import type { Queue } from 'bull';
import { IncidentKeeper } from '../incidents/incident-keeper.service';
import { keepArmed } from '../repeatable-jobs';
import { SlaChecker } from './sla-checker.service';

/** Runs the SLA check, then the incidents' (they build on its misses), as a repeatable job with one key: one check per interval, whichever scheduler takes it. */
@Injectable()
export class SlaProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SlaProcessor.name);
  private rearmTimer?: NodeJS.Timeout;

  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    @InjectQueue(QUEUES.scheduler) private readonly queue: Queue,
    private readonly checker: SlaChecker,
    private readonly incidents: IncidentKeeper,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    void this.queue.process(JOBS.checkSlas, 1, async () => {
      const slas = await this.checker.check();
      return { ...slas, incidents: await this.incidents.check() };
    });
    this.rearmTimer = await keepArmed(() => this.arm(), this.config.schedulerSweepIntervalMs, this.logger);
  }

  onApplicationShutdown(): void {
    clearInterval(this.rearmTimer);
  }

  private async arm(): Promise<void> {
    await this.queue.add(
      JOBS.checkSlas,
      {},
      { repeat: { every: this.config.slaCheckIntervalMs }, jobId: JOBS.checkSlas },
    );
  }
}
