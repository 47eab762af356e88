import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { DagRunRepository } from '@updraft/persistence';
import { toDagRunView } from './dag-run.view';
import { ListDagRunsQuery } from './dag-runs.dto';

/** Runs of all the tenant's DAGs at once, for the console's Runs page. */
@Controller('tenants/:tenant/dagRuns')
export class TenantRunsController {
  constructor(private readonly runs: DagRunRepository) {}

  @Get()
  @ApiOperation({ summary: "Runs of every DAG the caller may see, newest first, filtered by state and type" })
  @RequirePermission(PERMISSIONS.runsRead, { filtersByTeam: true })
  async list(@CurrentTenant() tenant: TenantContext, @Query() query: ListDagRunsQuery) {
    const { limit, offset, ...filter } = query;
    const result = await this.runs.listAcrossDags(tenant.id, { limit, offset }, { ...filter, teams: tenant.teams });
    return { ...result, items: result.items.map(toDagRunView) };
  }
}
