import {
  AccountRepository,
  BundleRepository,
  dataSourceOptions,
  DagRepository,
  DagRunRepository,
  ScheduledRunRepository,
} from '@updraft/persistence';
import { QUEUES } from '@updraft/queues';
import type { SerializedDag } from '@updraft/sdk';
import {
  createTestDatabase,
  DEFAULT_REDIS_URL,
  flushRedisPrefix,
  TestDatabase,
  uniqueRedisPrefix,
} from '@updraft/testing';
import Bull from 'bull';
import { DataSource } from 'typeorm';
import { RunCreator } from './run-creator.service';

function dagOf(dagId: string, over: Partial<SerializedDag>): SerializedDag {
  return {
    dagId,
    schedule: '@daily',
    startDate: '2024-01-01T00:00:00.000Z',
    endDate: null,
    timezone: 'UTC',
    catchup: true,
    maxActiveRuns: 16,
    maxActiveTasks: 16,
    tags: [],
    description: null,
    team: null,
    params: {},
    deadlineMs: null,
    source: null,
    tasks: [],
    ...over,
  };
}

describe('RunCreator on PostgreSQL', () => {
  const redisPrefix = uniqueRedisPrefix();
  let database: TestDatabase;
  let db: DataSource;
  let queue: Bull.Queue;
  let runs: DagRunRepository;
  let dags: DagRepository;
  let tenantId: string;
  const creator = () => new RunCreator(dags, runs, new ScheduledRunRepository(db), queue);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource(dataSourceOptions(database.url)).initialize();
    queue = new Bull(QUEUES.scheduler, DEFAULT_REDIS_URL, { prefix: redisPrefix });
    runs = new DagRunRepository(db);
    dags = new DagRepository(db);
    tenantId = (
      await new AccountRepository(db).createTenantWithOwner({
        email: 's@example.com',
        passwordHash: 'x',
        tenantSlug: 'acme',
        tenantName: 'Acme',
      })
    ).tenant.id;
    const bundles = new BundleRepository(db);
    const version = await bundles.createVersion(tenantId, {
      name: 'b',
      archive: Buffer.from('x'),
      format: 'tar.gz',
      createdBy: null,
    });
    await bundles.activate(tenantId, version.id, [
      { dagId: 'catching_up', entryFile: 'x.js', serialized: dagOf('catching_up', {}) },
      { dagId: 'latest_only', entryFile: 'x.js', serialized: dagOf('latest_only', { catchup: false }) },
      { dagId: 'one_at_a_time', entryFile: 'x.js', serialized: dagOf('one_at_a_time', { maxActiveRuns: 1 }) },
      { dagId: 'manual', entryFile: 'x.js', serialized: dagOf('manual', { schedule: null }) },
    ]);
    await dags.setPaused(tenantId, 'one_at_a_time', false);
  });

  afterAll(async () => {
    await queue.close();
    await db.destroy();
    await database.drop();
    await flushRedisPrefix(DEFAULT_REDIS_URL, redisPrefix);
  });

  const logicalDates = async (dagId: string) =>
    (await runs.list(tenantId, dagId, { limit: 100, offset: 0 })).items
      .map((r) => r.logicalDate.toISOString().slice(0, 10))
      .sort();

  it('creates every missed interval with catchup, only the latest without, none for manual DAGs; two schedulers never duplicate a run', async () => {
    const now = new Date('2024-01-04T12:00:00Z');
    await Promise.all([creator().createDueRuns(now), creator().createDueRuns(now)]);
    expect(await logicalDates('catching_up')).toEqual(['2024-01-01', '2024-01-02', '2024-01-03']);
    expect(await logicalDates('latest_only')).toEqual(['2024-01-03']);
    expect(await logicalDates('manual')).toEqual([]);
    const run = (await runs.list(tenantId, 'catching_up', { limit: 1, offset: 0 })).items[0];
    expect([run.runType, run.dataIntervalStart.toISOString(), run.dataIntervalEnd.toISOString()]).toEqual([
      'scheduled',
      '2024-01-03T00:00:00.000Z',
      '2024-01-04T00:00:00.000Z',
    ]);
  });

  it('holds maxActiveRuns and gives a paused DAG no new runs', async () => {
    expect(await logicalDates('one_at_a_time')).toEqual(['2024-01-01']);
    await dags.setPaused(tenantId, 'catching_up', true);
    await creator().createDueRuns(new Date('2024-01-06T12:00:00Z'));
    expect(await logicalDates('catching_up')).toEqual(['2024-01-01', '2024-01-02', '2024-01-03']);
    expect(await logicalDates('one_at_a_time')).toEqual(['2024-01-01']);
  });

  it("two schedulers taking batches of every-minute DAGs side by side create each minute's run once: none missed, none doubled", async () => {
    const bundles = new BundleRepository(db);
    const version = await bundles.createVersion(tenantId, {
      name: 'minutely',
      archive: Buffer.from('x'),
      format: 'tar.gz',
      createdBy: null,
    });
    const dagIds = Array.from({ length: 40 }, (_, i) => `minutely_${i}`);
    await bundles.activate(
      tenantId,
      version.id,
      dagIds.map((dagId) => ({
        dagId,
        entryFile: 'x.js',
        serialized: dagOf(dagId, {
          schedule: '* * * * *',
          catchup: false,
          tasks: [
            {
              taskId: 'only',
              operator: 'empty',
              retries: 0,
              priorityWeight: 1,
            } as SerializedDag['tasks'][number],
          ],
        }),
      })),
    );
    for (const dagId of dagIds) await dags.setPaused(tenantId, dagId, false);
    for (const dagId of ['latest_only', 'one_at_a_time']) await dags.setPaused(tenantId, dagId, true);
    const [first, second] = [creator(), creator()];
    first.batchSize = second.batchSize = 7;
    const minutes = [1, 2, 3, 4, 5].map((m) => new Date(Date.UTC(2024, 0, 10, 8, m, 0, 40)));
    const created: number[] = [];
    for (const now of minutes) {
      const [a, b] = await Promise.all([first.createDueRuns(now), second.createDueRuns(now)]);
      created.push(a + b);
    }

    expect(created).toEqual([40, 40, 40, 40, 40]);
    const expected = ['08:00', '08:01', '08:02', '08:03', '08:04'];
    for (const dagId of dagIds) {
      const starts = (await runs.list(tenantId, dagId, { limit: 100, offset: 0 })).items
        .map((r) => r.dataIntervalStart.toISOString().slice(11, 16))
        .sort();
      expect([dagId, starts]).toEqual([dagId, expected]);
    }
    const [{ instances }] = await db.query(
      `SELECT count(*)::int AS instances FROM task_instance ti JOIN dag_run r ON r.id = ti.dag_run_id WHERE r.dag_id LIKE 'minutely_%'`,
    );
    expect(instances).toBe(200);
  });
});
