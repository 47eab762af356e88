import { Body, Controller, Get, HttpCode, Ip, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import type { Approval, ApprovalPage } from '@updraft/api-types';
import { AuthenticatedUser, CurrentTenant, CurrentUser, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { ApiErrors } from '../../services/http/api-errors.decorator';
import { AnswerApprovalDto, ListApprovalsQuery } from './approvals.dto';
import { ApprovalsService } from './approvals.service';

/** Approval steps' questions: the "Needs my answer" inbox (`state=pending&mine=true`), a run's questions, and answering one. */
@Controller('tenants/:tenant/approvals')
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalsService) {}

  /** List approval questions, newest first. */
  @Get()
  @RequirePermission(PERMISSIONS.runsRead, { filtersByTeam: true })
  list(
    @CurrentTenant() tenant: TenantContext,
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListApprovalsQuery,
  ): Promise<ApprovalPage> {
    return this.approvals.list(tenant.id, user.id, tenant.teams, query);
  }

  /** Get one approval question, with who must answer it and its answer. */
  @Get(':id')
  @RequirePermission(PERMISSIONS.runsRead, { filtersByTeam: true })
  get(
    @CurrentTenant() tenant: TenantContext,
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<Approval> {
    return this.approvals.get(tenant.id, user.id, tenant.teams, id);
  }

  /**
   * Answer an approval question.
   *
   * @remarks
   * Only an assignee with `runs:edit` on the DAG may answer; the first valid answer wins (a later
   * one is a 409 naming it). The step then ends with `{ option, form, answeredBy, via, answeredAt }`
   * as its XCom.
   */
  @Post(':id/answer')
  @HttpCode(200)
  @RequirePermission(PERMISSIONS.runsEdit, { filtersByTeam: true })
  @ApiErrors({ 409: 'Answered already, or timed out.' })
  answer(
    @CurrentTenant() tenant: TenantContext,
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AnswerApprovalDto,
    @Ip() ip: string,
  ): Promise<Approval> {
    return this.approvals.answer(
      { tenantId: tenant.id, userId: user.id, email: user.email, role: tenant.role, ip },
      id,
      body,
    );
  }
}
