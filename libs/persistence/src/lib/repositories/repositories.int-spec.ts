import type { SerializedDag, SerializedTask } from '@updraft/sdk';
import { DataSource } from 'typeorm';
import { scratchDatabase } from '../testing/scratch-database';
import { serializedDag } from '../testing/serialized-dag';
import { AccountRepository, DuplicateAccountError } from './account.repository';
import { BundleRepository, ParsedDag } from './bundle.repository';
import { DagRunRepository } from './dag-run.repository';
import { DagRepository } from './dag.repository';
import { TaskInstanceRepository } from './task-instance.repository';
import { TaskLogRepository } from './task-log.repository';

function task(taskId: string, upstream: string[] = []): SerializedTask {
  return {
    taskId,
    operator: 'empty',
    upstream,
    config: {},
    owner: null,
    retries: 0,
    retryDelayMs: 0,
    retryExponentialBackoff: false,
    maxRetryDelayMs: null,
    executionTimeoutMs: null,
    slaMs: null,
    priorityWeight: 1,
    pool: null,
    triggerRule: 'all_success',
    onFailure: [],
    onRetry: [],
    onSuccess: [],
    source: null,
  };
}

function parsedDag(dagId: string, tasks = [task('a')]): ParsedDag {
  return { dagId, entryFile: 'dags/x.js', serialized: serializedDag(dagId, { tasks }) };
}

