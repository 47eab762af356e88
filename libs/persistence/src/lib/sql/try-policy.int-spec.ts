import { claimTries, endTries, ReadyTaskModel, TryEndModel, TryInstance } from '@updraft/domain';
import fc from 'fast-check';
import { DataSource, QueryRunner } from 'typeorm';
import { scratchDatabase } from '../testing/scratch-database';

/**
 * Property: on random task instances, the claim and the end of tries in PostgreSQL
 * (updraft_claim.sql, updraft_end_tries.sql) and their pure models in libs/domain (claimTries,
 * endTries) agree. The rows are written with foreign keys off (session_replication_role =
 * replica, this connection only): the policy reads task_instance alone.
 */
const TENANTS = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b'];
const RUNS_OF_DAG = ['00000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000002'];
const STATES = ['none', 'scheduled', 'queued', 'running', 'success', 'failed'];
const NUM_RUNS = 100;

const idOf = (i: number) => `00000000-0000-4000-9000-${String(i + 1).padStart(12, '0')}`;

const instancesArbitrary: fc.Arbitrary<TryInstance[]> = fc
  .array(
    fc.record({
      tenantId: fc.constantFrom(...TENANTS),
      dagRunId: fc.constantFrom(...RUNS_OF_DAG),
      mapIndex: fc.constantFrom(-1, -1, 0),
      state: fc.constantFrom(...STATES),
      tryNumber: fc.integer({ min: 0, max: 2 }),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((rows) => rows.map((r, i) => ({ ...r, id: idOf(i), taskId: `t${i}` })));

describe('the try policy: PostgreSQL and its pure model agree on random instances', () => {
  let db: DataSource;
  let drop: () => Promise<void>;
  let q: QueryRunner;

  beforeAll(async () => {
    ({ db, drop } = await scratchDatabase());
    q = db.createQueryRunner();
    await q.connect();
    await q.query(`SET session_replication_role = replica`);
  });

  afterAll(async () => {
    await q.release();
    await drop();
  });

  async function seed(instances: TryInstance[]): Promise<void> {
    await q.query(`DELETE FROM task_try`);
    await q.query(`DELETE FROM task_instance`);
    for (const i of instances)
      await q.query(
        `INSERT INTO task_instance (id, tenant_id, dag_run_id, task_id, map_index, operator, state, try_number)
         VALUES ($1, $2, $3, $4, $5, 'empty', $6, $7)`,
        [i.id, i.tenantId, i.dagRunId, i.taskId, i.mapIndex, i.state, i.tryNumber],
      );
  }

  it('updraft_claim = claimTries', async () => {
    await fc.assert(
      fc.asyncProperty(
        instancesArbitrary.chain((instances) =>
          fc.record({
            instances: fc.constant(instances),
            asked: fc
              .subarray(instances)
              .chain((some) =>
                fc.tuple(
                  ...some.map((i) =>
                    fc.constantFrom(i.tenantId, ...TENANTS).map((tenantId) => ({ tenantId, id: i.id })),
                  ),
                ),
              ),
            from: fc.constantFrom('queued' as const, 'scheduled' as const),
          }),
        ),
        async ({ instances, asked, from }) => {
          await seed(instances);
          const rows: { id: string; try_number: number }[] = await q.query(
            `SELECT id, try_number FROM updraft_claim($1, $2, 'w', $3) ORDER BY id`,
            [asked.map((a) => a.tenantId), asked.map((a) => a.id), from],
          );
          const tries: { task_instance_id: string; try_number: number }[] = await q.query(
            `SELECT task_instance_id, try_number FROM task_try ORDER BY task_instance_id`,
          );
          const expected = claimTries(instances, asked, from);
          expect(rows.map((r) => ({ id: r.id, tryNumber: r.try_number }))).toEqual(expected);
          expect(tries.map((t) => ({ id: t.task_instance_id, tryNumber: t.try_number }))).toEqual(expected);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it("a superseded try's late end (its worker cut off, reaped, retried elsewhere) changes neither its try row nor the XCom", async () => {
    const [tenant, run, id] = [TENANTS[0], RUNS_OF_DAG[0], idOf(0)];
    await seed([{ id, tenantId: tenant, dagRunId: run, taskId: 't0', mapIndex: -1, state: 'running', tryNumber: 2 }]);
    await q.query(`DELETE FROM xcom`);
    await q.query(
      `INSERT INTO task_try (tenant_id, task_instance_id, try_number, state, exit_reason)
       VALUES ($1, $2, 1, 'up_for_retry', 'zombie'), ($1, $2, 2, 'running', NULL)`,
      [tenant, id],
    );
    const end = (tryNumber: number, value: string) =>
      q.query(
        `SELECT kind, id FROM updraft_end_tries($1, $2, $3, $4, $5, $6, '{}', '{}', '{}', '{}', '{}', '{}',
           $1, $7, $8, $9, $10, $11, '[]', 1, NULL, NULL, NULL, NULL, NULL)`,
        [[tenant], [id], [tryNumber], ['success'], [null], [null], [run], ['t0'], [-1], ['return_value'], [value]],
      );
    expect(await end(1, '"late"')).toEqual([]);
    const states = async () =>
      (
        await q.query(`SELECT try_number, state FROM task_try WHERE task_instance_id = $1 ORDER BY try_number`, [id])
      ).map((t: { try_number: number; state: string }) => [t.try_number, t.state]);
    expect(await states()).toEqual([
      [1, 'up_for_retry'],
      [2, 'running'],
    ]);
    expect(await q.query(`SELECT value FROM xcom WHERE dag_run_id = $1`, [run])).toEqual([]);
    expect(await end(2, '"current"')).toEqual([{ kind: 'ended', id }]);
    expect(await states()).toEqual([
      [1, 'up_for_retry'],
      [2, 'success'],
    ]);
    expect(await q.query(`SELECT value FROM xcom WHERE dag_run_id = $1`, [run])).toEqual([{ value: 'current' }]);
  });

  it('updraft_end_tries = endTries', async () => {
    await fc.assert(
      fc.asyncProperty(
        instancesArbitrary.chain((instances) =>
          fc.record({
            instances: fc.constant(instances),
            ends: fc.subarray(instances).chain((some) =>
              fc.tuple(
                ...some.map((i) =>
                  fc.record({
                    tenantId: fc.constantFrom(i.tenantId, i.tenantId, ...TENANTS),
                    id: fc.constant(i.id),
                    tryNumber: fc.constantFrom(i.tryNumber, i.tryNumber, i.tryNumber + 1),
                    state: fc.constantFrom('success', 'failed'),
                  }),
                ),
              ),
            ),
            ready: fc.array(
              fc.record({
                tenantId: fc.constantFrom(...TENANTS),
                dagRunId: fc.constantFrom(...RUNS_OF_DAG),
                taskId: fc.constantFrom(...instances.map((i) => i.taskId)),
                requires: fc.subarray(
                  instances.map((i) => i.id),
                  { maxLength: Math.min(3, instances.length) },
                ),
              }),
              { maxLength: 4 },
            ),
          }),
        ),
        async ({
          instances,
          ends,
          ready,
        }: {
          instances: TryInstance[];
          ends: TryEndModel[];
          ready: ReadyTaskModel[];
        }) => {
          await seed(instances);
          const before = new Set(instances.filter((i) => i.state === 'scheduled').map((i) => i.id));
          const none: string[] = [];
          const rows: { kind: string; id: string }[] = await q.query(
            `SELECT kind, id FROM updraft_end_tries($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10, $10, $7, $7, $10, $8, $10, $10,
               $11, 1, 10, 10, 10, 0, NULL)`,
            [
              ends.map((e) => e.tenantId),
              ends.map((e) => e.id),
              ends.map((e) => e.tryNumber),
              ends.map((e) => e.state),
              ends.map(() => null),
              ends.map(() => null),
              none,
              none,
              none,
              none,
              JSON.stringify(
                ready.map((r) => ({
                  tenant_id: r.tenantId,
                  dag_run_id: r.dagRunId,
                  task_id: r.taskId,
                  requires: r.requires,
                })),
              ),
            ],
          );
          const scheduled: { id: string }[] = await q.query(
            `SELECT id FROM task_instance WHERE state = 'scheduled' ORDER BY id`,
          );
          const expected = endTries(instances, ends, ready);
          expect(
            rows
              .filter((r) => r.kind === 'ended')
              .map((r) => r.id)
              .sort(),
          ).toEqual(expected.ended.sort());
          expect(scheduled.map((r) => r.id).filter((id) => !before.has(id))).toEqual(expected.scheduled.sort());
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
