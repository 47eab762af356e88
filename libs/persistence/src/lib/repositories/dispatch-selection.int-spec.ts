import { DispatchCandidate, DispatchUsage, selectForDispatch, selectSharingHeadroom } from '@updraft/domain';
import { DataSource } from 'typeorm';
import { scratchDatabase } from '../testing/scratch-database';

/**
 * `updraft_select_for_dispatch` and `updraft_select_sharing_headroom` (the dispatch's choice, in
 * PostgreSQL) on hand-made snapshots, each case also through their pure model in libs/domain:
 * `A1` is tenant A's candidate 1, ready at second 1 unless told otherwise.
 */
const TENANTS: Record<string, string> = {
  A: '00000000-0000-4000-8000-00000000000a',
  B: '00000000-0000-4000-8000-00000000000b',
  C: '00000000-0000-4000-8000-00000000000c',
};

interface Candidate {
  name: string;
  pool?: string;
  poolSlots?: number;
  dagId?: string;
  maxActiveTasks?: number;
  priorityWeight?: number;
  readyAt?: number;
}

interface Capacity {
  free?: number;
  /** Per tenant: queued or running. */
  active?: Record<string, number>;
  /** Every tenant's limit, or per tenant. */
  limit?: number | Record<string, number>;
  /** Per pool name (every tenant) or `A/db`: its slots, all free; default_pool has 100. */
  pools?: Record<string, number>;
  /** Per `A/d`: the DAG's queued or running. */
  dags?: Record<string, number>;
}

const c = (name: string, options: Omit<Candidate, 'name'> = {}): Candidate => ({ name, ...options });

/** A deterministic UUID per candidate name, ordered like the names' numbers (ids break ties last). */
function idOf(name: string): string {
  return `00000000-0000-4000-9000-${String(Number(name.slice(1))).padStart(12, '0')}`;
}

