import {
  Body,
  ConflictException,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Patch,
} from '@nestjs/common';
import type { TenantMemberList, TenantMemberView } from '@updraft/api-types';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS, Role } from '@updraft/domain';
import { AccountRepository, MembershipChangeRefusal, TenantMember } from '@updraft/persistence';
import { ApiErrors } from '../../services/http/api-errors.decorator';
import { ChangeRoleDto } from './members.dto';

function toView(member: TenantMember): TenantMemberView {
  return { userId: member.userId, email: member.email, role: member.role, joinedAt: member.joinedAt.toISOString() };
}

function viewOrRefuse(result: TenantMember | MembershipChangeRefusal): TenantMemberView {
  if (result === 'not_a_member') throw new NotFoundException('that user is not a member of this tenant');
  if (result === 'last_owner')
    throw new ConflictException('the tenant would have no owner left: make another member owner first');
  return toView(result);
}

/** The tenant's members and their roles. Invitations add members (see InvitationsController). */
@Controller('tenants/:tenant/members')
export class MembersController {
  constructor(private readonly accounts: AccountRepository) {}

  /** List the tenant's members. */
  @Get()
  @RequirePermission(PERMISSIONS.tenantRead)
  async list(@CurrentTenant() tenant: TenantContext): Promise<TenantMemberList> {
    return { items: (await this.accounts.members(tenant.id)).map(toView) };
  }

  /** Change a member's tenant role. */
  @Patch(':userId')
  @RequirePermission(PERMISSIONS.membersManage)
  @ApiErrors({ 409: 'The tenant would have no owner left.' })
  async changeRole(
    @CurrentTenant() tenant: TenantContext,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() body: ChangeRoleDto,
  ): Promise<TenantMemberView> {
    await this.requireOwnerForOwners(tenant, userId, body.role);
    return viewOrRefuse(await this.accounts.changeRole(tenant.id, userId, body.role));
  }

  /** Remove a member from the tenant. */
  @Delete(':userId')
  @HttpCode(204)
  @RequirePermission(PERMISSIONS.membersManage)
  @ApiErrors({ 409: 'The tenant would have no owner left.' })
  async remove(@CurrentTenant() tenant: TenantContext, @Param('userId', ParseUUIDPipe) userId: string): Promise<void> {
    await this.requireOwnerForOwners(tenant, userId);
    viewOrRefuse(await this.accounts.removeMember(tenant.id, userId));
  }

  /** Only an owner makes, unmakes or removes an owner; an admin manages everyone else. */
  private async requireOwnerForOwners(tenant: TenantContext, userId: string, newRole?: Role): Promise<void> {
    if (tenant.role === 'owner') return;
    const target = (await this.accounts.members(tenant.id)).find((member) => member.userId === userId);
    if (newRole === 'owner' || target?.role === 'owner')
      throw new ForbiddenException('only an owner can make, change or remove an owner');
  }
}
