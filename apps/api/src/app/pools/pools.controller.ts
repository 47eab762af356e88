import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { Pool, PoolPage } from '@updraft/api-types';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { ApiErrors } from '../../services/http/api-errors.decorator';
import { PaginationQuery } from '../../services/http/pagination.dto';
import { CreatePoolDto, UpdatePoolDto } from './pools.dto';
import { PoolsService } from './pools.service';

/** A tenant's pools; default_pool always exists and cannot be deleted. */
@Controller('tenants/:tenant/pools')
export class PoolsController {
  constructor(private readonly pools: PoolsService) {}

  /** List pools with their slot use. */
  @Get()
  @RequirePermission(PERMISSIONS.poolsRead)
  list(@CurrentTenant() tenant: TenantContext, @Query() query: PaginationQuery): Promise<PoolPage> {
    return this.pools.list(tenant.id, query);
  }

  /** Get a pool. */
  @Get(':name')
  @RequirePermission(PERMISSIONS.poolsRead)
  get(@CurrentTenant() tenant: TenantContext, @Param('name') name: string): Promise<Pool> {
    return this.pools.get(tenant.id, name);
  }

  /** Create a pool. */
  @Post()
  @RequirePermission(PERMISSIONS.poolsManage)
  @ApiErrors({ 409: 'A pool with that name exists.' })
  create(@CurrentTenant() tenant: TenantContext, @Body() body: CreatePoolDto): Promise<Pool> {
    return this.pools.create(tenant.id, body);
  }

  /** Change a pool's slots or description. */
  @Patch(':name')
  @RequirePermission(PERMISSIONS.poolsManage)
  update(
    @CurrentTenant() tenant: TenantContext,
    @Param('name') name: string,
    @Body() body: UpdatePoolDto,
  ): Promise<Pool> {
    return this.pools.update(tenant.id, name, body);
  }

  /** Delete a pool. */
  @Delete(':name')
  @HttpCode(204)
  @RequirePermission(PERMISSIONS.poolsManage)
  remove(@CurrentTenant() tenant: TenantContext, @Param('name') name: string): Promise<void> {
    return this.pools.remove(tenant.id, name);
  }
}
