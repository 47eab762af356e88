import { Inject, Injectable, Logger } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { Notifier, slaMissMessage, slaMissNotificationKey } from '@updraft/notifications';
import { SlaMissForAlert, SlaMissRepository } from '@updraft/persistence';

const BATCH = 500;
/** How long after a run ends a late task of it is still noticed (covers schedulers being down for a while). */
const ENDED_RUN_LOOKBACK_MS = 60 * 60 * 1000;

/**
 * Records every task SLA and DAG deadline miss once and sends its alert. Safe to run on any number
 * of schedulers at once: the insert is idempotent and notifying locks the rows it takes.
 */
@Injectable()
export class SlaChecker {
  private readonly logger = new Logger(SlaChecker.name);

  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    private readonly misses: SlaMissRepository,
    private readonly notifier: Notifier,
  ) {}

  async check(): Promise<{ recorded: number; notified: number }> {
    const recorded = await this.misses.recordDue(ENDED_RUN_LOOKBACK_MS, BATCH);
    for (const miss of recorded)
      this.logger.warn(
        `${miss.taskId ? `task ${miss.dagId}.${miss.taskId} missed its SLA` : `DAG ${miss.dagId} missed its deadline`} (run ${miss.dagRunId}, due ${miss.expectedAt.toISOString()})`,
      );
    const notified = await this.misses.notifyPending(BATCH, async (alerts) => {
      for (const alert of alerts) await this.alert(alert);
    });
    return { recorded: recorded.length, notified };
  }

  private async alert(alert: SlaMissForAlert): Promise<void> {
    const { miss } = alert;
    const names = miss.taskId ? alert.slaChannels : (alert.deadlineChannels ?? alert.slaChannels);
    const result = await this.notifier.enqueue(miss.tenantId, names, {
      key: slaMissNotificationKey(miss.id),
      kind: miss.taskId ? 'sla_miss' : 'deadline_miss',
      message: slaMissMessage(alert, this.config.publicUrl),
    });
    if (result.unknown.length > 0)
      this.logger.warn(
        `DAG ${miss.dagId} names notification channel(s) that do not exist: ${result.unknown.join(', ')}`,
      );
    if (result.channels.length === 0)
      this.logger.warn(
        `SLA miss ${miss.id} of DAG ${miss.dagId}: no notification channel to tell (name some, or set a default channel)`,
      );
  }
}
