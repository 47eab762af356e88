import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEFAULT_POOL } from '@updraft/domain';
import { DataSource } from 'typeorm';
import { PoolEntity } from '../entities/pool.entity';
import { Page, PageRequest } from './page';
import { isUniqueViolation } from './unique-violation';

/** A pool with the slots its task instances hold now. */
export interface PoolUsage {
  pool: PoolEntity;
  running: number;
  queued: number;
  /** Ready and waiting for a slot (here, in their tenant's limit or the platform's). */
  scheduled: number;
}

export class DuplicatePoolError extends Error {
  constructor(readonly poolName: string) {
    super(`a pool named '${poolName}' already exists`);
  }
}

function toPool(row: Record<string, any>): PoolEntity {
  return Object.assign(new PoolEntity(), {
    id: row['id'],
    tenantId: row['tenant_id'],
    name: row['name'],
    slots: row['slots'],
    description: row['description'],
    createdAt: row['created_at'],
    updatedAt: row['updated_at'],
  });
}

const WITH_USAGE = `
  SELECT p.*, COALESCE(u.running, 0)::int AS running, COALESCE(u.queued, 0)::int AS queued, COALESCE(u.scheduled, 0)::int AS scheduled
    FROM pool p
    LEFT JOIN LATERAL (
      SELECT sum(pool_slots) FILTER (WHERE state = 'running') AS running, sum(pool_slots) FILTER (WHERE state = 'queued') AS queued,
             count(*) FILTER (WHERE state = 'scheduled') AS scheduled
        FROM task_instance ti WHERE ti.tenant_id = p.tenant_id AND ti.pool = p.name AND ti.state IN ('scheduled', 'queued', 'running')
    ) u ON true`;

const toUsage = (row: Record<string, any>): PoolUsage => ({
  pool: toPool(row),
  running: row['running'],
  queued: row['queued'],
  scheduled: row['scheduled'],
});

/** A tenant's pools. Its default_pool comes into being with `defaultSlots` the first time it is looked at. */
@Injectable()
export class PoolRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(tenantId: string, defaultSlots: number, page: PageRequest): Promise<Page<PoolUsage>> {
    await this.ensureDefault(tenantId, defaultSlots);
    const rows = await this.db.query(`${WITH_USAGE} WHERE p.tenant_id = $1 ORDER BY p.name LIMIT $2 OFFSET $3`, [
      tenantId,
      page.limit,
      page.offset,
    ]);
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM pool WHERE tenant_id = $1`, [tenantId]);
    return { items: rows.map(toUsage), total, ...page };
  }

  async get(tenantId: string, defaultSlots: number, name: string): Promise<PoolUsage | null> {
    if (name === DEFAULT_POOL) await this.ensureDefault(tenantId, defaultSlots);
    const rows = await this.db.query(`${WITH_USAGE} WHERE p.tenant_id = $1 AND p.name = $2`, [tenantId, name]);
    return rows.length > 0 ? toUsage(rows[0]) : null;
  }

  async create(tenantId: string, input: { name: string; slots: number; description: string }): Promise<void> {
    try {
      await this.db.query(`INSERT INTO pool (tenant_id, name, slots, description) VALUES ($1, $2, $3, $4)`, [
        tenantId,
        input.name,
        input.slots,
        input.description,
      ]);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicatePoolError(input.name);
      throw error;
    }
  }

  /** Changes what is given; false when there is no such pool. */
  async update(
    tenantId: string,
    defaultSlots: number,
    name: string,
    change: { slots?: number; description?: string },
  ): Promise<boolean> {
    if (name === DEFAULT_POOL) await this.ensureDefault(tenantId, defaultSlots);
    const [, count] = await this.db.query(
      `UPDATE pool SET slots = COALESCE($3, slots), description = COALESCE($4, description), updated_at = now() WHERE tenant_id = $1 AND name = $2`,
      [tenantId, name, change.slots ?? null, change.description ?? null],
    );
    return count > 0;
  }

  async remove(tenantId: string, name: string): Promise<boolean> {
    const [, count] = await this.db.query(`DELETE FROM pool WHERE tenant_id = $1 AND name = $2`, [tenantId, name]);
    return count > 0;
  }

  private async ensureDefault(tenantId: string, slots: number): Promise<void> {
    await this.db.query(
      `INSERT INTO pool (tenant_id, name, slots, description) VALUES ($1, $2, $3, 'Default pool') ON CONFLICT (tenant_id, name) DO NOTHING`,
      [tenantId, DEFAULT_POOL, slots],
    );
  }
}
