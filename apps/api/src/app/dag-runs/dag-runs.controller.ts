import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { ClearTaskInstancesDto, ListDagRunsQuery, MarkStateDto, TriggerDagRunDto } from './dag-runs.dto';
import { DagRunsService } from './dag-runs.service';
import { DagRun, MarkPreview } from '@updraft/api-types';
import type { ClearResult, DagRunPage } from '@updraft/api-types';
import { ApiErrors, ApiOneOfResponse } from '../../services/http/api-errors.decorator';

@Controller('tenants/:tenant/dags/:dagId/dagRuns')
export class DagRunsController {
  constructor(private readonly service: DagRunsService) {}

  /** Trigger a run of a DAG. */
  @Post()
  @RequirePermission(PERMISSIONS.dagsTrigger)
  @ApiErrors({ 409: 'A run with the same logical date exists.' })
  trigger(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Body() body: TriggerDagRunDto,
  ): Promise<DagRun> {
    return this.service.trigger(tenant.id, dagId, body.conf ?? {}, body.logicalDate);
  }

  /** List a DAG's runs, newest first. */
  @Get()
  @RequirePermission(PERMISSIONS.runsRead)
  list(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Query() query: ListDagRunsQuery,
  ): Promise<DagRunPage> {
    return this.service.list(tenant.id, dagId, query);
  }

  /** Get a run. */
  @Get(':runId')
  @RequirePermission(PERMISSIONS.runsRead)
  get(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Param('runId') runId: string,
  ): Promise<DagRun> {
    return this.service.view(tenant.id, dagId, runId);
  }

  /**
   * Mark a run success or failed.
   *
   * @remarks
   * Marking it failed cancels it. With `dryRun`, lists the task instances it would change instead.
   */
  @Patch(':runId')
  @RequirePermission(PERMISSIONS.runsEdit)
  @ApiOneOfResponse(
    200,
    'The run after the mark, or (with `dryRun`) the task instances the mark would change.',
    DagRun,
    MarkPreview,
  )
  mark(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Param('runId') runId: string,
    @Body() body: MarkStateDto,
  ): Promise<DagRun | MarkPreview> {
    if (body.dryRun) return this.service.previewMark(tenant.id, dagId, runId, body.state);
    return this.service.mark(tenant.id, dagId, runId, body.state);
  }

  /**
   * Clear a run's task instances so they run again.
   *
   * @remarks
   * With `dryRun`, lists the task instances it would clear and changes nothing.
   */
  @Post(':runId/clear')
  @HttpCode(200)
  @RequirePermission(PERMISSIONS.runsEdit)
  clear(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Param('runId') runId: string,
    @Body() body: ClearTaskInstancesDto,
  ): Promise<ClearResult> {
    return this.service.clear(tenant.id, dagId, runId, body);
  }
}
