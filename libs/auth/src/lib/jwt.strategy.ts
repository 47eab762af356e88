import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { SessionRepository } from '@updraft/persistence';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthenticatedUser } from './access.decorators';
import { accessTokenKey } from './signing-key';

export interface AccessTokenPayload {
  sub: string;
  email: string;
  typ: 'access';
  /** The log-in session: logging out (or a reused refresh token) revokes it, and its access tokens with it. */
  sid: string;
}

/** Clock difference between api replicas that a token's expiry may carry beyond the configured lifetime. */
const EXPIRY_LEEWAY_S = 60;

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  private readonly longestLifeSeconds: number;

  constructor(
    @Inject(UPDRAFT_CONFIG) config: UpdraftConfig,
    private readonly sessions: SessionRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      ignoreExpiration: false,
      // passport-jwt's types say string or Buffer; it hands the key to jsonwebtoken, which takes a KeyObject.
      secretOrKey: accessTokenKey(config.jwtSecret) as unknown as Buffer,
      algorithms: ['HS256'],
    });
    this.longestLifeSeconds = config.jwtAccessTtlSeconds + EXPIRY_LEEWAY_S;
  }

  /** jsonwebtoken checks `exp` only when a token has one: a token without it, or outliving the configured lifetime, would never expire. */
  async validate(payload: AccessTokenPayload & { exp?: unknown }): Promise<AuthenticatedUser | false> {
    if (typeof payload.exp !== 'number' || payload.exp > Date.now() / 1000 + this.longestLifeSeconds) return false;
    if (
      payload.typ !== 'access' ||
      typeof payload.sid !== 'string' ||
      !UUID.test(payload.sid) ||
      !UUID.test(payload.sub)
    )
      return false;
    return (await this.sessions.liveUser(payload.sub, payload.sid)) ?? false;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
