import { getQueueToken } from '@nestjs/bull';
import { Test } from '@nestjs/testing';
import { ConfigModule, loadConfig, UPDRAFT_CONFIG } from '@updraft/config';
import type { Queue } from 'bull';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { JOBS, QUEUES } from './queues';
import { QueuesModule } from './queues.module';

describe('QueuesModule on Redis', () => {
  const prefix = `updraft_test_${randomBytes(6).toString('hex')}`;
  const redis = new Redis('redis://127.0.0.1:6379');

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('registers every queue under the configured key prefix and drops finished jobs', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule, QueuesModule.register()] })
      .overrideProvider(UPDRAFT_CONFIG)
      .useValue(loadConfig({ REDIS_PREFIX: prefix, NODE_ENV: 'test' }))
      .compile();
    const app = await moduleRef.init();
    const tasks = app.get<Queue>(getQueueToken(QUEUES.tasks));
    const done = new Promise<unknown>((resolve) => void tasks.process(JOBS.runTask, async (job) => resolve(job.data)));
    await tasks.add(JOBS.runTask, { tenantId: 't', taskInstanceId: 'ti' });
    expect(await done).toEqual({ tenantId: 't', taskInstanceId: 'ti' });
    expect((await redis.keys(`${prefix}:${QUEUES.tasks}:*`)).length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await tasks.getJobCounts()).toEqual(expect.objectContaining({ completed: 0, failed: 0 }));
    for (const name of Object.values(QUEUES)) expect(app.get<Queue>(getQueueToken(name)).name).toBe(name);
    await app.close();
  });
});
