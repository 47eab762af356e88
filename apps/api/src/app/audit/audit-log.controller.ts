import { Controller, Get, Query } from '@nestjs/common';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import type { AuditEntryPage } from '@updraft/api-types';
import { AuditLogQuery } from './audit-log.dto';
import { AuditLogService } from './audit-log.service';

@Controller('tenants/:tenant/auditLog')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  /**
   * List the audit log.
   *
   * @remarks
   * Newest first; `from` inclusive, `to` exclusive.
   */
  @Get()
  @RequirePermission(PERMISSIONS.auditRead)
  list(@CurrentTenant() tenant: TenantContext, @Query() query: AuditLogQuery): Promise<AuditEntryPage> {
    return this.auditLog.list(tenant.id, query);
  }
}
