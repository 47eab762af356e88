import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  Ip,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
} from '@nestjs/common';
import {
  AuthenticatedUser,
  CurrentTenant,
  CurrentUser,
  hashOpaqueToken,
  PasswordHasher,
  Public,
  RequirePermission,
  TenantContext,
} from '@updraft/auth';
import { passwordProblem, PERMISSIONS, Role } from '@updraft/domain';
import { AccountRepository, OneTimeTokenEntity, OneTimeTokenRepository, SessionRepository } from '@updraft/persistence';
import type { Invitation, InvitationAccepted, InvitationList, InvitationPreview } from '@updraft/api-types';
import type { Request } from 'express';
import { AccountMailService, mailDelivery, QueuedAccountMail } from '../accounts/account-mail.service';
import { AcceptInvitationDto, InviteDto, TokenDto } from '../accounts/accounts.dto';
import { refuseToken } from '../accounts/one-time-token-errors';
import { SessionsService } from '../accounts/sessions.service';
import { setAuditSubject } from '../audit/audit.service';
import { ApiErrors } from '../../services/http/api-errors.decorator';

const toInvitation = (t: OneTimeTokenEntity): Invitation => ({
  id: t.id,
  email: t.email,
  role: t.role as Role,
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt.toISOString(),
  delivery: mailDelivery(t),
});
const withLink = ({ token, link }: QueuedAccountMail): Invitation => ({ ...toInvitation(token), link });

@Controller()
export class InvitationsController {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly tokens: OneTimeTokenRepository,
    private readonly mails: AccountMailService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly sessionStore: SessionRepository,
  ) {}

  /**
   * Invite someone to the tenant by email.
   *
   * @remarks
   * Queues a mail with a one-time link that adds the address to this tenant with `role` (creating
   * its account if need be). Answers at once with the delivery state and the link, whether or not
   * the SMTP server is up: the worker retries the mail.
   */
  @Post('tenants/:tenant/invitations')
  @RequirePermission(PERMISSIONS.membersManage)
  async invite(
    @Body() body: InviteDto,
    @CurrentTenant() tenant: TenantContext,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Invitation> {
    if (body.role === 'owner' && tenant.role !== 'owner')
      throw new ForbiddenException('only an owner can invite another owner');
    return withLink(
      await this.mails.send(
        { purpose: 'invitation', email: body.email, tenantId: tenant.id, role: body.role, createdBy: user.id },
        { tenantName: tenant.name, inviter: user.email },
      ),
    );
  }

  /** Mail a pending invitation again with a new link; the old link stops working. */
  @Post('tenants/:tenant/invitations/:id/resend')
  @RequirePermission(PERMISSIONS.membersManage)
  async resend(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentTenant() tenant: TenantContext,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Invitation> {
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

  /**
   * Look up what an invitation link invites to.
   *
   * @remarks
   * Names the tenant, the inviter and the role, and whether accepting needs a password, before accepting it: only whoever holds the token learns anything.
   */
  @Post('auth/invitations/lookup')
  @HttpCode(200)
  @Public()
  async lookup(@Body() body: TokenDto): Promise<InvitationPreview> {
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

  /** List pending invitations. */
  @Get('tenants/:tenant/invitations')
  @RequirePermission(PERMISSIONS.membersManage)
  async pending(@CurrentTenant() tenant: TenantContext): Promise<InvitationList> {
    return { items: (await this.tokens.pendingInvitations(tenant.id)).map(toInvitation) };
  }

  /**
   * Withdraw a pending invitation.
   *
   * @remarks
   * Its link stops working; only an owner withdraws an invitation to become owner.
   */
  @Delete('tenants/:tenant/invitations/:id')
  @HttpCode(204)
  @RequirePermission(PERMISSIONS.membersManage)
  async revoke(
    @CurrentTenant() tenant: TenantContext,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('no such pending invitation') }))
    id: string,
  ): Promise<void> {
    const invitation = (await this.tokens.pendingInvitations(tenant.id)).find((t) => t.id === id);
    if (!invitation) throw new NotFoundException('no such pending invitation');
    if (invitation.role === 'owner' && tenant.role !== 'owner')
      throw new ForbiddenException('only an owner can withdraw an invitation to become owner');
    if (!(await this.tokens.revokeInvitation(tenant.id, id))) throw new NotFoundException('no such pending invitation');
  }

  /**
   * Accept an invitation.
   *
   * @remarks
   * The token proves the invited mailbox. An account with that address whose owner proved it
   * (verified) joins the tenant; otherwise a password is needed: it creates the account, or, for
   * an account whose address was never verified, replaces its password and ends every earlier
   * session of it (whoever signed it up may not own the address). Either way the caller is
   * logged in.
   */
  @Post('auth/invitations/accept')
  @HttpCode(200)
  @Public()
  @ApiErrors({ 410: 'The link was already used or has expired.' })
  async accept(@Body() body: AcceptInvitationDto, @Ip() ip: string, @Req() req: Request): Promise<InvitationAccepted> {
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

const PASSWORD_NEEDED = {
  no_account: (email: string) => `password is required: there is no account for ${email} yet`,
  unverified_account: (email: string) =>
    `password is required: the account for ${email} never confirmed its address, so accepting sets a new password and ends its other sessions`,
};