describe('updraft_select_for_dispatch: fair share, priorityWeight and limits', () => {
  let db: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ db, drop } = await scratchDatabase());
  });

  afterAll(() => drop());

  async function select(candidates: Candidate[], capacity: Capacity = {}): Promise<string[]> {
    const pools: Record<string, number> = { default_pool: 100, ...capacity.pools };
    const poolTotal = (tenant: string, pool: string) => pools[`${tenant}/${pool}`] ?? pools[pool] ?? null;
    const limitOf = (tenant: string) =>
      typeof capacity.limit === 'number' ? capacity.limit : (capacity.limit?.[tenant] ?? null);
    const rows = candidates.map((x) => ({
      id: idOf(x.name),
      tenant_id: TENANTS[x.name[0]],
      pool: x.pool ?? 'default_pool',
      pool_slots: x.poolSlots ?? 1,
      priority_weight: x.priorityWeight ?? 1,
      scheduled_at: new Date((x.readyAt ?? Number(x.name.slice(1))) * 1000).toISOString(),
      dag_id: x.dagId ?? 'd',
      max_active_tasks: x.maxActiveTasks ?? 100,
      max_running_tasks: limitOf(x.name[0]),
      pool_total: poolTotal(x.name[0], x.pool ?? 'default_pool'),
    }));
    const usage = [
      ...Object.entries(capacity.active ?? {}).map(([tenant, used]) => ({
        kind: 'tenant',
        tenant_id: TENANTS[tenant],
        name: null,
        used,
      })),
      ...Object.entries(capacity.dags ?? {}).map(([key, used]) => ({
        kind: 'dag',
        tenant_id: TENANTS[key[0]],
        name: key.slice(2),
        used,
      })),
    ];
    const chosen: { id: string }[] = await db.query(
      `SELECT id FROM updraft_select_for_dispatch($1, $2, $3, $4, $5) ORDER BY ord`,
      [capacity.free ?? 100, JSON.stringify(usage), JSON.stringify(rows), 100, 100],
    );
    const nameOf = new Map(candidates.map((x) => [idOf(x.name), x.name]));
    const names = chosen.map((r) => nameOf.get(r.id) as string);
    expect(
      selectForDispatch(capacity.free ?? 100, modelUsage(usage), modelCandidates(rows), LIMITS).map((id) =>
        nameOf.get(id),
      ),
    ).toEqual(names);
    return names;
  }

  /**
   * With live workers of `slots` regular slots and `reserved` headroom in all, and each tenant's
   * queued or running count: what the dispatch's free slots would be, then what it chooses.
   */
  async function selectWithHeadroom(
    candidates: Candidate[],
    workers: { slots: number; reserved: number },
    active: Record<string, number>,
  ): Promise<string[]> {
    await db.query(`DELETE FROM worker`);
    await db.query(
      `INSERT INTO worker (hostname, slots, reserved_slots, expires_at) VALUES ('w', $1, $2, now() + interval '1 hour')`,
      [workers.slots, workers.reserved],
    );
    const free = Math.max(workers.slots + workers.reserved - Object.values(active).reduce((a, b) => a + b, 0), 0);
    const rows = candidates.map((x) => ({
      id: idOf(x.name),
      tenant_id: TENANTS[x.name[0]],
      pool: 'default_pool',
      pool_slots: 1,
      priority_weight: 1,
      scheduled_at: new Date(Number(x.name.slice(1)) * 1000).toISOString(),
      dag_id: 'd',
      max_active_tasks: 100,
      max_running_tasks: null,
      pool_total: 100,
    }));
    const usage = Object.entries(active).map(([tenant, used]) => ({
      kind: 'tenant',
      tenant_id: TENANTS[tenant],
      name: null,
      used,
    }));
    const chosen: { id: string }[] = await db.query(
      `SELECT id FROM updraft_select_sharing_headroom($1, $2, $3, 100, 100, 1000) ORDER BY ord`,
      [free, JSON.stringify(usage), JSON.stringify(rows)],
    );
    const nameOf = new Map(candidates.map((x) => [idOf(x.name), x.name]));
    const names = chosen.map((r) => nameOf.get(r.id) as string);
    const modelled = selectSharingHeadroom(free, modelUsage(usage), modelCandidates(rows), LIMITS, {
      regularSlots: workers.slots,
      headroom: workers.reserved,
    });
    expect(modelled.map((id) => nameOf.get(id))).toEqual(names);
    return names;
  }

  it.each<[string, Candidate[], Capacity, string[]]>([
    ['takes everything when there is room, oldest first', [c('A2'), c('A1'), c('A3')], {}, ['A1', 'A2', 'A3']],
    ["stops at the platform's free slots", [c('A1'), c('A2'), c('A3')], { free: 2 }, ['A1', 'A2']],
    ['takes nothing when no slot is free', [c('A1')], { free: 0 }, []],
    [
      "orders a tenant's work by priorityWeight, then age",
      [c('A1'), c('A2', { priorityWeight: 5 }), c('A3', { priorityWeight: 5 })],
      {},
      ['A2', 'A3', 'A1'],
    ],
    ['breaks ties of weight and age by id', [c('A3', { readyAt: 7 }), c('A2', { readyAt: 7 })], {}, ['A2', 'A3']],
    [
      'alternates between tenants with equal backlogs',
      [c('A1'), c('A2'), c('A3'), c('B4'), c('B5'), c('B6')],
      {},
      ['A1', 'B4', 'A2', 'B5', 'A3', 'B6'],
    ],
    [
      'gives the next slot to the tenant with fewer tasks queued or running',
      [c('A1'), c('A2'), c('B9')],
      { free: 1, active: { A: 30 } },
      ['B9'],
    ],
    [
      'gives a tie to the tenant whose best candidate has waited longest',
      [c('A5'), c('B2'), c('C3')],
      { free: 1 },
      ['B2'],
    ],
    [
      'lets a tenant with one ready task in after at most one turn of a huge backlog',
      [...Array.from({ length: 50 }, (_, i) => c(`A${i + 1}`)), c('B99')],
      { free: 3 },
      ['A1', 'B99', 'A2'],
    ],
    [
      'priority weights never cross tenants',
      [c('A1', { priorityWeight: 1000 }), c('A2', { priorityWeight: 1000 }), c('B3')],
      { free: 2, active: { A: 1 } },
      ['B3', 'A1'],
    ],
    [
      'holds a tenant at its limit and gives its turns to others',
      [c('A1'), c('A2'), c('B3'), c('B4')],
      { active: { A: 4 }, limit: 5 },
      ['B3', 'B4', 'A1'],
    ],
    ["uses a tenant's own limit over the default", [c('A1'), c('A2'), c('B3')], { limit: { A: 1 } }, ['A1', 'B3']],
    [
      "never exceeds a pool's free slots",
      [c('A1', { pool: 'db' }), c('A2', { pool: 'db' }), c('A3', { pool: 'db' }), c('A4')],
      { pools: { db: 2 } },
      ['A1', 'A2', 'A4'],
    ],
    [
      'counts poolSlots against the pool',
      [c('A1', { pool: 'db', poolSlots: 2 }), c('A2', { pool: 'db', poolSlots: 2 }), c('A3', { pool: 'db' })],
      { pools: { db: 3 } },
      ['A1', 'A3'],
    ],
    ['never queues in a pool that does not exist', [c('A1', { pool: 'nope' }), c('A2')], {}, ['A2']],
    ['pools are per tenant', [c('A1', { pool: 'db' }), c('B2', { pool: 'db' })], { pools: { 'B/db': 1 } }, ['B2']],
    [
      'holds a DAG at maxActiveTasks, counting its active ones',
      [c('A1', { maxActiveTasks: 3 }), c('A2', { maxActiveTasks: 3 }), c('A3', { dagId: 'e', maxActiveTasks: 3 })],
      { dags: { 'A/d': 2 } },
      ['A1', 'A3'],
    ],
    [
      'a blocked high-priority task does not block the rest of its tenant',
      [c('A1', { pool: 'db', priorityWeight: 9 }), c('A2')],
      { pools: { db: 0 } },
      ['A2'],
    ],
  ])('%s', async (_, candidates, capacity, expected) => expect(await select(candidates, capacity)).toEqual(expected));

  it.each<[string, Candidate[], { slots: number; reserved: number }, Record<string, number>, string[]]>([
    ['a tenant alone never takes the headroom', [c('A1'), c('A2')], { slots: 8, reserved: 2 }, { A: 8 }, []],
    [
      "gives the headroom to another tenant's ready task while one tenant's long tasks hold every regular slot",
      [c('A1'), c('A2'), c('B3')],
      { slots: 8, reserved: 2 },
      { A: 8 },
      ['B3'],
    ],
    [
      'in the headroom, gives a tenant no more than its fair share of the regular slots',
      [c('B1'), c('B2'), c('B3')],
      { slots: 8, reserved: 4 },
      { A: 6, B: 2 },
      ['B1', 'B2'],
    ],
    [
      'shares the headroom fairly among the tenants below their share',
      [c('A0'), c('B1'), c('B2'), c('C3'), c('C4')],
      { slots: 8, reserved: 4 },
      { A: 8 },
      ['B1', 'C3', 'B2', 'C4'],
    ],
    [
      'while regular slots are free, fills only them, as before',
      [c('A1'), c('A2'), c('A3'), c('A4')],
      { slots: 8, reserved: 2 },
      { A: 5 },
      ['A1', 'A2', 'A3'],
    ],
    ['takes nothing once the headroom is used up too', [c('B1')], { slots: 8, reserved: 2 }, { A: 8, B: 2 }, []],
  ])('%s', async (_, candidates, workers, active, expected) =>
    expect(await selectWithHeadroom(candidates, workers, active)).toEqual(expected),
  );

  it('counts what a pool already has queued or running', async () => {
    const usage = [{ kind: 'pool', tenant_id: TENANTS['A'], name: 'db', used: 2 }];
    const rows = ['A1', 'A2'].map((name) => ({
      id: idOf(name),
      tenant_id: TENANTS['A'],
      pool: 'db',
      pool_slots: 1,
      priority_weight: 1,
      scheduled_at: null,
      dag_id: 'd',
      max_active_tasks: 100,
      max_running_tasks: null,
      pool_total: 3,
    }));
    const chosen: { id: string }[] = await db.query(
      `SELECT id FROM updraft_select_for_dispatch(10, $1, $2, 100, 100) ORDER BY ord`,
      [JSON.stringify(usage), JSON.stringify(rows)],
    );
    expect(chosen.map((r) => r.id)).toEqual([idOf('A1')]);
  });
});

const LIMITS = { tenantLimit: 100, defaultPoolSlots: 100 };

/** The snapshot's usage rows as the model takes them. */
function modelUsage(rows: { kind: string; tenant_id: string; name: string | null; used: number }[]): DispatchUsage {
  const usage: DispatchUsage = { tenants: {}, pools: {}, dags: {} };
  for (const r of rows) {
    if (r.kind === 'tenant') usage.tenants[r.tenant_id] = r.used;
    else (r.kind === 'pool' ? usage.pools : usage.dags)[`${r.tenant_id}/${r.name}`] = r.used;
  }
  return usage;
}

/** The snapshot's candidate rows as the model takes them. */
function modelCandidates(rows: Record<string, any>[]): DispatchCandidate[] {
  return rows.map((r) => ({
    id: r['id'],
    tenantId: r['tenant_id'],
    pool: r['pool'],
    poolSlots: r['pool_slots'],
    priorityWeight: r['priority_weight'],
    readyAt: r['scheduled_at'] === null ? null : Date.parse(r['scheduled_at']),
    dagId: r['dag_id'],
    maxActiveTasks: r['max_active_tasks'],
    tenantLimit: r['max_running_tasks'],
    poolTotal: r['pool_total'],
  }));
}
