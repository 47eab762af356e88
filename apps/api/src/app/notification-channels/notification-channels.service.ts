import { Injectable } from '@nestjs/common';
import type {
  ChannelTestResult,
  NotificationChannel,
  NotificationChannelPage,
  NotificationDelivery,
  NotificationDeliveryPage,
} from '@updraft/api-types';
import type { TenantContext } from '@updraft/auth';
import { ChannelConfigError, ChannelService, NotificationSender } from '@updraft/notifications';
import {
  DuplicateChannelError,
  NotificationChannelEntity,
  NotificationChannelRepository,
  NotificationDeliveryEntity,
  NotificationDeliveryRepository,
} from '@updraft/persistence';
import { randomUUID } from 'node:crypto';
import type { CreateChannelDto, ListDeliveriesQuery, UpdateChannelDto } from './notification-channels.dto';
import { channelNotFound, NotificationChannelException } from './notification-channels.exception';

function toDeliveryView(d: NotificationDeliveryEntity): NotificationDelivery {
  return {
    id: String(d.id),
    channelId: d.channelId,
    notificationKey: d.notificationKey,
    kind: d.kind,
    subject: d.subject,
    status: d.status,
    attempt: d.attempt,
    error: d.error,
    createdAt: d.createdAt.toISOString(),
  };
}

async function refusingBadConfig<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ChannelConfigError)
      throw new NotificationChannelException('invalidChannelConfig', error.message, error.details);
    if (error instanceof DuplicateChannelError) throw new NotificationChannelException('channelExists', error.message);
    throw error;
  }
}

/** A tenant's email and Slack channels (secrets masked in every answer) and the log of their deliveries. */
@Injectable()
export class NotificationChannelsService {
  constructor(
    private readonly channels: NotificationChannelRepository,
    private readonly service: ChannelService,
    private readonly sender: NotificationSender,
    private readonly deliveries: NotificationDeliveryRepository,
  ) {}

  async list(tenantId: string): Promise<NotificationChannelPage> {
    const items = (await this.channels.list(tenantId)).map((c) => this.service.view(c));
    return { items, total: items.length, limit: items.length, offset: 0 };
  }

  async get(tenantId: string, id: string): Promise<NotificationChannel> {
    return this.service.view(await this.find(tenantId, id));
  }

  async create(tenantId: string, body: CreateChannelDto): Promise<NotificationChannel> {
    return this.service.view(await refusingBadConfig(() => this.service.create(tenantId, body)));
  }

  async update(tenantId: string, id: string, body: UpdateChannelDto): Promise<NotificationChannel> {
    const current = await this.find(tenantId, id);
    const updated = await refusingBadConfig(() => this.service.update(tenantId, current, body));
    if (!updated) throw channelNotFound();
    return this.service.view(updated);
  }

  async remove(tenantId: string, id: string): Promise<void> {
    if (!(await this.channels.delete(tenantId, id))) throw channelNotFound();
  }

  /** Sends a test message now (not queued); the attempt is logged like any other. */
  async test(tenant: TenantContext, id: string): Promise<ChannelTestResult> {
    const channel = await this.find(tenant.id, id);
    const subject = `[Updraft] Test message for channel ${channel.name}`;
    let error: string | null = null;
    try {
      await this.sender.send(channel, {
        subject,
        text: `This is a test message from Updraft for tenant ${tenant.slug}. Alerts sent to channel ${channel.name} will arrive here.`,
      });
    } catch (failure) {
      error = (failure as Error).message;
    }
    await this.deliveries.record(tenant.id, {
      channelId: id,
      notificationKey: `test:${randomUUID()}`,
      kind: 'test',
      subject,
      status: error ? 'failed' : 'sent',
      attempt: 1,
      error,
    });
    if (!error) await this.channels.markHealthy(tenant.id, id);
    return { delivered: error === null, error };
  }

  async deliveryLog(tenantId: string, query: ListDeliveriesQuery): Promise<NotificationDeliveryPage> {
    const result = await this.deliveries.list(
      tenantId,
      { limit: query.limit, offset: query.offset },
      { channelId: query.channelId, status: query.status, kind: query.kind, notificationKey: query.notificationKey },
    );
    return { ...result, items: result.items.map(toDeliveryView) };
  }

  private async find(tenantId: string, id: string): Promise<NotificationChannelEntity> {
    const channel = await this.channels.get(tenantId, id);
    if (!channel) throw channelNotFound();
    return channel;
  }
}
