import { dagKey, DispatchCandidate, DispatchCapacity, poolKey, selectForDispatch } from './dispatch';

/** `A1` is tenant A's candidate 1; options override the defaults (default_pool, DAG `d`, weight 1, ready in id order). */
function c(id: string, options: Partial<DispatchCandidate> = {}): DispatchCandidate {
  return { id, tenantId: id[0], dagId: 'd', pool: 'default_pool', poolSlots: 1, maxActiveTasks: 100, priorityWeight: 1, readyAt: Number(id.slice(1)), ...options };
}

function capacity(options: { free?: number; active?: Record<string, number>; limit?: number; pools?: Record<string, number>; dags?: Record<string, number> } = {}): DispatchCapacity {
  const tenants = ['A', 'B', 'C'];
  return {
    freeSlots: options.free ?? 100,
    tenantActive: new Map(Object.entries(options.active ?? {})),
    tenantLimit: new Map(tenants.map((t) => [t, options.limit ?? 100])),
    poolFree: new Map(tenants.flatMap((t) => Object.entries({ default_pool: 100, ...options.pools }).map(([pool, n]) => [poolKey(t, pool), n] as const))),
    dagActive: new Map(Object.entries(options.dags ?? {}).map(([key, n]) => [dagKey(key[0], key.slice(2)), n])),
  };
}

const ids = (chosen: DispatchCandidate[]) => chosen.map((x) => x.id);

describe('selectForDispatch', () => {
  it.each<[string, DispatchCandidate[], DispatchCapacity, string[]]>([
    ['takes everything when there is room, oldest first', [c('A2'), c('A1'), c('A3')], capacity(), ['A1', 'A2', 'A3']],
    ['stops at the platform\'s free slots', [c('A1'), c('A2'), c('A3')], capacity({ free: 2 }), ['A1', 'A2']],
    ['takes nothing when no slot is free', [c('A1')], capacity({ free: 0 }), []],
    ['orders a tenant\'s work by priorityWeight, then age', [c('A1'), c('A2', { priorityWeight: 5 }), c('A3', { priorityWeight: 5 })], capacity(), ['A2', 'A3', 'A1']],
    ['alternates between tenants with equal backlogs', [c('A1'), c('A2'), c('A3'), c('B4'), c('B5'), c('B6')], capacity(), ['A1', 'B4', 'A2', 'B5', 'A3', 'B6']],
    ['gives the next slot to the tenant with fewer tasks queued or running', [c('A1'), c('A2'), c('B9')], capacity({ free: 1, active: { A: 30 } }), ['B9']],
    ['lets a tenant with one ready task in after at most one turn of a huge backlog',
      [...Array.from({ length: 50 }, (_, i) => c(`A${i + 1}`)), c('B99')], capacity({ free: 3 }), ['A1', 'B99', 'A2']],
    ['priority weights never cross tenants', [c('A1', { priorityWeight: 1000 }), c('A2', { priorityWeight: 1000 }), c('B3')], capacity({ free: 2, active: { A: 1 } }), ['B3', 'A1']],
    ['holds a tenant at its limit and gives its turns to others', [c('A1'), c('A2'), c('B3'), c('B4')], capacity({ active: { A: 4 }, limit: 5 }), ['B3', 'B4', 'A1']],
    ['never exceeds a pool\'s free slots', [c('A1', { pool: 'db' }), c('A2', { pool: 'db' }), c('A3', { pool: 'db' }), c('A4')], capacity({ pools: { db: 2 } }), ['A1', 'A2', 'A4']],
    ['counts poolSlots against the pool', [c('A1', { pool: 'db', poolSlots: 2 }), c('A2', { pool: 'db', poolSlots: 2 }), c('A3', { pool: 'db' })], capacity({ pools: { db: 3 } }), ['A1', 'A3']],
    ['never queues in a pool that does not exist', [c('A1', { pool: 'nope' }), c('A2')], capacity(), ['A2']],
    ['pools are per tenant', [c('A1', { pool: 'db' }), c('B2', { pool: 'db' })], { ...capacity(), poolFree: new Map([[poolKey('B', 'db'), 1], [poolKey('A', 'default_pool'), 9]]) }, ['B2']],
    ['holds a DAG at maxActiveTasks, counting its active ones', [c('A1', { maxActiveTasks: 3 }), c('A2', { maxActiveTasks: 3 }), c('A3', { dagId: 'e', maxActiveTasks: 3 })], capacity({ dags: { 'A/d': 2 } }), ['A1', 'A3']],
    ['a blocked high-priority task does not block the rest of its tenant', [c('A1', { pool: 'db', priorityWeight: 9 }), c('A2')], capacity({ pools: { db: 0 } }), ['A2']],
  ])('%s', (_, candidates, cap, expected) => expect(ids(selectForDispatch(candidates, cap))).toEqual(expected));

  it('does not change the capacity it is given', () => {
    const cap = capacity({ free: 1, active: { A: 1 } });
    selectForDispatch([c('A1')], cap);
    expect(cap.tenantActive.get('A')).toBe(1);
    expect(cap.poolFree.get(poolKey('A', 'default_pool'))).toBe(100);
  });
});
