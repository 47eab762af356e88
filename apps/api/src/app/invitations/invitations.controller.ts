import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Ip,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
} from '@nestjs/common';
import { AuthenticatedUser, CurrentTenant, CurrentUser, Public, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import type { Invitation, InvitationAccepted, InvitationList, InvitationPreview } from '@updraft/api-types';
import type { Request } from 'express';
import { AcceptInvitationDto, InviteDto, TokenDto } from '../accounts/accounts.dto';
import { ApiErrors } from '../../services/http/api-errors.decorator';
import { InvitationsService } from './invitations.service';

@Controller()
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

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
  invite(
    @Body() body: InviteDto,
    @CurrentTenant() tenant: TenantContext,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Invitation> {
    return this.invitations.invite(body, tenant, user);
  }

  /** Mail a pending invitation again with a new link; the old link stops working. */
  @Post('tenants/:tenant/invitations/:id/resend')
  @RequirePermission(PERMISSIONS.membersManage)
  resend(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentTenant() tenant: TenantContext,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Invitation> {
    return this.invitations.resend(id, tenant, user);
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
  lookup(@Body() body: TokenDto): Promise<InvitationPreview> {
    return this.invitations.lookup(body);
  }

  /** List pending invitations. */
  @Get('tenants/:tenant/invitations')
  @RequirePermission(PERMISSIONS.membersManage)
  pending(@CurrentTenant() tenant: TenantContext): Promise<InvitationList> {
    return this.invitations.pending(tenant);
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
  revoke(
    @CurrentTenant() tenant: TenantContext,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('no such pending invitation') }))
    id: string,
  ): Promise<void> {
    return this.invitations.revoke(tenant, id);
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
  accept(@Body() body: AcceptInvitationDto, @Ip() ip: string, @Req() req: Request): Promise<InvitationAccepted> {
    return this.invitations.accept(body, ip, req);
  }
}
