import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { AccountRepository } from '@updraft/persistence';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthenticatedUser } from './access.decorators';

export interface AccessTokenPayload {
  sub: string;
  email: string;
  typ: 'access';
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(@Inject(UPDRAFT_CONFIG) config: UpdraftConfig, private readonly accounts: AccountRepository) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      ignoreExpiration: false,
      secretOrKey: config.jwtSecret,
      algorithms: ['HS256'],
    });
  }

  async validate(payload: AccessTokenPayload): Promise<AuthenticatedUser | false> {
    if (payload.typ !== 'access') return false;
    const user = await this.accounts.findUserById(payload.sub);
    return user ? { id: user.id, email: user.email } : false;
  }
}
