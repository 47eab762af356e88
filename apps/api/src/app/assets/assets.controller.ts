import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import type { AssetEventPage, AssetList, CreatedAssetEvent, QueuedAssetEventList } from '@updraft/api-types';
import { AuthenticatedUser, CurrentTenant, CurrentUser, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { ApiErrors } from '../../services/http/api-errors.decorator';
import { AssetEventsQuery, CreateAssetEventDto, QueuedAssetEventsQuery } from './assets.dto';
import { AssetsService } from './assets.service';

/** A tenant's assets (data-aware scheduling): producers, consumers, events and queued events. */
@Controller('tenants/:tenant/assets')
export class AssetsController {
  constructor(private readonly assets: AssetsService) {}

  /** List assets with the tasks that produce them and the DAGs that consume them. */
  @Get()
  @RequirePermission(PERMISSIONS.assetsRead)
  list(@CurrentTenant() tenant: TenantContext): Promise<AssetList> {
    return this.assets.list(tenant.id);
  }

  /** List an asset's events, newest first. */
  @Get('events')
  @RequirePermission(PERMISSIONS.assetsRead)
  events(@CurrentTenant() tenant: TenantContext, @Query() query: AssetEventsQuery): Promise<AssetEventPage> {
    return this.assets.events(tenant.id, query);
  }

  /** Record an asset event by hand: the DAGs scheduled on the asset see it as an update. */
  @Post('events')
  @RequirePermission(PERMISSIONS.assetsEmit)
  @ApiErrors({ 404: 'No DAG of the tenant names the asset and it has no events.' })
  create(
    @CurrentTenant() tenant: TenantContext,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateAssetEventDto,
  ): Promise<CreatedAssetEvent> {
    return this.assets.create(tenant.id, body, user.email);
  }

  /** List the events waiting for a consuming DAG's condition to be met. */
  @Get('queuedEvents')
  @RequirePermission(PERMISSIONS.assetsRead)
  queued(
    @CurrentTenant() tenant: TenantContext,
    @Query() query: QueuedAssetEventsQuery,
  ): Promise<QueuedAssetEventList> {
    return this.assets.queued(tenant.id, query);
  }
}
