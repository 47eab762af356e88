import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLogEntity, AuditOutcome } from '../entities/audit-log.entity';
import { Page, PageRequest } from './page';

export type NewAuditEntry = Omit<AuditLogEntity, 'id' | 'at'>;

export interface AuditFilter {
  actor?: string;
  action?: string;
  outcome?: AuditOutcome;
  from?: Date;
  to?: Date;
}

/** Only appends and reads: the table refuses UPDATE and DELETE (a trigger), and this class offers neither. */
@Injectable()
export class AuditLogRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async append(entry: NewAuditEntry): Promise<void> {
    await this.db.getRepository(AuditLogEntity).insert({ ...entry, at: new Date() });
  }

  /** A tenant's entries, newest first. `actor` matches the actor's email or user id. */
  async list(tenantId: string, filter: AuditFilter, page: PageRequest): Promise<Page<AuditLogEntity>> {
    const query = this.db
      .getRepository(AuditLogEntity)
      .createQueryBuilder('a')
      .where('a.tenant_id = :tenantId', { tenantId });
    if (filter.actor)
      query.andWhere('(a.actor_email = :actor OR a.actor_user_id::text = :actor)', {
        actor: filter.actor.toLowerCase(),
      });
    if (filter.action) query.andWhere('a.action = :action', { action: filter.action });
    if (filter.outcome) query.andWhere('a.outcome = :outcome', { outcome: filter.outcome });
    if (filter.from) query.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('a.at < :to', { to: filter.to });
    const [items, total] = await query
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    return { items, total, limit: page.limit, offset: page.offset };
  }
}
