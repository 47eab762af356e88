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
} from '@nestjs/common';
import { AuthenticatedUser, Authenticated, CurrentUser, PasswordHasher } from '@updraft/auth';
import { passwordProblem } from '@updraft/domain';
import { AccountRepository, SessionRepository } from '@updraft/persistence';
import type { AccountSessionList } from '@updraft/api-types';
import { ApiErrors } from '../../services/http/api-errors.decorator';
import { ChangePasswordDto } from './accounts.dto';
import { LoginThrottle } from './login-throttle.service';

/** The signed-in user's own log-in sessions and password. */
@Controller('auth')
export class AccountSessionsController {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
  ) {}

  /** List the live log-in sessions of the signed-in user, the one asking marked current. */
  @Get('sessions')
  @Authenticated()
  async list(@CurrentUser() user: AuthenticatedUser): Promise<AccountSessionList> {
    const live = await this.sessions.live(user.id);
    return {
      items: live.map((s) => ({
        id: s.id,
        ip: s.ip,
        createdAt: new Date(s.createdAt).toISOString(),
        lastUsedAt: new Date(s.lastUsedAt).toISOString(),
        current: s.id === user.sessionId,
      })),
    };
  }

  /** Log one of your sessions out (its refresh and access tokens stop working). */
  @Delete('sessions/:id')
  @HttpCode(204)
  @Authenticated()
  async revoke(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    if (!(await this.sessions.revokeOne(user.id, id, 'logged out from another session')))
      throw new NotFoundException(`you have no live session ${id}`);
  }

  /** Log out every session of the signed-in user, this one included. */
  @Post('logoutEverywhere')
  @HttpCode(204)
  @Authenticated()
  async logoutEverywhere(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.sessions.revokeAllOf(user.id, 'logged out everywhere');
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
  async changePassword(
    @CurrentUser() current: AuthenticatedUser,
    @Body() body: ChangePasswordDto,
    @Ip() ip: string,
  ): Promise<void> {
    if (!current.sessionId) throw new ForbiddenException('an API token cannot change the password: log in');
    await this.throttle.check(ip, current.email);
    const user = await this.accounts.findUserById(current.id);
    if (!user || !(await this.hasher.verify(user.passwordHash, body.currentPassword))) {
      await this.throttle.recordFailure(ip, current.email);
      throw new BadRequestException({
        message: 'the current password is not right',
        details: [{ field: 'currentPassword', problems: ['not right'] }],
      });
    }
    await this.throttle.recordSuccess(ip, current.email);
    const problem = passwordProblem(body.newPassword, user.email);
    if (problem)
      throw new BadRequestException({ message: problem, details: [{ field: 'newPassword', problems: [problem] }] });
    await this.accounts.setPassword(user.id, await this.hasher.hash(body.newPassword));
    await this.sessions.revokeOthers(user.id, current.sessionId, 'password changed');
  }
}