describe('repositories against PostgreSQL', () => {
  let db: DataSource;
  let drop: () => Promise<void>;
  let accounts: AccountRepository;
  let bundles: BundleRepository;
  let dags: DagRepository;
  let runs: DagRunRepository;
  let taskInstances: TaskInstanceRepository;
  let tenantA: string;
  let tenantB: string;

  beforeAll(async () => {
    ({ db, drop } = await scratchDatabase());
    accounts = new AccountRepository(db);
    bundles = new BundleRepository(db);
    dags = new DagRepository(db);
    runs = new DagRunRepository(db);
    taskInstances = new TaskInstanceRepository(db);
    tenantA = (
      await accounts.createTenantWithOwner({
        email: 'a@example.com',
        passwordHash: 'x',
        tenantSlug: 'tenant-a',
        tenantName: 'A',
      })
    ).tenant.id;
    tenantB = (
      await accounts.createTenantWithOwner({
        email: 'b@example.com',
        passwordHash: 'x',
        tenantSlug: 'tenant-b',
        tenantName: 'B',
      })
    ).tenant.id;
  });
  afterAll(() => drop());

  async function upload(tenantId: string, name: string, parsed: ParsedDag[]) {
    const version = await bundles.createVersion(tenantId, {
      name,
      archive: Buffer.from('x'),
      format: 'tar.gz',
      createdBy: null,
    });
    return bundles.activate(tenantId, version.id, parsed);
  }

  it('a failed sign-up leaves nothing half-created', async () => {
    await expect(
      accounts.createTenantWithOwner({
        email: 'c@example.com',
        passwordHash: 'x',
        tenantSlug: 'tenant-a',
        tenantName: 'dup',
      }),
    ).rejects.toBeInstanceOf(DuplicateAccountError);
    expect(await accounts.findUserByEmail('c@example.com')).toBeNull();
  });

  it('numbers versions, deactivates DAGs a new version drops, and keeps their history', async () => {
    const v1 = await upload(tenantA, 'etl', [parsedDag('one'), parsedDag('two')]);
    const v2 = await upload(tenantA, 'etl', [parsedDag('one')]);
    expect([v1?.version, v1?.status, v2?.version, v2?.status]).toEqual([1, 'active', 2, 'active']);
    expect((await bundles.get(tenantA, v1?.id as string))?.status).toBe('superseded');
    expect((await dags.list(tenantA, { limit: 10, offset: 0 })).items.map((d) => d.dagId)).toEqual(['one']);
    const two = await dags.get(tenantA, 'two');
    expect(two?.isActive).toBe(false);
    expect(two?.bundleVersion).toBe(1);
  });

  it('rolls back to an earlier version, reactivating the DAGs it had', async () => {
    const [, older] = (await bundles.list(tenantA, { limit: 10, offset: 0 })).items.filter((b) => b.name === 'etl');
    expect([older.version, older.status]).toEqual([1, 'superseded']);
    expect((await bundles.rollback(tenantA, older.id))?.status).toBe('active');
    expect((await dags.list(tenantA, { limit: 10, offset: 0 })).items.map((d) => [d.dagId, d.bundleVersion])).toEqual([
      ['one', 1],
      ['two', 1],
    ]);
    await expect(bundles.rollback(tenantA, older.id)).rejects.toThrow('this version is already active');
    expect(await bundles.rollback(tenantB, older.id)).toBeNull();
    const [latest] = (await bundles.list(tenantA, { limit: 10, offset: 0 })).items;
    expect((await bundles.rollback(tenantA, latest.id))?.status).toBe('active');
    expect((await dags.get(tenantA, 'two'))?.isActive).toBe(false);
  });

  it('refuses a DAG id another bundle of the tenant owns, but not one of another tenant', async () => {
    const conflicting = await upload(tenantA, 'other', [parsedDag('one')]);
    expect(conflicting?.status).toBe('failed');
    expect(conflicting?.errors).toEqual([
      { file: 'dags/x.js', message: "DAG 'one' already belongs to bundle 'etl' of this tenant" },
    ]);
    expect((await dags.get(tenantA, 'one'))?.bundleName).toBe('etl');
    expect((await upload(tenantB, 'other', [parsedDag('one')]))?.status).toBe('active');
    expect(await dags.get(tenantB, 'two')).toBeNull();
  });

  it('creates a run with its task instances and lets exactly one of two racing workers claim a task', async () => {
    const dag = await dags.get(tenantA, 'one');
    const run = await runs.create(tenantA, {
      dagId: 'one',
      dagVersionId: dag?.dagVersionId as string,
      serialized: dag?.serialized as SerializedDag,
      runType: 'manual',
      logicalDate: new Date(),
      dataIntervalStart: new Date(),
      dataIntervalEnd: new Date(),
      conf: {},
    });
    const [ti] = await taskInstances.allForRun(tenantA, run.id);
    expect(ti.state).toBe('none');
    expect(await taskInstances.transition(tenantA, [ti.id], ['none'], 'queued')).toEqual([ti.id]);
    expect(await taskInstances.transition(tenantA, [ti.id], ['none'], 'queued')).toEqual([]);
    const claims = await Promise.all([
      taskInstances.claim({ tenantId: tenantA, taskInstanceId: ti.id }, 'w1'),
      taskInstances.claim({ tenantId: tenantA, taskInstanceId: ti.id }, 'w2'),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    const claimed = claims.find(Boolean);
    expect(claimed?.tryNumber).toBe(1);
    expect(await taskInstances.finish({ tenantId: tenantA, taskInstanceId: ti.id }, 1, 'success', null)).toBe(true);
    expect(await taskInstances.finish({ tenantId: tenantA, taskInstanceId: ti.id }, 1, 'failed', 'late')).toBe(false);
  });

  it('claims, ends and logs several tries in one statement each, only where the tenant, state and try match', async () => {
    const dag = await dags.get(tenantA, 'one');
    const newRun = (day: number) =>
      runs.create(tenantA, {
        dagId: 'one',
        dagVersionId: dag?.dagVersionId as string,
        serialized: dag?.serialized as SerializedDag,
        runType: 'manual',
        logicalDate: new Date(Date.UTC(2030, 0, day)),
        dataIntervalStart: new Date(),
        dataIntervalEnd: new Date(),
        conf: {},
      });
    const [first, second, waiting] = await Promise.all(
      [1, 2, 3].map(async (day) => (await taskInstances.allForRun(tenantA, (await newRun(day)).id))[0]),
    );
    await taskInstances.transition(tenantA, [first.id, second.id], ['none'], 'queued');
    const ref = (id: string, tenantId = tenantA) => ({ tenantId, taskInstanceId: id });
    const claimed = await taskInstances.claimMany([ref(first.id), ref(waiting.id), ref(second.id, tenantB)], 'w1');
    expect(
      claimed.map((ti) => ti && { id: ti.id, state: ti.state, tryNumber: ti.tryNumber, hostname: ti.hostname }),
    ).toEqual([{ id: first.id, state: 'running', tryNumber: 1, hostname: 'w1' }, null, null]);
    expect((await taskInstances.claimMany([ref(second.id)], 'w2'))[0]?.hostname).toBe('w2');
    const ended = await taskInstances.finishMany([
      { ...ref(first.id), tryNumber: 1, state: 'success', exitReason: null, nextTryAt: null },
      { ...ref(second.id), tryNumber: 2, state: 'failed', exitReason: 'not this try', nextTryAt: null },
    ]);
    expect(ended).toEqual([true, false]);
    expect(await taskInstances.tryEnded(tenantA, first.id, 1)).toBe(true);
    expect(await taskInstances.tryEnded(tenantA, second.id, 1)).toBe(false);
    expect((await taskInstances.get(tenantA, second.id))?.state).toBe('running');
    const logs = new TaskLogRepository(db);
    const line = (message: string) => ({ timestamp: new Date(), stream: 'stdout' as const, message });
    await logs.appendMany([
      { ...ref(first.id), tryNumber: 1, lines: [line('a1'), line('a2')] },
      { ...ref(second.id), tryNumber: 1, lines: [line('b1')] },
    ]);
    expect((await logs.read(tenantA, first.id, 1)).map((l) => l.message)).toEqual(['a1', 'a2']);
    expect((await logs.read(tenantA, second.id, 1)).map((l) => l.message)).toEqual(['b1']);
  });

  it("never reads another tenant's rows through a tenant-scoped call", async () => {
    const runOfA = (await runs.list(tenantA, 'one', { limit: 10, offset: 0 })).items[0];
    expect(await runs.get(tenantB, 'one', runOfA.runId)).toBeNull();
    expect(await runs.forEvaluation(tenantB, runOfA.id)).toBeNull();
    expect(await taskInstances.allForRun(tenantB, runOfA.id)).toEqual([]);
  });
});
