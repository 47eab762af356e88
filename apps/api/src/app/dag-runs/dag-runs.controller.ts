import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { DagRunRepository } from '@updraft/persistence';
import { toDagRunView } from './dag-run.view';
import { ClearTaskInstancesDto, ListDagRunsQuery, MarkStateDto, TriggerDagRunDto } from './dag-runs.dto';
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
  async list(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string, @Query() query: ListDagRunsQuery) {
    const result = await this.runs.list(tenant.id, dagId, { limit: query.limit, offset: query.offset }, {
      state: query.state, runType: query.runType, logicalDateFrom: query.logicalDateFrom, logicalDateTo: query.logicalDateTo,
    });
    return { ...result, items: result.items.map(toDagRunView) };
  }

  @Get(':runId')
  @RequirePermission(PERMISSIONS.runsRead)
  async get(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string, @Param('runId') runId: string) {
    return toDagRunView(await this.service.get(tenant.id, dagId, runId));
  }

  @Patch(':runId')
  @RequirePermission(PERMISSIONS.runsEdit)
  async mark(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string, @Param('runId') runId: string, @Body() body: MarkStateDto) {
    return toDagRunView(await this.service.mark(tenant.id, dagId, runId, body.state));
  }

  @Post(':runId/clear')
  @HttpCode(200)
  @RequirePermission(PERMISSIONS.runsEdit)
  async clear(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string, @Param('runId') runId: string, @Body() body: ClearTaskInstancesDto) {
    return { cleared: await this.service.clear(tenant.id, dagId, runId, body) };
  }
}
