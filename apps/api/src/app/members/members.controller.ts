import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import type { TenantMemberList, TenantMemberView } from '@updraft/api-types';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { ApiErrors } from '../../services/http/api-errors.decorator';
import { ChangeRoleDto } from './members.dto';
import { MembersService } from './members.service';

/** The tenant's members and their roles. Invitations add members (see InvitationsController). */
@Controller('tenants/:tenant/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  /** List the tenant's members. */
  @Get()
  @RequirePermission(PERMISSIONS.tenantRead)
  list(@CurrentTenant() tenant: TenantContext): Promise<TenantMemberList> {
    return this.members.list(tenant.id);
  }

  /** Change a member's tenant role. */
  @Patch(':userId')
  @RequirePermission(PERMISSIONS.membersManage)
  @ApiErrors({ 409: 'The tenant would have no owner left.' })
  changeRole(
    @CurrentTenant() tenant: TenantContext,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() body: ChangeRoleDto,
  ): Promise<TenantMemberView> {
    return this.members.changeRole(tenant, userId, body.role);
  }

  /** Remove a member from the tenant. */
  @Delete(':userId')
  @HttpCode(204)
  @RequirePermission(PERMISSIONS.membersManage)
  @ApiErrors({ 409: 'The tenant would have no owner left.' })
  remove(@CurrentTenant() tenant: TenantContext, @Param('userId', ParseUUIDPipe) userId: string): Promise<void> {
    return this.members.remove(tenant, userId);
  }
}
