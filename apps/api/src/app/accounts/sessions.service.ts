import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AccessTokenPayload, hashOpaqueToken, newOpaqueToken } from '@updraft/auth';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { AccountRepository, SessionRepository } from '@updraft/persistence';
import type { SessionTokens } from '@updraft/api-types';

const REFUSED: Record<'unknown' | 'expired' | 'revoked' | 'reused', string> = {
  unknown: 'refresh token is not valid',
  expired: 'refresh token has expired; log in again',
  revoked: 'refresh token belongs to a session that was logged out or revoked; log in again',
  reused: 'refresh token was already used: the session is revoked, as the token may have been copied; log in again',
};

/** Issues access JWTs bound to a log-in session, and rotates the session's refresh token. */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    private readonly jwt: JwtService,
    private readonly sessions: SessionRepository,
    private readonly accounts: AccountRepository,
  ) {}

  async start(user: { id: string; email: string }, ip: string | null): Promise<SessionTokens> {
    const refresh = newOpaqueToken();
    const session = await this.sessions.start({
      userId: user.id,
      ip,
      tokenHash: refresh.hash,
      expiresAt: this.refreshExpiry(),
    });
    return this.tokens(user, session.id, refresh.token);
  }

  async refresh(refreshToken: string): Promise<SessionTokens> {
    const next = newOpaqueToken();
    const outcome = await this.sessions.rotate(hashOpaqueToken(refreshToken), {
      tokenHash: next.hash,
      expiresAt: this.refreshExpiry(),
    });
    if (outcome.kind !== 'rotated') throw new UnauthorizedException(REFUSED[outcome.kind]);
    const user = await this.accounts.findUserById(outcome.userId);
    if (!user) throw new UnauthorizedException(REFUSED.unknown);
    return this.tokens(user, outcome.sessionId, next.token);
  }

  /** Ends the session of this refresh token (idempotent for a session already ended). */
  async logout(refreshToken: string): Promise<void> {
    if (!(await this.sessions.revokeByToken(hashOpaqueToken(refreshToken), 'logged out')))
      throw new UnauthorizedException(REFUSED.unknown);
  }

  private async tokens(
    user: { id: string; email: string },
    sessionId: string,
    refreshToken: string,
  ): Promise<SessionTokens> {
    const payload: AccessTokenPayload = { sub: user.id, email: user.email, typ: 'access', sid: sessionId };
    return { accessToken: await this.jwt.signAsync(payload), expiresIn: this.config.jwtAccessTtlSeconds, refreshToken };
  }

  private refreshExpiry(): Date {
    return new Date(Date.now() + this.config.jwtRefreshTtlSeconds * 1000);
  }
}
