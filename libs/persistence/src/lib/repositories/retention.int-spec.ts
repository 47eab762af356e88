import { DataSource } from 'typeorm';
import { scratchDatabase } from '../testing/scratch-database';
import { serializedDag } from '../testing/serialized-dag';
import { AccountRepository } from './account.repository';
import { BundleRepository } from './bundle.repository';
import { RetentionRepository } from './retention.repository';

const DAY = 86_400_000;
const NOW = new Date('2026-06-01T00:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

describe('retention cleaning (db-clean) on PostgreSQL', () => {
  let db: DataSource;
  let drop: () => Promise<void>;
  let retention: RetentionRepository;
  const tenants: Record<'a' | 'b', string> = { a: '', b: '' };

  /** A run of `dagId` with one task instance, its try, two log lines (at its end and 40 days before) and an XCom. */
  async function run(
    tenant: 'a' | 'b',
    name: string,
    over: { runType?: string; state: string; endedDaysAgo: number | null; intervalEndDaysAgo: number },
  ): Promise<string> {
    const tenantId = tenants[tenant];
    const ended = over.endedDaysAgo === null ? null : daysAgo(over.endedDaysAgo);
    const intervalEnd = daysAgo(over.intervalEndDaysAgo);
    const [{ id }] = await db.query(
      `INSERT INTO dag_run (tenant_id, dag_id, dag_version_id, run_id, run_type, state, logical_date, data_interval_start, data_interval_end, queued_at, end_date)
       SELECT $1, 'etl', current_version_id, $2, $3, $4, $5::timestamptz - interval '1 day', $5::timestamptz - interval '1 day', $5, $5, $6
         FROM dag WHERE tenant_id = $1 AND dag_id = 'etl' RETURNING id`,
      [tenantId, name, over.runType ?? 'scheduled', over.state, intervalEnd, ended],
    );
    const [{ id: ti }] = await db.query(
      `INSERT INTO task_instance (tenant_id, dag_run_id, task_id, operator, state, try_number)
       VALUES ($1, $2, 'load', 'empty', $3, 1) RETURNING id`,
      [tenantId, id, over.state === 'running' ? 'running' : over.state],
    );
    const logAt = ended ?? intervalEnd;
    await db.query(
      `INSERT INTO task_try (tenant_id, task_instance_id, try_number, start_date) VALUES ($1, $2, 1, $3)`,
      [tenantId, ti, logAt],
    );
    await db.query(
      `INSERT INTO task_log (tenant_id, task_instance_id, try_number, timestamp, stream, message)
       VALUES ($1, $2, 1, $3, 'stdout', 'at the end'), ($1, $2, 1, $3::timestamptz - interval '40 days', 'stdout', 'long before')`,
      [tenantId, ti, logAt],
    );
    await db.query(
      `INSERT INTO xcom (tenant_id, dag_run_id, task_id, key, value, created_at) VALUES ($1, $2, 'load', 'return_value', '1', $3)`,
      [tenantId, id, logAt],
    );
    return name;
  }

  const runNames = async (tenant: 'a' | 'b') =>
    (await db.query(`SELECT run_id FROM dag_run WHERE tenant_id = $1 ORDER BY run_id`, [tenants[tenant]])).map(
      (r: { run_id: string }) => r.run_id,
    );
  const countOf = async (table: string, tenant: 'a' | 'b') =>
    (await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [tenants[tenant]]))[0].n;
  const logsOf = async (runName: string) =>
    (
      await db.query(
        `SELECT l.message FROM task_log l JOIN task_instance ti ON ti.id = l.task_instance_id JOIN dag_run r ON r.id = ti.dag_run_id
          WHERE r.run_id = $1 ORDER BY l.message`,
        [runName],
      )
    ).map((r: { message: string }) => r.message);

  beforeAll(async () => {
    ({ db, drop } = await scratchDatabase());
    retention = new RetentionRepository(db);
    const accounts = new AccountRepository(db);
    const bundles = new BundleRepository(db);
    for (const t of ['a', 'b'] as const) {
      tenants[t] = (
        await accounts.createTenantWithOwner({
          email: `${t}@example.com`,
          passwordHash: 'x',
          tenantSlug: `tenant-${t}`,
          tenantName: t,
        })
      ).tenant.id;
      const version = await bundles.createVersion(tenants[t], {
        name: 'b',
        archive: Buffer.from('x'),
        format: 'tar.gz',
        createdBy: null,
      });
      await bundles.activate(tenants[t], version.id, [
        {
          dagId: 'etl',
          entryFile: 'x.js',
          serialized: serializedDag('etl', { schedule: '@daily', startDate: '2025-01-01T00:00:00.000Z' }),
        },
      ]);
    }
    // Tenant a keeps the defaults (runs 90 days, logs and XCom 30, audit log 365); b keeps runs 3 days.
    await retention.set(tenants.b, { runs: 3 });

    await run('a', 'a-old-finished', { state: 'success', endedDaysAgo: 200, intervalEndDaysAgo: 201 });
    await run('a', 'a-old-failed-manual', {
      runType: 'manual',
      state: 'failed',
      endedDaysAgo: 150,
      intervalEndDaysAgo: 150,
    });
    await run('a', 'a-old-running', { state: 'running', endedDaysAgo: null, intervalEndDaysAgo: 300 });
    await run('a', 'a-latest-scheduled', { state: 'success', endedDaysAgo: 120, intervalEndDaysAgo: 121 });
    await run('a', 'a-recent', { runType: 'manual', state: 'success', endedDaysAgo: 1, intervalEndDaysAgo: 1 });
    await run('b', 'b-five-days', { state: 'success', endedDaysAgo: 5, intervalEndDaysAgo: 6 });
    await run('b', 'b-latest-scheduled', { state: 'success', endedDaysAgo: 4, intervalEndDaysAgo: 5 });
    await run('b', 'b-today', { runType: 'manual', state: 'success', endedDaysAgo: 0.1, intervalEndDaysAgo: 0.1 });
    for (const [tenant, days] of [
      ['a', 400],
      ['a', 10],
      ['b', 400],
    ] as const)
      await db.query(
        `INSERT INTO audit_log (tenant_id, action, outcome, status_code, at) VALUES ($1, 'dag.pause', 'success', 200, $2)`,
        [tenants[tenant], daysAgo(days)],
      );
  });
  afterAll(() => drop());

  it('a dry run counts per tenant and table what is past retention and removes nothing', async () => {
    const results = await retention.clean({ dryRun: true, batchSize: 2, now: NOW });
    const counted = Object.fromEntries(results.map((r) => [`${r.slug} ${r.table}`, [r.keptDays, r.rows]]));
    expect(counted).toEqual({
      // runs: a-old-finished and a-old-failed-manual; logs: the old runs' lines and a-latest-scheduled's, and
      // a-recent's line of 41 days ago; the running run's old lines and XCom are not counted.
      'tenant-a dag_run': [90, 2],
      'tenant-a task_log': [30, 7],
      'tenant-a xcom': [30, 3],
      'tenant-a audit_log': [365, 1],
      'tenant-b dag_run': [3, 1],
      'tenant-b task_log': [30, 3],
      'tenant-b xcom': [30, 0],
      'tenant-b audit_log': [365, 1],
    });
    expect(await countOf('dag_run', 'a')).toBe(5);
    expect(await countOf('audit_log', 'a')).toBe(2);
  });

  it('removes finished runs past retention with their instances, tries, logs and XComs, in batches; keeps each DAG its latest scheduled run; never touches a running run', async () => {
    const results = await retention.clean({ dryRun: false, batchSize: 2, now: NOW });
    expect(results.reduce((sum, r) => sum + r.rows, 0)).toBe(2 + 7 + 3 + 1 + 1 + 3 + 0 + 1);

    expect(await runNames('a')).toEqual(['a-latest-scheduled', 'a-old-running', 'a-recent']);
    expect(await runNames('b')).toEqual(['b-latest-scheduled', 'b-today']);
    expect(await logsOf('a-old-running')).toEqual(['at the end', 'long before']);
    expect(await logsOf('a-recent')).toEqual(['at the end']);
    expect(await logsOf('a-latest-scheduled')).toEqual([]);
    // Task instances and tries went with their runs (3 runs left in a, 2 in b).
    expect([await countOf('task_instance', 'a'), await countOf('task_try', 'a')]).toEqual([3, 3]);
    expect([await countOf('task_instance', 'b'), await countOf('task_try', 'b')]).toEqual([2, 2]);
    // The running run keeps its XCom; a-recent's is new; a-latest-scheduled's is past 30 days.
    expect(await countOf('xcom', 'a')).toBe(2);
    expect([await countOf('audit_log', 'a'), await countOf('audit_log', 'b')]).toEqual([1, 0]);
    const running = await db.query(`SELECT state, end_date FROM dag_run WHERE run_id = 'a-old-running'`);
    expect(running).toEqual([{ state: 'running', end_date: null }]);

    const again = await retention.clean({ dryRun: true, batchSize: 2, now: NOW });
    expect(again.reduce((sum, r) => sum + r.rows, 0)).toBe(0);
  });

  it('the audit log stays append-only outside the cleaner', async () => {
    await expect(db.query(`DELETE FROM audit_log WHERE tenant_id = $1`, [tenants.a])).rejects.toThrow(
      /append-only \(DELETE refused\)/,
    );
    await expect(db.query(`UPDATE audit_log SET action = 'x' WHERE tenant_id = $1`, [tenants.a])).rejects.toThrow(
      /append-only \(UPDATE refused\)/,
    );
  });
});
