import { Injectable } from '@nestjs/common';
import type { AccountSessionList } from '@updraft/api-types';
import { AuthenticatedUser, PasswordHasher } from '@updraft/auth';
import { passwordProblem } from '@updraft/domain';
import { AccountRepository, SessionRepository } from '@updraft/persistence';
import { AccountSessionException } from './account-sessions.exception';
import { LoginThrottle } from './login-throttle.service';

/** The signed-in user's own log-in sessions and password. */
@Injectable()
export class AccountSessionsService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
  ) {}

  async list(user: AuthenticatedUser): Promise<AccountSessionList> {
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

  async revoke(user: AuthenticatedUser, id: string): Promise<void> {
    if (!(await this.sessions.revokeOne(user.id, id, 'logged out from another session')))
      throw new AccountSessionException('sessionNotFound', `you have no live session ${id}`);
  }

  async logoutEverywhere(user: AuthenticatedUser): Promise<void> {
    await this.sessions.revokeAllOf(user.id, 'logged out everywhere');
  }

  /** The current password is asked, guesses slowed as at log-in; every other session is logged out. */
  async changePassword(
    current: AuthenticatedUser,
    ip: string,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    if (!current.sessionId)
      throw new AccountSessionException('notForApiTokens', 'an API token cannot change the password: log in');
    await this.throttle.check(ip, current.email);
    const user = await this.accounts.findUserById(current.id);
    if (!user || !(await this.hasher.verify(user.passwordHash, currentPassword))) {
      await this.throttle.recordFailure(ip, current.email);
      throw new AccountSessionException('wrongPassword', 'the current password is not right', [
        { field: 'currentPassword', problems: ['not right'] },
      ]);
    }
    await this.throttle.recordSuccess(ip, current.email);
    const problem = passwordProblem(newPassword, user.email);
    if (problem)
      throw new AccountSessionException('weakPassword', problem, [{ field: 'newPassword', problems: [problem] }]);
    await this.accounts.setPassword(user.id, await this.hasher.hash(newPassword));
    await this.sessions.revokeOthers(user.id, current.sessionId, 'password changed');
  }
}
