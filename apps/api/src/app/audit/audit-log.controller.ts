import { Controller, Get, Query } from '@nestjs/common';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { AuditLogRepository } from '@updraft/persistence';
import type { AuditEntryPage } from '@updraft/api-types';
import { AuditLogQuery } from './audit-log.dto';

@Controller('tenants/:tenant/auditLog')
export class AuditLogController {
  constructor(private readonly entries: AuditLogRepository) {}

  /**
   * List the audit log.
   *
   * @remarks
   * Newest first; `from` inclusive, `to` exclusive.
   */
  @Get()
  @RequirePermission(PERMISSIONS.auditRead)
  async list(@CurrentTenant() tenant: TenantContext, @Query() query: AuditLogQuery): Promise<AuditEntryPage> {
    const page = await this.entries.list(tenant.id, query, query);
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
