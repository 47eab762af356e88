import { Controller, Get, Query } from '@nestjs/common';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { ListDagRunsQuery } from './dag-runs.dto';
import { DagRunsService } from './dag-runs.service';
import type { DagRunPage } from '@updraft/api-types';

/** Runs of all the tenant's DAGs at once, for the console's Runs page. */
@Controller('tenants/:tenant/dagRuns')
export class TenantRunsController {
  constructor(private readonly runs: DagRunsService) {}

  /** List the runs of every DAG the caller may see, newest first, filtered by state and type. */
  @Get()
  @RequirePermission(PERMISSIONS.runsRead, { filtersByTeam: true })
  list(@CurrentTenant() tenant: TenantContext, @Query() query: ListDagRunsQuery): Promise<DagRunPage> {
    return this.runs.listAcrossDags(tenant, query);
  }
}
