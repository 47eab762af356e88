import { Body, Controller, Get, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { BackfillCreated, BackfillPlan } from '@updraft/api-types';
import type { Backfill, BackfillPage } from '@updraft/api-types';
import { AuthenticatedUser, CurrentTenant, CurrentUser, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { PaginationQuery } from '../../services/http/pagination.dto';
import { CreateBackfillDto } from './backfills.dto';
import { BackfillsService } from './backfills.service';

@Controller('tenants/:tenant/dags/:dagId/backfills')
export class BackfillsController {
  constructor(private readonly service: BackfillsService) {}

  /**
   * Backfill a DAG over a range of logical dates.
   *
   * @remarks
   * With `dryRun`, lists the logical dates it would create, reprocess and skip, and creates nothing.
   */
  @Post()
  @RequirePermission(PERMISSIONS.runsEdit)
  @ApiCreatedResponse({ description: 'The backfill with its runs.', type: BackfillCreated })
  @ApiOkResponse({ description: 'With `dryRun`: the runs it would create, reprocess and skip.', type: BackfillPlan })
  create(
    @CurrentTenant() tenant: TenantContext,
    @CurrentUser() user: AuthenticatedUser,
    @Param('dagId') dagId: string,
    @Body() body: CreateBackfillDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<BackfillCreated | BackfillPlan> {
    // A dry run creates nothing: 200, not 201.
    if (body.dryRun)
      return this.service.preview(tenant.id, dagId, body).then((plan) => (response.status(HttpStatus.OK), plan));
    return this.service.create(tenant.id, dagId, body, user.id);
  }

  /** List a DAG's backfills. */
  @Get()
  @RequirePermission(PERMISSIONS.runsRead)
  list(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Query() query: PaginationQuery,
  ): Promise<BackfillPage> {
    return this.service.list(tenant.id, dagId, query);
  }

  /** Get a backfill with its run counts. */
  @Get(':backfillId')
  @RequirePermission(PERMISSIONS.runsRead)
  get(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Param('backfillId') backfillId: string,
  ): Promise<Backfill> {
    return this.service.get(tenant.id, dagId, backfillId);
  }
}
