import { Controller, Get, Query } from '@nestjs/common';
import type { SlaMissPage } from '@updraft/api-types';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { ListSlaMissesQuery } from './sla-misses.dto';
import { SlaMissesService } from './sla-misses.service';

/** Task SLA and DAG deadline misses, newest first; a miss's alerts are the notification deliveries with its `notificationKey`. */
@Controller('tenants/:tenant/slaMisses')
export class SlaMissesController {
  constructor(private readonly misses: SlaMissesService) {}

  /** List SLA and deadline misses, newest first. */
  @Get()
  @RequirePermission(PERMISSIONS.runsRead)
  list(@CurrentTenant() tenant: TenantContext, @Query() query: ListSlaMissesQuery): Promise<SlaMissPage> {
    return this.misses.list(tenant.id, query);
  }
}
