import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import type {
  ChannelTestResult,
  NotificationChannel,
  NotificationChannelPage,
  NotificationDeliveryPage,
} from '@updraft/api-types';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { ApiErrors } from '../../services/http/api-errors.decorator';
import { CreateChannelDto, ListDeliveriesQuery, UpdateChannelDto } from './notification-channels.dto';
import { channelNotFound } from './notification-channels.exception';
import { NotificationChannelsService } from './notification-channels.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: channelNotFound });

/** A tenant's email and Slack channels; secrets are encrypted at rest and masked in every answer. */
@Controller('tenants/:tenant/notificationChannels')
export class NotificationChannelsController {
  constructor(private readonly channels: NotificationChannelsService) {}

  /** List notification channels. */
  @Get()
  @RequirePermission(PERMISSIONS.channelsRead)
  list(@CurrentTenant() tenant: TenantContext): Promise<NotificationChannelPage> {
    return this.channels.list(tenant.id);
  }

  /** Get a notification channel. */
  @Get(':id')
  @RequirePermission(PERMISSIONS.channelsRead)
  get(@CurrentTenant() tenant: TenantContext, @Param('id', uuid) id: string): Promise<NotificationChannel> {
    return this.channels.get(tenant.id, id);
  }

  /** Create a notification channel. */
  @Post()
  @RequirePermission(PERMISSIONS.channelsEdit)
  @ApiErrors({ 409: 'A channel with that name exists.' })
  create(@CurrentTenant() tenant: TenantContext, @Body() body: CreateChannelDto): Promise<NotificationChannel> {
    return this.channels.create(tenant.id, body);
  }

  /** Change a notification channel. */
  @Patch(':id')
  @RequirePermission(PERMISSIONS.channelsEdit)
  @ApiErrors({ 409: 'A channel with that name exists.' })
  update(
    @CurrentTenant() tenant: TenantContext,
    @Param('id', uuid) id: string,
    @Body() body: UpdateChannelDto,
  ): Promise<NotificationChannel> {
    return this.channels.update(tenant.id, id, body);
  }

  /** Delete a notification channel. */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(PERMISSIONS.channelsEdit)
  remove(@CurrentTenant() tenant: TenantContext, @Param('id', uuid) id: string): Promise<void> {
    return this.channels.remove(tenant.id, id);
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
  test(@CurrentTenant() tenant: TenantContext, @Param('id', uuid) id: string): Promise<ChannelTestResult> {
    return this.channels.test(tenant, id);
  }
}

/** Every attempt to deliver a notification, newest first. */
@Controller('tenants/:tenant/notificationDeliveries')
export class NotificationDeliveriesController {
  constructor(private readonly channels: NotificationChannelsService) {}

  /** List notification deliveries, newest first. */
  @Get()
  @RequirePermission(PERMISSIONS.channelsRead)
  list(@CurrentTenant() tenant: TenantContext, @Query() query: ListDeliveriesQuery): Promise<NotificationDeliveryPage> {
    return this.channels.deliveryLog(tenant.id, query);
  }
}
