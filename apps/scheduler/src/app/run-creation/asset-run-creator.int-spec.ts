import {
  AccountRepository,
  AssetRepository,
  BundleRepository,
  dataSourceOptions,
  DagRunRepository,
} from '@updraft/persistence';
import { QUEUES } from '@updraft/queues';
import { and, asset, assetOrTime, dag, definedDags, empty, or, type SerializedDag } from '@updraft/sdk';
import {
  createTestDatabase,
  DEFAULT_REDIS_URL,
  flushRedisPrefix,
  TestDatabase,
  uniqueRedisPrefix,
} from '@updraft/testing';
import Bull from 'bull';
import { DataSource } from 'typeorm';
import { AssetRunCreator } from './asset-run-creator.service';

const a = asset('s3://lake/a');
const b = asset('s3://lake/b');

function serialized(dagId: string, schedule: Parameters<typeof dag>[1]['schedule']): SerializedDag {
  definedDags().splice(0);
  return dag(dagId, { schedule, startDate: '2024-01-01' }, () => void empty('e')).serialize();
}

describe('AssetRunCreator on PostgreSQL', () => {
  const redisPrefix = uniqueRedisPrefix();
  let database: TestDatabase;
  let db: DataSource;
  let queue: Bull.Queue;
  let assets: AssetRepository;
  let runs: DagRunRepository;
  let tenantA: string;
  let tenantB: string;
  const creator = () => new AssetRunCreator(assets, queue);

  async function tenantWithDags(slug: string, dags: SerializedDag[]): Promise<string> {
    const tenantId = (
      await new AccountRepository(db).createTenantWithOwner({
        email: `${slug}@example.com`,
        passwordHash: 'x',
        tenantSlug: slug,
        tenantName: slug,
      })
    ).tenant.id;
    const bundles = new BundleRepository(db);
    const version = await bundles.createVersion(tenantId, {
      name: 'b',
      archive: Buffer.from('x'),
      format: 'tar.gz',
      createdBy: null,
    });
    await bundles.activate(
      tenantId,
      version.id,
      dags.map((s) => ({ dagId: s.dagId, entryFile: 'x.js', serialized: s })),
    );
    return tenantId;
  }

  const update = (tenantId: string, ...uris: string[]) =>
    assets.record(
      tenantId,
      uris.map((uri) => ({ asset: { uri, name: uri, group: 'asset' }, sourceKind: 'api' as const })),
    );

  const runsOf = async (tenantId: string, dagId: string) => {
    const page = await runs.list(tenantId, dagId, { limit: 100, offset: 0 });
    return Promise.all(
      page.items
        .sort((x, y) => x.logicalDate.getTime() - y.logicalDate.getTime())
        .map(async (run) => ({
          runType: run.runType,
          consumed: (await assets.eventsOfRun(tenantId, run.id)).map((e) => e.uri),
        })),
    );
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource(dataSourceOptions(database.url)).initialize();
    queue = new Bull(QUEUES.scheduler, DEFAULT_REDIS_URL, { prefix: redisPrefix });
    assets = new AssetRepository(db);
    runs = new DagRunRepository(db);
    tenantA = await tenantWithDags('tenant-a', [
      serialized('on_both', and(a, b)),
      serialized('on_either', or(a, b)),
      serialized('on_list', [a, b]),
      serialized('daily_or_a', assetOrTime('@daily', a)),
    ]);
    tenantB = await tenantWithDags('tenant-b', [serialized('on_both', and(a, b))]);
  });

  afterAll(async () => {
    await queue.close();
    await db.destroy();
    await database.drop();
    await flushRedisPrefix(DEFAULT_REDIS_URL, redisPrefix);
  });

  it('runs an and() consumer once per pair, an or() consumer on each update, consuming each event once with two schedulers', async () => {
    const recorded = await update(tenantA, 's3://lake/a');
    expect(recorded[0].queuedFor).toEqual(['daily_or_a', 'on_both', 'on_either', 'on_list']);
    await Promise.all([creator().createTriggeredRuns(), creator().createTriggeredRuns()]);
    await update(tenantA, 's3://lake/b');
    await Promise.all([creator().createTriggeredRuns(), creator().createTriggeredRuns()]);

    expect(await runsOf(tenantA, 'on_both')).toEqual([
      { runType: 'asset_triggered', consumed: ['s3://lake/a', 's3://lake/b'] },
    ]);
    expect(await runsOf(tenantA, 'on_list')).toEqual([
      { runType: 'asset_triggered', consumed: ['s3://lake/a', 's3://lake/b'] },
    ]);
    expect(await runsOf(tenantA, 'on_either')).toEqual([
      { runType: 'asset_triggered', consumed: ['s3://lake/a'] },
      { runType: 'asset_triggered', consumed: ['s3://lake/b'] },
    ]);
    expect(await runsOf(tenantA, 'daily_or_a')).toEqual([{ runType: 'asset_triggered', consumed: ['s3://lake/a'] }]);
    expect(await assets.queued(tenantA)).toEqual([]);
  });

  it('leaves a half-met condition queued, and never lets one tenant trigger another', async () => {
    await update(tenantB, 's3://lake/a');
    await creator().createTriggeredRuns();
    expect(await runsOf(tenantB, 'on_both')).toEqual([]);
    expect((await assets.queued(tenantB)).map((q) => [q.dagId, q.uri])).toEqual([['on_both', 's3://lake/a']]);
    expect(await runsOf(tenantA, 'on_both')).toHaveLength(1);

    await update(tenantB, 's3://lake/b');
    await creator().createTriggeredRuns();
    expect(await runsOf(tenantB, 'on_both')).toHaveLength(1);
    expect(await runsOf(tenantA, 'on_both')).toHaveLength(1);
    expect(await runsOf(tenantA, 'on_either')).toHaveLength(2);
  });

  it('records an event once per dedup key', async () => {
    const event = {
      asset: { uri: 's3://lake/c', name: 'c', group: 'asset' },
      sourceKind: 'api' as const,
      dedupKey: 'k1',
    };
    expect(await assets.record(tenantA, [event])).toHaveLength(1);
    expect(await assets.record(tenantA, [event])).toHaveLength(0);
    expect((await assets.events(tenantA, 's3://lake/c', { limit: 10, offset: 0 })).total).toBe(1);
  });
});
