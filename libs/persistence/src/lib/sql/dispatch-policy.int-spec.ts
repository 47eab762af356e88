import {
  DispatchCandidate,
  DispatchLimitsModel,
  DispatchUsage,
  selectForDispatch,
  selectSharingHeadroom,
} from '@updraft/domain';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { scratchDatabase } from '../testing/scratch-database';

/**
 * Property: on random snapshots, the dispatch's choice in PostgreSQL
 * (updraft_select_for_dispatch.sql, updraft_select_sharing_headroom.sql) and its pure model in
 * libs/domain (selectForDispatch, selectSharingHeadroom) choose the same instances in the same
 * order. Small domains (3 tenants, 2 pools, 2 DAGs, few weights and ready times) so that ties,
 * full pools, full DAGs and tenant limits come up often.
 */
const TENANTS = [
  '00000000-0000-4000-8000-00000000000a',
  '00000000-0000-4000-8000-00000000000b',
  '00000000-0000-4000-8000-00000000000c',
];
const POOLS = ['default_pool', 'db'];
const DAGS = ['d', 'e'];
const RUNS = 100;

interface Snapshot {
  free: number;
  usage: DispatchUsage;
  candidates: DispatchCandidate[];
  limits: DispatchLimitsModel;
}

/** Some of `keys`, each with a value. */
const keyed = <T>(keys: string[], value: fc.Arbitrary<T>): fc.Arbitrary<Record<string, T>> =>
  fc
    .subarray(keys)
    .chain((some) =>
      fc.tuple(...some.map(() => value)).map((vs) => Object.fromEntries(some.map((k, i) => [k, vs[i]]))),
    );

const pairs = (left: string[], right: string[]) => left.flatMap((l) => right.map((r) => `${l}/${r}`));

const snapshotArbitrary: fc.Arbitrary<Snapshot> = fc
  .record({
    free: fc.integer({ min: 0, max: 12 }),
    tenants: keyed(TENANTS, fc.integer({ min: 0, max: 6 })),
    pools: keyed(pairs(TENANTS, POOLS), fc.integer({ min: 0, max: 5 })),
    dags: keyed(pairs(TENANTS, DAGS), fc.integer({ min: 0, max: 4 })),
    tenantLimits: keyed(TENANTS, fc.option(fc.integer({ min: 0, max: 8 }))),
    poolTotals: keyed(pairs(TENANTS, POOLS), fc.option(fc.integer({ min: 0, max: 6 }))),
    limits: fc.record({
      tenantLimit: fc.integer({ min: 0, max: 10 }),
      defaultPoolSlots: fc.integer({ min: 0, max: 8 }),
    }),
    candidates: fc.array(
      fc.record({
        tenant: fc.constantFrom(...TENANTS),
        pool: fc.constantFrom(...POOLS),
        poolSlots: fc.integer({ min: 1, max: 3 }),
        priorityWeight: fc.integer({ min: 1, max: 3 }),
        readyAt: fc.option(fc.integer({ min: 0, max: 4 }).map((s) => s * 1000)),
        dagId: fc.constantFrom(...DAGS),
        maxActiveTasks: fc.integer({ min: 1, max: 5 }),
      }),
      { maxLength: 16 },
    ),
  })
  .map((s) => ({
    free: s.free,
    usage: { tenants: s.tenants, pools: s.pools, dags: s.dags },
    limits: s.limits,
    candidates: s.candidates.map((c, i) => ({
      id: `00000000-0000-4000-9000-${String(i + 1).padStart(12, '0')}`,
      tenantId: c.tenant,
      pool: c.pool,
      poolSlots: c.poolSlots,
      priorityWeight: c.priorityWeight,
      readyAt: c.readyAt,
      dagId: c.dagId,
      maxActiveTasks: c.maxActiveTasks,
      tenantLimit: s.tenantLimits[c.tenant] ?? null,
      poolTotal: s.poolTotals[`${c.tenant}/${c.pool}`] ?? null,
    })),
  }));

/** The snapshot as updraft_dispatch_snapshot returns it: usage rows and candidate rows as JSON. */
function toSql(s: Snapshot): { usage: string; candidates: string } {
  const split = (key: string) => ({ tenant_id: key.slice(0, key.indexOf('/')), name: key.slice(key.indexOf('/') + 1) });
  const usage = [
    ...Object.entries(s.usage.tenants).map(([tenant_id, used]) => ({ kind: 'tenant', tenant_id, name: null, used })),
    ...Object.entries(s.usage.pools).map(([key, used]) => ({ kind: 'pool', ...split(key), used })),
    ...Object.entries(s.usage.dags).map(([key, used]) => ({ kind: 'dag', ...split(key), used })),
  ];
  const candidates = s.candidates.map((c) => ({
    id: c.id,
    tenant_id: c.tenantId,
    pool: c.pool,
    pool_slots: c.poolSlots,
    priority_weight: c.priorityWeight,
    scheduled_at: c.readyAt === null ? null : new Date(c.readyAt).toISOString(),
    dag_id: c.dagId,
    max_active_tasks: c.maxActiveTasks,
    max_running_tasks: c.tenantLimit,
    pool_total: c.poolTotal,
  }));
  return { usage: JSON.stringify(usage), candidates: JSON.stringify(candidates) };
}

describe('the dispatch policy: PostgreSQL and its pure model agree on random snapshots', () => {
  let db: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ db, drop } = await scratchDatabase());
  });

  afterAll(() => drop());

  it('updraft_select_for_dispatch = selectForDispatch', async () => {
    await fc.assert(
      fc.asyncProperty(snapshotArbitrary, async (s) => {
        const { usage, candidates } = toSql(s);
        const rows: { id: string }[] = await db.query(
          `SELECT id FROM updraft_select_for_dispatch($1, $2, $3, $4, $5) ORDER BY ord`,
          [s.free, usage, candidates, s.limits.tenantLimit, s.limits.defaultPoolSlots],
        );
        expect(rows.map((r) => r.id)).toEqual(selectForDispatch(s.free, s.usage, s.candidates, s.limits));
      }),
      { numRuns: RUNS },
    );
  });

  it('updraft_select_sharing_headroom = selectSharingHeadroom', async () => {
    const workers = fc.record({
      slots: fc.integer({ min: 0, max: 10 }),
      reserved: fc.integer({ min: 0, max: 4 }),
      platformSlots: fc.integer({ min: 1, max: 12 }),
    });
    await fc.assert(
      fc.asyncProperty(snapshotArbitrary, workers, async (s, w) => {
        await db.query(`DELETE FROM worker`);
        await db.query(
          `INSERT INTO worker (hostname, slots, reserved_slots, expires_at) VALUES ('w', $1, $2, now() + interval '1 hour')`,
          [w.slots, w.reserved],
        );
        const { usage, candidates } = toSql(s);
        const rows: { id: string }[] = await db.query(
          `SELECT id FROM updraft_select_sharing_headroom($1, $2, $3, $4, $5, $6) ORDER BY ord`,
          [s.free, usage, candidates, s.limits.tenantLimit, s.limits.defaultPoolSlots, w.platformSlots],
        );
        const capacity = { regularSlots: Math.min(w.platformSlots, w.slots), headroom: w.reserved };
        expect(rows.map((r) => r.id)).toEqual(selectSharingHeadroom(s.free, s.usage, s.candidates, s.limits, capacity));
      }),
      { numRuns: RUNS },
    );
  });
});
