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

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(@Inject(UPDRAFT_CONFIG) config: UpdraftConfig, private readonly sessions: SessionRepository) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      ignoreExpiration: false,
      // passport-jwt's types say string or Buffer; it hands the key to jsonwebtoken, which takes a KeyObject.
      secretOrKey: accessTokenKey(config.jwtSecret) as unknown as Buffer,
      algorithms: ['HS256'],
    });
  }

  async validate(payload: AccessTokenPayload): Promise<AuthenticatedUser | false> {
    if (payload.typ !== 'access' || typeof payload.sid !== 'string' || !UUID.test(payload.sid) || !UUID.test(payload.sub)) return false;
    return (await this.sessions.liveUser(payload.sub, payload.sid)) ?? false;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
