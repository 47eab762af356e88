import { Injectable } from '@nestjs/common';
import type { AuditEntryPage } from '@updraft/api-types';
import { AuditLogRepository } from '@updraft/persistence';
import type { AuditLogQuery } from './audit-log.dto';

/** The tenant's audit log as the API shows it. */
@Injectable()
export class AuditLogService {
  constructor(private readonly entries: AuditLogRepository) {}

  async list(tenantId: string, query: AuditLogQuery): Promise<AuditEntryPage> {
    const page = await this.entries.list(tenantId, query, query);
    return {
      ...page,
      items: page.items.map((e) => ({
        id: String(e.id),
        at: e.at.toISOString(),
        actor: { userId: e.actorUserId, email: e.actorEmail },
        action: e.action,
        target: e.target,
        outcome: e.outcome,
        statusCode: e.statusCode,
        ip: e.ip,
      })),
    };
  }
}
