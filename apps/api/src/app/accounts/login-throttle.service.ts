import { HttpException, HttpStatus, Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import Redis from 'ioredis';

const IP_WINDOW_S = 5 * 60;
const ACCOUNT_WINDOW_S = 15 * 60;

/**
 * Limits log-in attempts per client IP and failed log-ins per account, in Redis so that every
 * api replica counts together (fixed windows). Over the limit: 429 with Retry-After.
 */
@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(@Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig) {
    this.redis = new Redis(config.redisUrl, { keyPrefix: `${config.redisPrefix}:login:`, maxRetriesPerRequest: 2 });
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit();
  }

  /** Counts this attempt against the IP and refuses when the IP or the account is over its limit. */
  async check(ip: string, email: string): Promise<void> {
    const [[, attempts], [, ipTtl]] = (await this.redis.multi().incr(`ip:${ip}`).ttl(`ip:${ip}`).exec()) as [[null, number], [null, number]];
    if (ipTtl < 0) await this.redis.expire(`ip:${ip}`, IP_WINDOW_S);
    if (attempts > this.config.loginMaxAttemptsPerIp) this.refuse(ipTtl > 0 ? ipTtl : IP_WINDOW_S, 'too many log-in attempts from this address');
    const [failures, accountTtl] = await Promise.all([this.redis.get(`account:${email}`), this.redis.ttl(`account:${email}`)]);
    if (Number(failures ?? 0) >= this.config.loginMaxFailuresPerAccount) this.refuse(accountTtl > 0 ? accountTtl : ACCOUNT_WINDOW_S, 'too many failed log-ins for this account');
  }

  async recordFailure(email: string): Promise<void> {
    const [[, count]] = (await this.redis.multi().incr(`account:${email}`).exec()) as [[null, number]];
    if (count === 1) await this.redis.expire(`account:${email}`, ACCOUNT_WINDOW_S);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.redis.del(`account:${email}`);
  }

  private refuse(retryAfterSeconds: number, reason: string): never {
    throw new HttpException({ message: `${reason}; try again in ${retryAfterSeconds} s`, details: [{ retryAfterSeconds }] }, HttpStatus.TOO_MANY_REQUESTS);
  }
}
