import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { AuthenticatedUser, hashOpaqueToken, PasswordHasher, TenantContext } from '@updraft/auth';
import { passwordProblem, Role } from '@updraft/domain';
import { AccountRepository, OneTimeTokenEntity, OneTimeTokenRepository, SessionRepository } from '@updraft/persistence';
import type { Invitation, InvitationAccepted, InvitationList, InvitationPreview } from '@updraft/api-types';
import type { Request } from 'express';
import { AccountMailService, mailDelivery, QueuedAccountMail } from '../accounts/account-mail.service';
import type { AcceptInvitationDto, InviteDto, TokenDto } from '../accounts/accounts.dto';
import { refuseToken } from '../accounts/one-time-token-errors';
import { SessionsService } from '../accounts/sessions.service';
import { setAuditSubject } from '../audit/audit.service';

const toInvitation = (t: OneTimeTokenEntity): Invitation => ({
  id: t.id,
  email: t.email,
  role: t.role as Role,
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt.toISOString(),
  delivery: mailDelivery(t),
});
const withLink = ({ token, link }: QueuedAccountMail): Invitation => ({ ...toInvitation(token), link });

const PASSWORD_NEEDED = {
  no_account: (email: string) => `password is required: there is no account for ${email} yet`,
  unverified_account: (email: string) =>
    `password is required: the account for ${email} never confirmed its address, so accepting sets a new password and ends its other sessions`,
};

/** Invitations into a tenant: sending, resending, looking up, withdrawing and accepting them. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly tokens: OneTimeTokenRepository,
    private readonly mails: AccountMailService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly sessionStore: SessionRepository,
  ) {}

  async invite(body: InviteDto, tenant: TenantContext, user: AuthenticatedUser): Promise<Invitation> {
    if (body.role === 'owner' && tenant.role !== 'owner')
      throw new ForbiddenException('only an owner can invite another owner');
    return withLink(
      await this.mails.send(
        { purpose: 'invitation', email: body.email, tenantId: tenant.id, role: body.role, createdBy: user.id },
        { tenantName: tenant.name, inviter: user.email },
      ),
    );
  }

  async resend(id: string, tenant: TenantContext, user: AuthenticatedUser): Promise<Invitation> {
    const old = await this.pendingOf(tenant, id);
    if (old.role === 'owner' && tenant.role !== 'owner')
      throw new ForbiddenException('only an owner can invite another owner');
    await this.tokens.revokeInvitation(tenant.id, old.id);
    return withLink(
      await this.mails.send(
        { purpose: 'invitation', email: old.email, tenantId: tenant.id, role: old.role, createdBy: user.id },
        { tenantName: tenant.name, inviter: user.email },
      ),
    );
  }

  async lookup(body: TokenDto): Promise<InvitationPreview> {
    const token = await this.tokens.findUsable('invitation', hashOpaqueToken(body.token));
    const tenant = token && (await this.accounts.findTenantById(token.tenantId as string));
    if (!token || !tenant) refuseToken('invitation', 'unknown');
    const [inviter, account] = await Promise.all([
      token.createdBy ? this.accounts.findUserById(token.createdBy) : null,
      this.accounts.findUserByEmail(token.email),
    ]);
    return {
      email: token.email,
      tenant: { slug: tenant.slug, name: tenant.name },
      role: token.role as Role,
      inviter: inviter?.email ?? null,
      expiresAt: token.expiresAt.toISOString(),
      passwordNeeded: !account ? 'no_account' : account.emailVerifiedAt === null ? 'unverified_account' : null,
    };
  }

  async pending(tenant: TenantContext): Promise<InvitationList> {
    return { items: (await this.tokens.pendingInvitations(tenant.id)).map(toInvitation) };
  }

  async revoke(tenant: TenantContext, id: string): Promise<void> {
    const invitation = (await this.tokens.pendingInvitations(tenant.id)).find((t) => t.id === id);
    if (!invitation) throw new NotFoundException('no such pending invitation');
    if (invitation.role === 'owner' && tenant.role !== 'owner')
      throw new ForbiddenException('only an owner can withdraw an invitation to become owner');
    if (!(await this.tokens.revokeInvitation(tenant.id, id))) throw new NotFoundException('no such pending invitation');
  }

  async accept(body: AcceptInvitationDto, ip: string, req: Request): Promise<InvitationAccepted> {
    const result = await this.tokens.consume('invitation', hashOpaqueToken(body.token), async (token, tx) => {
      const joined = await this.accounts.joinTenant(
        {
          email: token.email,
          tenantId: token.tenantId as string,
          role: token.role as Role,
          passwordHash: async () => {
            if (body.password === undefined) return null;
            const problem = passwordProblem(body.password, token.email);
            if (problem)
              throw new BadRequestException({
                message: problem,
                details: [{ field: 'password', problems: [problem] }],
              });
            return this.hasher.hash(body.password);
          },
        },
        tx,
      );
      if (!joined.user)
        throw new BadRequestException({
          message: PASSWORD_NEEDED[joined.passwordNeeded](token.email),
          details: [{ field: 'password', problems: ['password is required'] }],
        });
      if (joined.claimed)
        await this.sessionStore.revokeAllOf(joined.user.id, 'account claimed by the owner of its address', tx);
      return { ...joined, token };
    });
    if (!result.ok) refuseToken('invitation', result.reason);
    const { user, created, claimed, alreadyMember, token } = result.value;
    const tenant = await this.accounts.findTenantById(token.tenantId as string);
    const membership = tenant && (await this.accounts.membership(user.id, tenant.slug));
    if (!tenant || !membership) throw new BadRequestException('the inviting tenant no longer exists');
    setAuditSubject(req, { actor: { id: user.id, email: user.email }, tenantId: tenant.id });
    return {
      user: { id: user.id, email: user.email, emailVerified: user.emailVerifiedAt !== null },
      tenant: { slug: tenant.slug, name: tenant.name },
      role: membership.role,
      created,
      claimed,
      alreadyMember,
      ...((created || claimed) && { session: await this.sessions.start(user, ip) }),
    };
  }

  private async pendingOf(tenant: TenantContext, id: string): Promise<OneTimeTokenEntity> {
    const invitation = await this.tokens.pendingInvitation(tenant.id, id);
    if (!invitation) throw new NotFoundException(`no pending invitation ${id} in tenant ${tenant.slug}`);
    return invitation;
  }
}
