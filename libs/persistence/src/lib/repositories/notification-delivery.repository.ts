import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, FindOptionsWhere, Repository } from 'typeorm';
import { DeliveryStatus, NotificationDeliveryEntity } from '../entities/notification-delivery.entity';
import { Page, PageRequest } from './page';

export interface DeliveryAttempt {
  channelId: string;
  notificationKey: string;
  kind: string;
  subject: string;
  status: DeliveryStatus;
  attempt: number;
  error: string | null;
}

export interface DeliveryFilters {
  channelId?: string;
  status?: DeliveryStatus;
  kind?: string;
  notificationKey?: string;
}

/** The log of every attempt to deliver a notification. */
@Injectable()
export class NotificationDeliveryRepository {
  private readonly deliveries: Repository<NotificationDeliveryEntity>;

  constructor(@InjectDataSource() db: DataSource) {
    this.deliveries = db.getRepository(NotificationDeliveryEntity);
  }

  async record(tenantId: string, attempt: DeliveryAttempt): Promise<void> {
    await this.deliveries.insert({ tenantId, ...attempt });
  }

  async wasSent(tenantId: string, channelId: string, notificationKey: string): Promise<boolean> {
    return this.deliveries.exists({ where: { tenantId, channelId, notificationKey, status: 'sent' } });
  }

  async list(
    tenantId: string,
    page: PageRequest,
    filters: DeliveryFilters = {},
  ): Promise<Page<NotificationDeliveryEntity>> {
    const where: FindOptionsWhere<NotificationDeliveryEntity> = { tenantId };
    for (const [key, value] of Object.entries(filters)) if (value !== undefined) Object.assign(where, { [key]: value });
    const [items, total] = await this.deliveries.findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items, total, limit: page.limit, offset: page.offset };
  }
}
