import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { DagRunRepository } from '@updraft/persistence';
import { toDagRunView } from './dag-run.view';
import { ClearTaskInstancesDto, ListDagRunsQuery, MarkStateDto, TriggerDagRunDto } from './dag-runs.dto';
import { DagRunsService } from './dag-runs.service';
import type { ClearedTasks, DagRun, DagRunPage } from '@updraft/api-types';
import { ApiErrors } from '../../services/http/api-errors.decorator';

@Controller('tenants/:tenant/dags/:dagId/dagRuns')
export class DagRunsController {
  constructor(private readonly service: DagRunsService, private readonly runs: DagRunRepository) {}

  /** Trigger a run of a DAG. */
  @Post()
  @RequirePermission(PERMISSIONS.dagsTrigger)
  @ApiErrors({ 409: 'A run with the same logical date exists.' })
  async trigger(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string, @Body() body: TriggerDagRunDto): Promise<DagRun> {
    return toDagRunView(await this.service.trigger(tenant.id, dagId, body.conf ?? {}));
  }

  /** List a DAG's runs, newest first. */
  @Get()
  @RequirePermission(PERMISSIONS.runsRead)
  async list(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string, @Query() query: ListDagRunsQuery): Promise<DagRunPage> {
    const result = await this.runs.list(tenant.id, dagId, { limit: query.limit, offset: query.offset }, { state: query.state, runType: query.runType });
    return { ...result, items: result.items.map(toDagRunView) };
  }

  /** Get a run. */
  @Get(':runId')
  @RequirePermission(PERMISSIONS.runsRead)
  async get(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string, @Param('runId') runId: string): Promise<DagRun> {
    return toDagRunView(await this.service.get(tenant.id, dagId, runId));
  }

  /** Mark a run success or failed. */
  @Patch(':runId')
  @RequirePermission(PERMISSIONS.runsEdit)
  async mark(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string, @Param('runId') runId: string, @Body() body: MarkStateDto): Promise<DagRun> {
    return toDagRunView(await this.service.mark(tenant.id, dagId, runId, body.state));
  }

  /** Clear a run's task instances so they run again. */
  @Post(':runId/clear')
  @HttpCode(200)
  @RequirePermission(PERMISSIONS.runsEdit)
  async clear(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string, @Param('runId') runId: string, @Body() body: ClearTaskInstancesDto): Promise<ClearedTasks> {
    return { cleared: await this.service.clear(tenant.id, dagId, runId, body) };
  }
}
