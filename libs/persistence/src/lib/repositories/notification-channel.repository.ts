import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { NotificationChannelEntity, NotificationChannelType } from '../entities/notification-channel.entity';

export interface ChannelFields {
  name: string;
  type: NotificationChannelType;
  isDefault: boolean;
  settings: Record<string, unknown>;
  secrets: string | null;
}

export class DuplicateChannelError extends Error {
  constructor(readonly channelName: string) {
    super(`a notification channel named '${channelName}' already exists`);
  }
}

/** A tenant's notification channels; every query is scoped to the tenant it is given. */
@Injectable()
export class NotificationChannelRepository {
  private readonly channels: Repository<NotificationChannelEntity>;

  constructor(@InjectDataSource() db: DataSource) {
    this.channels = db.getRepository(NotificationChannelEntity);
  }

  list(tenantId: string): Promise<NotificationChannelEntity[]> {
    return this.channels.find({ where: { tenantId }, order: { name: 'ASC' } });
  }

  get(tenantId: string, id: string): Promise<NotificationChannelEntity | null> {
    return this.channels.findOneBy({ tenantId, id });
  }

  byNames(tenantId: string, names: readonly string[]): Promise<NotificationChannelEntity[]> {
    return names.length === 0 ? Promise.resolve([]) : this.channels.findBy({ tenantId, name: In([...names]) });
  }

  defaults(tenantId: string): Promise<NotificationChannelEntity[]> {
    return this.channels.findBy({ tenantId, isDefault: true });
  }

  async create(tenantId: string, fields: ChannelFields): Promise<NotificationChannelEntity> {
    try {
      return await this.channels.save(this.channels.create({ tenantId, ...fields }));
    } catch (error) {
      throw uniqueViolation(error) ? new DuplicateChannelError(fields.name) : error;
    }
  }

  /** Saves new settings; a changed channel gets a fresh start (no longer marked failing). */
  async update(tenantId: string, id: string, fields: ChannelFields): Promise<NotificationChannelEntity | null> {
    try {
      await this.channels.query(
        `UPDATE notification_channel SET name = $3, type = $4, is_default = $5, settings = $6, secrets = $7, failing_since = NULL, last_error = NULL, updated_at = now()
          WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id, fields.name, fields.type, fields.isDefault, JSON.stringify(fields.settings), fields.secrets],
      );
    } catch (error) {
      throw uniqueViolation(error) ? new DuplicateChannelError(fields.name) : error;
    }
    return this.get(tenantId, id);
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return ((await this.channels.delete({ tenantId, id })).affected ?? 0) > 0;
  }

  /** Marks the channel failing after a notification was given up on; keeps the first failure's time. */
  async markFailing(tenantId: string, id: string, error: string): Promise<void> {
    await this.channels.query(
      `UPDATE notification_channel SET failing_since = coalesce(failing_since, now()), last_error = $3 WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, error],
    );
  }

  async markHealthy(tenantId: string, id: string): Promise<void> {
    await this.channels.query(
      `UPDATE notification_channel SET failing_since = NULL, last_error = NULL WHERE tenant_id = $1 AND id = $2 AND failing_since IS NOT NULL`,
      [tenantId, id],
    );
  }
}

function uniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === '23505';
}
