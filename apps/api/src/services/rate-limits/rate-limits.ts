import { HttpException, HttpStatus, Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** 429 whose Retry-After header (set by ApiExceptionFilter from the details) says when to come back. */
export function tooManyRequests(reason: string, retryAfterMs: number): HttpException {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new HttpException(
    { message: `${reason}; try again in ${retryAfterSeconds} s`, details: [{ retryAfterSeconds }] },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}

/**
 * Counters kept in Redis (rate-limiter-flexible), so that every api replica counts together.
 * Each limiter is a named window of `points` per `durationSeconds`, keyed by whatever it limits.
 */
@Injectable()
export class RateLimits implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(@Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig) {
    this.redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 2 });
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit();
  }

  limiter(name: string, points: number, durationSeconds: number): RateLimiterRedis {
    return new RateLimiterRedis({
      storeClient: this.redis,
      keyPrefix: `${this.config.redisPrefix}:rate:${name}`,
      points,
      duration: durationSeconds,
    });
  }
}

/** Takes one point from `key`; when none is left, refuses with 429 naming `reason`. */
export async function consumeOrRefuse(limiter: RateLimiterRedis, key: string, reason: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw tooManyRequests(reason, rejection.msBeforeNext);
    throw rejection;
  }
}
