import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { DagRunRepository } from '@updraft/persistence';
import { PaginationQuery } from '../../services/http/pagination.dto';
import { toDagRunView } from './dag-run.view';
import { TriggerDagRunDto } from './dag-runs.dto';
import { DagRunsService } from './dag-runs.service';

@Controller('tenants/:tenant/dags/:dagId/dagRuns')
export class DagRunsController {
  constructor(private readonly service: DagRunsService, private readonly runs: DagRunRepository) {}

  @Post()
  @RequirePermission(PERMISSIONS.dagsTrigger)
  async trigger(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string, @Body() body: TriggerDagRunDto) {
    return toDagRunView(await this.service.trigger(tenant.id, dagId, body.conf ?? {}));
  }

  @Get()
  @RequirePermission(PERMISSIONS.runsRead)
  async list(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string, @Query() page: PaginationQuery) {
    const result = await this.runs.list(tenant.id, dagId, page);
    return { ...result, items: result.items.map(toDagRunView) };
  }

  @Get(':runId')
  @RequirePermission(PERMISSIONS.runsRead)
  async get(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string, @Param('runId') runId: string) {
    return toDagRunView(await this.service.get(tenant.id, dagId, runId));
  }
}
