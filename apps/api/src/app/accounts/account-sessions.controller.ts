import { Body, Controller, Delete, Get, HttpCode, Ip, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { AuthenticatedUser, Authenticated, CurrentUser } from '@updraft/auth';
import type { AccountSessionList } from '@updraft/api-types';
import { ApiErrors } from '../../services/http/api-errors.decorator';
import { AccountSessionsService } from './account-sessions.service';
import { ChangePasswordDto } from './accounts.dto';

/** The signed-in user's own log-in sessions and password. */
@Controller('auth')
export class AccountSessionsController {
  constructor(private readonly sessions: AccountSessionsService) {}

  /** List the live log-in sessions of the signed-in user, the one asking marked current. */
  @Get('sessions')
  @Authenticated()
  list(@CurrentUser() user: AuthenticatedUser): Promise<AccountSessionList> {
    return this.sessions.list(user);
  }

  /** Log one of your sessions out (its refresh and access tokens stop working). */
  @Delete('sessions/:id')
  @HttpCode(204)
  @Authenticated()
  revoke(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.sessions.revoke(user, id);
  }

  /** Log out every session of the signed-in user, this one included. */
  @Post('logoutEverywhere')
  @HttpCode(204)
  @Authenticated()
  logoutEverywhere(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.sessions.logoutEverywhere(user);
  }

  /**
   * Change the password.
   *
   * @remarks
   * The current one is asked, guesses slowed as at log-in; every other session is logged out.
   */
  @Post('password')
  @HttpCode(204)
  @Authenticated()
  @ApiErrors({
    403: 'Asked with an API token: log in.',
    429: 'Too many wrong passwords: `Retry-After` says when to try again.',
  })
  changePassword(
    @CurrentUser() current: AuthenticatedUser,
    @Body() body: ChangePasswordDto,
    @Ip() ip: string,
  ): Promise<void> {
    return this.sessions.changePassword(current, ip, body.currentPassword, body.newPassword);
  }
}
