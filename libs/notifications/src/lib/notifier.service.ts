import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { NotificationChannelRepository } from '@updraft/persistence';
import { DeliverNotificationJobData, JOBS, notificationJobOptions, QUEUES } from '@updraft/queues';
import type { Queue } from 'bull';

export type Notification = Omit<DeliverNotificationJobData, 'channelId' | 'tenantId'>;

export interface EnqueueResult {
  channels: string[];
  /** Names no channel of the tenant has. */
  unknown: string[];
}

/** Puts a notification on the `notifications` queue once per channel; the job id makes a repeated call harmless. */
@Injectable()
export class Notifier {
  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    private readonly channels: NotificationChannelRepository,
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue<DeliverNotificationJobData>,
  ) {}

  /** Sends to the named channels, or to the tenant's default channels when `names` is null. */
  async enqueue(tenantId: string, names: readonly string[] | null, notification: Notification): Promise<EnqueueResult> {
    const found =
      names === null ? await this.channels.defaults(tenantId) : await this.channels.byNames(tenantId, names);
    const options = notificationJobOptions(this.config.notificationAttempts, this.config.notificationBackoffMs);
    await this.queue.addBulk(
      found.map((channel) => ({
        name: JOBS.deliverNotification,
        data: { tenantId, channelId: channel.id, ...notification },
        opts: { ...options, jobId: `${notification.key}:${channel.id}` },
      })),
    );
    return {
      channels: found.map((c) => c.name),
      unknown: (names ?? []).filter((name) => !found.some((c) => c.name === name)),
    };
  }
}
