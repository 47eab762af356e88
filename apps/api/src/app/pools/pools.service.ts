import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolPage } from '@updraft/api-types';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { DEFAULT_POOL } from '@updraft/domain';
import { DuplicatePoolError, PoolRepository, PoolUsage } from '@updraft/persistence';
import type { PaginationQuery } from '../../services/http/pagination.dto';
import type { CreatePoolDto, UpdatePoolDto } from './pools.dto';
import { PoolException } from './pools.exception';

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

const notFound = (name: string) => new PoolException('poolNotFound', `pool '${name}' not found`);

/** A tenant's pools with their slot use; default_pool always exists and cannot be deleted. */
@Injectable()
export class PoolsService {
  private readonly defaultSlots: number;

  constructor(
    private readonly pools: PoolRepository,
    @Inject(UPDRAFT_CONFIG) config: UpdraftConfig,
  ) {
    this.defaultSlots = config.defaultPoolSlots;
  }

  async list(tenantId: string, query: PaginationQuery): Promise<PoolPage> {
    const page = await this.pools.list(tenantId, this.defaultSlots, { limit: query.limit, offset: query.offset });
    return { ...page, items: page.items.map(toView) };
  }

  async get(tenantId: string, name: string): Promise<Pool> {
    const pool = await this.pools.get(tenantId, this.defaultSlots, name);
    if (!pool) throw notFound(name);
    return toView(pool);
  }

  async create(tenantId: string, body: CreatePoolDto): Promise<Pool> {
    try {
      if (body.name === DEFAULT_POOL) throw new DuplicatePoolError(DEFAULT_POOL);
      await this.pools.create(tenantId, { name: body.name, slots: body.slots, description: body.description ?? '' });
    } catch (error) {
      if (error instanceof DuplicatePoolError)
        throw new PoolException('poolExists', `${error.message}; change its slots with PATCH`);
      throw error;
    }
    return this.get(tenantId, body.name);
  }

  async update(tenantId: string, name: string, body: UpdatePoolDto): Promise<Pool> {
    if (!(await this.pools.update(tenantId, this.defaultSlots, name, body))) throw notFound(name);
    return this.get(tenantId, name);
  }

  async remove(tenantId: string, name: string): Promise<void> {
    if (name === DEFAULT_POOL)
      throw new PoolException(
        'defaultPoolKept',
        `${DEFAULT_POOL} cannot be deleted; set its slots to 0 to hold its tasks`,
      );
    if (!(await this.pools.remove(tenantId, name))) throw notFound(name);
  }
}
