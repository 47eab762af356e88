import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { BundleRepository, DagRunRepository } from '@updraft/persistence';
import { toDagRunView } from './dag-run.view';
import { ClearTaskInstancesDto, ListDagRunsQuery, MarkStateDto, TriggerDagRunDto } from './dag-runs.dto';
import { DagRunsService } from './dag-runs.service';

@Controller('tenants/:tenant/dags/:dagId/dagRuns')
export class DagRunsController {
  constructor(private readonly service: DagRunsService, private readonly runs: DagRunRepository, private readonly bundles: BundleRepository) {}

  @Post()
  @RequirePermission(PERMISSIONS.dagsTrigger)
  async trigger(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string, @Body() body: TriggerDagRunDto) {
    return toDagRunView(await this.service.trigger(tenant.id, dagId, body.conf ?? {}, body.logicalDate));
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
    const run = await this.service.get(tenant.id, dagId, runId);
    return { ...toDagRunView(run), bundle: await this.bundles.ofDagVersion(tenant.id, run.dagVersionId) };
  }

  @Patch(':runId')
  @RequirePermission(PERMISSIONS.runsEdit)
  @ApiOperation({ summary: 'Mark a run success or failed (cancel); with dryRun, list the task instances it would change instead' })
  @ApiParam({ name: 'runId' })
  @ApiOkResponse({ description: 'The run after the mark, or (dryRun) { dryRun, state, taskInstances }' })
  async mark(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string, @Param('runId') runId: string, @Body() body: MarkStateDto) {
    if (body.dryRun) return this.service.previewMark(tenant.id, dagId, runId, body.state);
    return toDagRunView(await this.service.mark(tenant.id, dagId, runId, body.state));
  }

  @Post(':runId/clear')
  @HttpCode(200)
  @RequirePermission(PERMISSIONS.runsEdit)
  @ApiOperation({ summary: 'Clear task instances so they run again; with dryRun, list them and change nothing' })
  @ApiParam({ name: 'runId' })
  @ApiOkResponse({ description: '{ cleared: task ids, taskInstances: [{ taskId, mapIndex, state }], dryRun }' })
  clear(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string, @Param('runId') runId: string, @Body() body: ClearTaskInstancesDto) {
    return this.service.clear(tenant.id, dagId, runId, body);
  }
}
