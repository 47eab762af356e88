import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TenantEntity } from '../entities/tenant.entity';

export interface TenantUsage {
  /** Active DAGs (in the tenant's current bundle versions). */
  dags: number;
  /** Runs queued since midnight UTC. */
  runsToday: number;
  tasksRunning: number;
}

/** The tenant row itself (its name and limits) and what it is using now. */
@Injectable()
export class TenantRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  find(tenantId: string): Promise<TenantEntity | null> {
    return this.db.getRepository(TenantEntity).findOneBy({ id: tenantId });
  }

  bySlug(slug: string): Promise<TenantEntity | null> {
    return this.db.getRepository(TenantEntity).findOneBy({ slug });
  }

  async rename(tenantId: string, name: string): Promise<void> {
    await this.db.getRepository(TenantEntity).update({ id: tenantId }, { name });
  }

  async usage(tenantId: string): Promise<TenantUsage> {
    const [row] = await this.db.query(
      `SELECT (SELECT count(*)::int FROM dag WHERE tenant_id = $1 AND is_active) AS dags,
              (SELECT count(*)::int FROM dag_run WHERE tenant_id = $1 AND queued_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') AS runs_today,
              (SELECT count(*)::int FROM task_instance WHERE tenant_id = $1 AND state = 'running') AS tasks_running`,
      [tenantId],
    );
    return { dags: row.dags, runsToday: row.runs_today, tasksRunning: row.tasks_running };
  }
}
