import { Injectable } from '@nestjs/common';
import type { TenantMemberList, TenantMemberView } from '@updraft/api-types';
import type { TenantContext } from '@updraft/auth';
import { Role } from '@updraft/domain';
import { AccountRepository, MembershipChangeRefusal, TenantMember } from '@updraft/persistence';
import { MemberException } from './members.exception';

function toView(member: TenantMember): TenantMemberView {
  return { userId: member.userId, email: member.email, role: member.role, joinedAt: member.joinedAt.toISOString() };
}

function viewOrRefuse(result: TenantMember | MembershipChangeRefusal): TenantMemberView {
  if (result === 'not_a_member') throw new MemberException('notAMember', 'that user is not a member of this tenant');
  if (result === 'last_owner')
    throw new MemberException('lastOwner', 'the tenant would have no owner left: make another member owner first');
  return toView(result);
}

/** The tenant's members and their roles. */
@Injectable()
export class MembersService {
  constructor(private readonly accounts: AccountRepository) {}

  async list(tenantId: string): Promise<TenantMemberList> {
    return { items: (await this.accounts.members(tenantId)).map(toView) };
  }

  async changeRole(tenant: TenantContext, userId: string, role: Role): Promise<TenantMemberView> {
    await this.requireOwnerForOwners(tenant, userId, role);
    return viewOrRefuse(await this.accounts.changeRole(tenant.id, userId, role));
  }

  async remove(tenant: TenantContext, userId: string): Promise<void> {
    await this.requireOwnerForOwners(tenant, userId);
    viewOrRefuse(await this.accounts.removeMember(tenant.id, userId));
  }

  /** Only an owner makes, unmakes or removes an owner; an admin manages everyone else. */
  private async requireOwnerForOwners(tenant: TenantContext, userId: string, newRole?: Role): Promise<void> {
    if (tenant.role === 'owner') return;
    const target = (await this.accounts.members(tenant.id)).find((member) => member.userId === userId);
    if (newRole === 'owner' || target?.role === 'owner')
      throw new MemberException('ownerOnly', 'only an owner can make, change or remove an owner');
  }
}
