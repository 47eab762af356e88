/** The pool every task uses unless it names another; each tenant has one. */
export const DEFAULT_POOL = 'default_pool';

/** A task instance that is ready (`scheduled`) and waits for capacity. */
export interface DispatchCandidate {
  id: string;
  tenantId: string;
  dagId: string;
  pool: string;
  poolSlots: number;
  /** The DAG's `maxActiveTasks` (from the run's DAG version). */
  maxActiveTasks: number;
  priorityWeight: number;
  /** When it became ready (ms since the epoch): older goes first among equal weights. */
  readyAt: number;
}

/** What is in use (queued or running) when a dispatch begins, and the limits that apply. */
export interface DispatchCapacity {
  /** Task instances the platform may still queue (its dispatch slots minus those queued or running). */
  freeSlots: number;
  /** Per tenant: its task instances queued or running. Absent means none. */
  tenantActive: ReadonlyMap<string, number>;
  /** Per tenant: the most it may have queued or running. */
  tenantLimit: ReadonlyMap<string, number>;
  /** Per pool (`poolKey`): slots left. Absent means the pool has no slot free (or does not exist). */
  poolFree: ReadonlyMap<string, number>;
  /** Per DAG (`dagKey`): its task instances queued or running, across its runs. */
  dagActive: ReadonlyMap<string, number>;
}

export const poolKey = (tenantId: string, pool: string): string => `${tenantId}\u0000${pool}`;
export const dagKey = (tenantId: string, dagId: string): string => `${tenantId}\u0000${dagId}`;

/** Within one tenant: higher `priorityWeight` first, then the longest waiting, then by id (stable). */
export function byPriority(a: DispatchCandidate, b: DispatchCandidate): number {
  return b.priorityWeight - a.priorityWeight || a.readyAt - b.readyAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Chooses which candidates to queue now, in the order to queue them. Each turn goes to the tenant
 * with the fewest task instances queued or running (fair share: a tenant with a long backlog never
 * holds back another tenant's ready task for more than one turn), ties to the tenant whose best
 * candidate has waited longest; within the tenant, to its best candidate by `byPriority` that fits
 * its pool's free slots and its DAG's `maxActiveTasks`. Nothing is taken past the platform's free
 * slots or a tenant's limit. Priority weights never cross tenants: they order a tenant's own work.
 */
export function selectForDispatch(candidates: readonly DispatchCandidate[], capacity: DispatchCapacity): DispatchCandidate[] {
  const queues = new Map<string, DispatchCandidate[]>();
  for (const c of candidates) queues.set(c.tenantId, [...(queues.get(c.tenantId) ?? []), c]);
  for (const queue of queues.values()) queue.sort(byPriority);
  const tenantActive = new Map(capacity.tenantActive);
  const poolFree = new Map(capacity.poolFree);
  const dagActive = new Map(capacity.dagActive);
  const chosen: DispatchCandidate[] = [];
  let free = capacity.freeSlots;

  const fits = (c: DispatchCandidate) =>
    (poolFree.get(poolKey(c.tenantId, c.pool)) ?? 0) >= c.poolSlots && (dagActive.get(dagKey(c.tenantId, c.dagId)) ?? 0) < c.maxActiveTasks;

  while (free > 0) {
    let turn: string | null = null;
    for (const [tenantId, queue] of queues) {
      const active = tenantActive.get(tenantId) ?? 0;
      // Capacity only shrinks during one dispatch, so what does not fit now never will: drop it.
      while (queue.length > 0 && !fits(queue[0])) queue.shift();
      if (queue.length === 0 || active >= (capacity.tenantLimit.get(tenantId) ?? 0)) {
        queues.delete(tenantId);
        continue;
      }
      if (turn === null) {
        turn = tenantId;
        continue;
      }
      const best = tenantActive.get(turn) ?? 0;
      if (active < best || (active === best && (queues.get(turn) as DispatchCandidate[])[0].readyAt > queue[0].readyAt)) turn = tenantId;
    }
    if (turn === null) break;
    const next = (queues.get(turn) as DispatchCandidate[]).shift() as DispatchCandidate;
    chosen.push(next);
    free -= 1;
    tenantActive.set(turn, (tenantActive.get(turn) ?? 0) + 1);
    poolFree.set(poolKey(turn, next.pool), (poolFree.get(poolKey(turn, next.pool)) ?? 0) - next.poolSlots);
    dagActive.set(dagKey(turn, next.dagId), (dagActive.get(dagKey(turn, next.dagId)) ?? 0) + 1);
  }
  return chosen;
}
