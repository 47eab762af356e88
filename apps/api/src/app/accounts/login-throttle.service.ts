import { Inject, Injectable } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import type { RateLimiterRedis } from 'rate-limiter-flexible';
import { consumeOrRefuse, RateLimits, tooManyRequests } from '../../services/rate-limits/rate-limits';

const IP_WINDOW_S = 5 * 60;
const FAILURE_MEMORY_S = 24 * 3600;

/**
 * Slows password guessing without locking the owner out: attempts are capped per client IP, and
 * wrong passwords are counted per source (IP + account). After LOGIN_FREE_FAILURES_PER_SOURCE of
 * them, each further failure makes that source wait twice as long as the last (1 s, 2 s, 4 s, …,
 * at most LOGIN_MAX_DELAY_SECONDS) before it may try that account again. Another source, the
 * owner's own, is not held up. Waiting: 429 with Retry-After.
 */
@Injectable()
export class LoginThrottle {
  private readonly attemptsByIp: RateLimiterRedis;
  private readonly failuresBySource: RateLimiterRedis;
  private readonly waitBySource: RateLimiterRedis;

  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    limits: RateLimits,
  ) {
    this.attemptsByIp = limits.limiter('login-ip', config.loginMaxAttemptsPerIp, IP_WINDOW_S);
    this.failuresBySource = limits.limiter('login-failures', Number.MAX_SAFE_INTEGER, FAILURE_MEMORY_S);
    this.waitBySource = limits.limiter('login-wait', 1, FAILURE_MEMORY_S);
  }

  /** Counts this attempt against the IP, and refuses while this source must still wait before trying the account again. */
  async check(ip: string, email: string): Promise<void> {
    await consumeOrRefuse(this.attemptsByIp, ip, 'too many log-in attempts from this address');
    const wait = await this.waitBySource.get(sourceKey(ip, email));
    if (wait && wait.consumedPoints > 1 && wait.msBeforeNext > 0)
      throw tooManyRequests('too many failed log-ins for this account from this address', wait.msBeforeNext);
  }

  async recordFailure(ip: string, email: string): Promise<void> {
    const key = sourceKey(ip, email);
    const { consumedPoints } = await this.failuresBySource.consume(key);
    const beyondFree = consumedPoints - this.config.loginFreeFailuresPerSource;
    if (beyondFree > 0)
      await this.waitBySource.block(key, Math.min(2 ** Math.min(beyondFree - 1, 30), this.config.loginMaxDelaySeconds));
  }

  async recordSuccess(ip: string, email: string): Promise<void> {
    const key = sourceKey(ip, email);
    await Promise.all([this.failuresBySource.delete(key), this.waitBySource.delete(key)]);
  }
}

const sourceKey = (ip: string, email: string) => `${ip}|${email}`;
