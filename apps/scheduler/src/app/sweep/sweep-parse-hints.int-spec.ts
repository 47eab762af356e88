import { getQueueToken } from '@nestjs/bull';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadConfig, UPDRAFT_CONFIG } from '@updraft/config';
import { AccountRepository, BundleRepository } from '@updraft/persistence';
import { ParseBundleJobData, QUEUES } from '@updraft/queues';
import {
  createTestDatabase,
  DEFAULT_REDIS_URL,
  flushRedisPrefix,
  TestDatabase,
  uniqueRedisPrefix,
} from '@updraft/testing';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { SweepService } from './sweep.service';

const PARSE_TIMEOUT_MS = 10_000;

describe('the sweep asks for a parse that a lost job or a vanished worker left waiting', () => {
  const redisPrefix = uniqueRedisPrefix();
  let database: TestDatabase;
  let app: INestApplicationContext;
  let bundles: BundleRepository;
  let queue: Queue<ParseBundleJobData>;
  let tenantId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      REDIS_URL: DEFAULT_REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      PARSE_TIMEOUT_MS: String(PARSE_TIMEOUT_MS),
    });
    app = await (
      await Test.createTestingModule({ imports: [AppModule] })
        .overrideProvider(UPDRAFT_CONFIG)
        .useValue(config)
        .compile()
    ).init();
    bundles = app.get(BundleRepository);
    queue = app.get(getQueueToken(QUEUES.bundles));
    tenantId = (
      await app
        .get(AccountRepository)
        .createTenantWithOwner({ email: 'o@example.com', passwordHash: 'x', tenantSlug: 'acme', tenantName: 'Acme' })
    ).tenant.id;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await flushRedisPrefix(DEFAULT_REDIS_URL, redisPrefix);
  });

  const sweep = () => app.get(SweepService).sweep();
  const waitingJobs = async () => (await queue.getWaiting()).map((job) => job.data);

  it('enqueues one parse job for a version nobody parses, none while its parse is under way, and one again once that parse is stale', async () => {
    const version = await bundles.createVersion(tenantId, {
      name: 'etl',
      archive: Buffer.from('x'),
      format: 'tar.gz',
      createdBy: null,
    });
    const expected = [{ tenantId, bundleVersionId: version.id }];
    await sweep();
    await sweep();
    expect(await waitingJobs()).toEqual(expected);

    await queue.empty();
    expect(await bundles.claimNextParse(PARSE_TIMEOUT_MS)).toEqual(expected[0]);
    await sweep();
    expect(await waitingJobs()).toEqual([]);

    // As if the worker parsing it had died an hour ago.
    await app
      .get(DataSource)
      .query(`UPDATE bundle_version SET parse_started_at = now() - interval '1 hour' WHERE id = $1`, [version.id]);
    await sweep();
    expect(await waitingJobs()).toEqual(expected);
  });
});
