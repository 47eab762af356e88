import { Controller, Get, Query } from '@nestjs/common';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { DagRunRepository } from '@updraft/persistence';
import { toDagRunView } from './dag-run.view';
import { ListDagRunsQuery } from './dag-runs.dto';
import type { DagRunPage } from '@updraft/api-types';

/** Runs of all the tenant's DAGs at once, for the console's Runs page. */
@Controller('tenants/:tenant/dagRuns')
export class TenantRunsController {
  constructor(private readonly runs: DagRunRepository) {}

  /** List the runs of every DAG the caller may see, newest first, filtered by state and type. */
  @Get()
  @RequirePermission(PERMISSIONS.runsRead, { filtersByTeam: true })
  async list(@CurrentTenant() tenant: TenantContext, @Query() query: ListDagRunsQuery): Promise<DagRunPage> {
    const { limit, offset, ...filter } = query;
    const result = await this.runs.listAcrossDags(tenant.id, { limit, offset }, { ...filter, teams: tenant.teams });
    return { ...result, items: result.items.map(toDagRunView) };
  }
}
