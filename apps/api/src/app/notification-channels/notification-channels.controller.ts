import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import type {
  ChannelTestResult,
  NotificationChannel,
  NotificationChannelPage,
  NotificationDelivery,
  NotificationDeliveryPage,
} from '@updraft/api-types';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { ChannelConfigError, ChannelService, NotificationSender } from '@updraft/notifications';
import {
  DuplicateChannelError,
  NotificationChannelEntity,
  NotificationChannelRepository,
  NotificationDeliveryEntity,
  NotificationDeliveryRepository,
} from '@updraft/persistence';
import { randomUUID } from 'node:crypto';
import { CreateChannelDto, ListDeliveriesQuery, UpdateChannelDto } from './notification-channels.dto';
import { ApiErrors } from '../../services/http/api-errors.decorator';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('no such notification channel') });

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

/** A tenant's email and Slack channels; secrets are encrypted at rest and masked in every answer. */
@Controller('tenants/:tenant/notificationChannels')
export class NotificationChannelsController {
  constructor(
    private readonly channels: NotificationChannelRepository,
    private readonly service: ChannelService,
    private readonly sender: NotificationSender,
    private readonly deliveries: NotificationDeliveryRepository,
  ) {}

  /** List notification channels. */
  @Get()
  @RequirePermission(PERMISSIONS.channelsRead)
  async list(@CurrentTenant() tenant: TenantContext): Promise<NotificationChannelPage> {
    const items = (await this.channels.list(tenant.id)).map((c) => this.service.view(c));
    return { items, total: items.length, limit: items.length, offset: 0 };
  }

  /** Get a notification channel. */
  @Get(':id')
  @RequirePermission(PERMISSIONS.channelsRead)
  async get(@CurrentTenant() tenant: TenantContext, @Param('id', uuid) id: string): Promise<NotificationChannel> {
    return this.service.view(await this.find(tenant, id));
  }

  /** Create a notification channel. */
  @Post()
  @RequirePermission(PERMISSIONS.channelsEdit)
  @ApiErrors({ 409: 'A channel with that name exists.' })
  async create(@CurrentTenant() tenant: TenantContext, @Body() body: CreateChannelDto): Promise<NotificationChannel> {
    return this.service.view(await this.guard(() => this.service.create(tenant.id, body)));
  }

  /** Change a notification channel. */
  @Patch(':id')
  @RequirePermission(PERMISSIONS.channelsEdit)
  @ApiErrors({ 409: 'A channel with that name exists.' })
  async update(
    @CurrentTenant() tenant: TenantContext,
    @Param('id', uuid) id: string,
    @Body() body: UpdateChannelDto,
  ): Promise<NotificationChannel> {
    const current = await this.find(tenant, id);
    const updated = await this.guard(() => this.service.update(tenant.id, current, body));
    if (!updated) throw new NotFoundException('no such notification channel');
    return this.service.view(updated);
  }

  /** Delete a notification channel. */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(PERMISSIONS.channelsEdit)
  async remove(@CurrentTenant() tenant: TenantContext, @Param('id', uuid) id: string): Promise<void> {
    if (!(await this.channels.delete(tenant.id, id))) throw new NotFoundException('no such notification channel');
  }

  /**
   * Send a test message through a channel.
   *
   * @remarks
   * Sends a test message now (not queued) and says whether the channel accepted it; the attempt is logged like any other.
   */
  @Post(':id/test')
  @HttpCode(200)
  @RequirePermission(PERMISSIONS.channelsEdit)
  async test(@CurrentTenant() tenant: TenantContext, @Param('id', uuid) id: string): Promise<ChannelTestResult> {
    const channel = await this.find(tenant, id);
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

  private async find(tenant: TenantContext, id: string): Promise<NotificationChannelEntity> {
    const channel = await this.channels.get(tenant.id, id);
    if (!channel) throw new NotFoundException('no such notification channel');
    return channel;
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ChannelConfigError)
        throw new BadRequestException({ message: error.message, details: error.details });
      if (error instanceof DuplicateChannelError) throw new ConflictException(error.message);
      throw error;
    }
  }
}

/** Every attempt to deliver a notification, newest first. */
@Controller('tenants/:tenant/notificationDeliveries')
export class NotificationDeliveriesController {
  constructor(private readonly deliveries: NotificationDeliveryRepository) {}

  /** List notification deliveries, newest first. */
  @Get()
  @RequirePermission(PERMISSIONS.channelsRead)
  async list(
    @CurrentTenant() tenant: TenantContext,
    @Query() query: ListDeliveriesQuery,
  ): Promise<NotificationDeliveryPage> {
    const result = await this.deliveries.list(
      tenant.id,
      { limit: query.limit, offset: query.offset },
      { channelId: query.channelId, status: query.status, kind: query.kind, notificationKey: query.notificationKey },
    );
    return { ...result, items: result.items.map(toDeliveryView) };
  }
}
