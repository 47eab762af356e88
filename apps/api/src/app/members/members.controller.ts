import { Body, ConflictException, Controller, Delete, ForbiddenException, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import type { TenantMemberView } from '@updraft/api-types';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS, ROLES, Role } from '@updraft/domain';
import { AccountRepository, MembershipChangeRefusal, TenantMember } from '@updraft/persistence';
import { IsIn } from 'class-validator';

export class ChangeRoleDto {
  @IsIn([...ROLES], { message: `role must be one of ${ROLES.join(', ')}` }) role: Role;
}

function toView(member: TenantMember): TenantMemberView {
  return { userId: member.userId, email: member.email, role: member.role, joinedAt: member.joinedAt.toISOString() };
}

function viewOrRefuse(result: TenantMember | MembershipChangeRefusal): TenantMemberView {
  if (result === 'not_a_member') throw new NotFoundException('that user is not a member of this tenant');
  if (result === 'last_owner') throw new ConflictException('the tenant would have no owner left: make another member owner first');
  return toView(result);
}

/** The tenant's members and their roles. Invitations add members (see InvitationsController). */
@Controller('tenants/:tenant/members')
export class MembersController {
  constructor(private readonly accounts: AccountRepository) {}

  @Get()
  @RequirePermission(PERMISSIONS.tenantRead)
  async list(@CurrentTenant() tenant: TenantContext): Promise<{ items: TenantMemberView[] }> {
    return { items: (await this.accounts.members(tenant.id)).map(toView) };
  }

  @Patch(':userId')
  @RequirePermission(PERMISSIONS.membersManage)
  async changeRole(@CurrentTenant() tenant: TenantContext, @Param('userId', ParseUUIDPipe) userId: string, @Body() body: ChangeRoleDto): Promise<TenantMemberView> {
    await this.requireOwnerForOwners(tenant, userId, body.role);
    return viewOrRefuse(await this.accounts.changeRole(tenant.id, userId, body.role));
  }

  @Delete(':userId')
  @HttpCode(204)
  @RequirePermission(PERMISSIONS.membersManage)
  async remove(@CurrentTenant() tenant: TenantContext, @Param('userId', ParseUUIDPipe) userId: string): Promise<void> {
    await this.requireOwnerForOwners(tenant, userId);
    viewOrRefuse(await this.accounts.removeMember(tenant.id, userId));
  }

  /** Only an owner makes, unmakes or removes an owner; an admin manages everyone else. */
  private async requireOwnerForOwners(tenant: TenantContext, userId: string, newRole?: Role): Promise<void> {
    if (tenant.role === 'owner') return;
    const target = (await this.accounts.members(tenant.id)).find((member) => member.userId === userId);
    if (newRole === 'owner' || target?.role === 'owner') throw new ForbiddenException('only an owner can make, change or remove an owner');
  }
}
