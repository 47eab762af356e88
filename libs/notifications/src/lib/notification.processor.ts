import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NotificationChannelRepository, NotificationDeliveryRepository } from '@updraft/persistence';
import { DeliverNotificationJobData, JOBS, QUEUES } from '@updraft/queues';
import type { Job, Queue } from 'bull';
import { NotificationSender } from './notification-sender';

const DELIVERY_CONCURRENCY = 4;

/**
 * Delivers queued notifications (hosted by apps/worker). Every attempt is logged; when the last
 * attempt fails the channel is marked failing, and the next success clears the mark.
 */
@Injectable()
export class NotificationProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationProcessor.name);

  constructor(
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue<DeliverNotificationJobData>,
    private readonly channels: NotificationChannelRepository,
    private readonly deliveries: NotificationDeliveryRepository,
    private readonly sender: NotificationSender,
  ) {}

  onApplicationBootstrap(): void {
    void this.queue.process(JOBS.deliverNotification, DELIVERY_CONCURRENCY, (job: Job<DeliverNotificationJobData>) =>
      this.deliver(job),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }

  async deliver(job: Job<DeliverNotificationJobData>): Promise<void> {
    const { tenantId, channelId, key, kind, message, to } = job.data;
    const channel = await this.channels.get(tenantId, channelId);
    if (!channel) {
      this.logger.warn(`notification ${key}: channel ${channelId} was deleted; dropped`);
      return;
    }
    // A job run again after its delivery was recorded (its worker lost Redis before completing it) sends nothing.
    if (await this.deliveries.wasSent(tenantId, channelId, key)) {
      this.logger.log(`notification ${key} to channel '${channel.name}': sent already`);
      return;
    }
    const attempt = job.attemptsMade + 1;
    const base = { channelId, notificationKey: key, kind, subject: message.subject, attempt };
    try {
      await this.sender.send(channel, message, { to, notificationKey: key });
    } catch (error) {
      const reason = (error as Error).message;
      const last = attempt >= (job.opts.attempts ?? 1);
      await this.deliveries.record(tenantId, { ...base, status: last ? 'abandoned' : 'failed', error: reason });
      if (last) await this.channels.markFailing(tenantId, channelId, reason);
      this.logger.warn(
        `notification ${key} to channel '${channel.name}': attempt ${attempt} failed${last ? ', giving up' : ''}: ${reason}`,
      );
      throw error;
    }
    await this.deliveries.record(tenantId, { ...base, status: 'sent', error: null });
    await this.channels.markHealthy(tenantId, channelId);
  }
}
