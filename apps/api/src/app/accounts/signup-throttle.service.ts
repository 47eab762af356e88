import { Inject, Injectable } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import type { RateLimiterRedis } from 'rate-limiter-flexible';
import { consumeOrRefuse, RateLimits } from '../../services/rate-limits/rate-limits';

const HOUR_S = 3600;

/** Caps sign-ups per client IP and on the whole platform per hour, so that no one multiplies the per-tenant caps by making tenants. */
@Injectable()
export class SignupThrottle {
  private readonly byIp: RateLimiterRedis;
  private readonly overall: RateLimiterRedis;

  constructor(@Inject(UPDRAFT_CONFIG) config: UpdraftConfig, limits: RateLimits) {
    this.byIp = limits.limiter('signup-ip', config.signupMaxPerIpPerHour, HOUR_S);
    this.overall = limits.limiter('signup-all', config.signupMaxPerHour, HOUR_S);
  }

  async check(ip: string): Promise<void> {
    await consumeOrRefuse(this.byIp, ip, 'too many sign-ups from this address');
    await consumeOrRefuse(this.overall, 'platform', 'too many sign-ups on the platform in the last hour');
  }
}
