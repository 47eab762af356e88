import Redis from 'ioredis';
import { flushRedisPrefix, uniqueRedisPrefix } from './redis-prefix';
import { loadConfig } from '@updraft/config';

describe('flushRedisPrefix (real Redis)', () => {
  const redisUrl = loadConfig().redisUrl;
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(redisUrl);
  });
  afterAll(() => redis.disconnect());

  it('deletes every key under the prefix, across SCAN pages, and nothing else', async () => {
    const mine = uniqueRedisPrefix();
    const other = uniqueRedisPrefix();
    const pipeline = redis.pipeline();
    for (let i = 0; i < 1200; i++) pipeline.set(`${mine}:bull:tasks:${i}`, '1');
    pipeline.set(`${other}:bull:tasks:1`, 'keep');
    pipeline.set(`${mine}-lookalike`, 'keep');
    await pipeline.exec();

    expect(await flushRedisPrefix(redisUrl, mine)).toBe(1200);

    expect(await redis.keys(`${mine}:*`)).toEqual([]);
    expect(await redis.get(`${other}:bull:tasks:1`)).toBe('keep');
    expect(await redis.get(`${mine}-lookalike`)).toBe('keep');
    await redis.del(`${other}:bull:tasks:1`, `${mine}-lookalike`);
  });
});
