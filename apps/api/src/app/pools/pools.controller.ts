import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import type { Pool, PoolPage } from '@updraft/api-types';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { DEFAULT_POOL, PERMISSIONS } from '@updraft/domain';
import { DuplicatePoolError, PoolRepository, PoolUsage } from '@updraft/persistence';
import { PaginationQuery } from '../../services/http/pagination.dto';
import { CreatePoolDto, UpdatePoolDto } from './pools.dto';
import { ApiErrors } from '../../services/http/api-errors.decorator';

function toView({ pool, running, queued, scheduled }: PoolUsage): Pool {
  return {
    name: pool.name,
    slots: pool.slots,
    description: pool.description,
    runningSlots: running,
    queuedSlots: queued,
    openSlots: Math.max(pool.slots - running - queued, 0),
    scheduledTasks: scheduled,
    updatedAt: new Date(pool.updatedAt).toISOString(),
  };
}

/** A tenant's pools; default_pool always exists and cannot be deleted. */
@Controller('tenants/:tenant/pools')
export class PoolsController {
  private readonly defaultSlots: number;

  constructor(
    private readonly pools: PoolRepository,
    @Inject(UPDRAFT_CONFIG) config: UpdraftConfig,
  ) {
    this.defaultSlots = config.defaultPoolSlots;
  }

  /** List pools with their slot use. */
  @Get()
  @RequirePermission(PERMISSIONS.poolsRead)
  async list(@CurrentTenant() tenant: TenantContext, @Query() query: PaginationQuery): Promise<PoolPage> {
    const page = await this.pools.list(tenant.id, this.defaultSlots, { limit: query.limit, offset: query.offset });
    return { ...page, items: page.items.map(toView) };
  }

  /** Get a pool. */
  @Get(':name')
  @RequirePermission(PERMISSIONS.poolsRead)
  async get(@CurrentTenant() tenant: TenantContext, @Param('name') name: string): Promise<Pool> {
    return toView(await this.find(tenant, name));
  }

  /** Create a pool. */
  @Post()
  @RequirePermission(PERMISSIONS.poolsManage)
  @ApiErrors({ 409: 'A pool with that name exists.' })
  async create(@CurrentTenant() tenant: TenantContext, @Body() body: CreatePoolDto): Promise<Pool> {
    try {
      if (body.name === DEFAULT_POOL) throw new DuplicatePoolError(DEFAULT_POOL);
      await this.pools.create(tenant.id, { name: body.name, slots: body.slots, description: body.description ?? '' });
    } catch (error) {
      if (error instanceof DuplicatePoolError)
        throw new ConflictException(`${error.message}; change its slots with PATCH`);
      throw error;
    }
    return toView(await this.find(tenant, body.name));
  }

  /** Change a pool's slots or description. */
  @Patch(':name')
  @RequirePermission(PERMISSIONS.poolsManage)
  async update(
    @CurrentTenant() tenant: TenantContext,
    @Param('name') name: string,
    @Body() body: UpdatePoolDto,
  ): Promise<Pool> {
    if (!(await this.pools.update(tenant.id, this.defaultSlots, name, body)))
      throw new NotFoundException(`pool '${name}' not found`);
    return toView(await this.find(tenant, name));
  }

  /** Delete a pool. */
  @Delete(':name')
  @HttpCode(204)
  @RequirePermission(PERMISSIONS.poolsManage)
  async remove(@CurrentTenant() tenant: TenantContext, @Param('name') name: string): Promise<void> {
    if (name === DEFAULT_POOL)
      throw new BadRequestException(`${DEFAULT_POOL} cannot be deleted; set its slots to 0 to hold its tasks`);
    if (!(await this.pools.remove(tenant.id, name))) throw new NotFoundException(`pool '${name}' not found`);
  }

  private async find(tenant: TenantContext, name: string): Promise<PoolUsage> {
    const pool = await this.pools.get(tenant.id, this.defaultSlots, name);
    if (!pool) throw new NotFoundException(`pool '${name}' not found`);
    return pool;
  }
}
