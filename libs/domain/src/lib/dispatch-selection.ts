/**
 * The dispatch's choice, as a pure model of the PostgreSQL functions that make it
 * (`updraft_select_for_dispatch`, `updraft_select_sharing_headroom`; see libs/persistence/src/lib/sql/functions). The
 * integration spec of those functions runs every case through this model too, so the two agree.
 */

export interface DispatchCandidate {
  id: string;
  tenantId: string;
  pool: string;
  poolSlots: number;
  priorityWeight: number;
  /** When it became ready (ms); null counts as the epoch. */
  readyAt: number | null;
  dagId: string;
  maxActiveTasks: number;
  /** The tenant's own limit; null: the platform's default. */
  tenantLimit: number | null;
  /** The pool's slots; null: default_pool's default, or no such pool. */
  poolTotal: number | null;
}

/** What is queued or running now: per tenant, per `tenant/pool` (pool slots) and per `tenant/dag`. */
export interface DispatchUsage {
  tenants: Record<string, number>;
  pools: Record<string, number>;
  dags: Record<string, number>;
}

export interface DispatchLimitsModel {
  tenantLimit: number;
  defaultPoolSlots: number;
}

const byDispatchOrder = (a: DispatchCandidate, b: DispatchCandidate): number =>
  a.tenantId.localeCompare(b.tenantId) ||
  b.priorityWeight - a.priorityWeight ||
  (a.readyAt ?? 0) - (b.readyAt ?? 0) ||
  a.id.localeCompare(b.id);

/**
 * Fills `free` slots, a turn at a time: each turn to the tenant with the fewest instances queued
 * or running that has a candidate fitting its pool and DAG (ties: its best candidate has waited
 * longest), never past a tenant's limit. Returns the chosen ids in order.
 */
export function selectForDispatch(
  free: number,
  usage: DispatchUsage,
  candidates: DispatchCandidate[],
  limits: DispatchLimitsModel,
): string[] {
  const sorted = [...candidates].sort(byDispatchOrder);
  const poolFree = new Map<string, number>();
  const dagActive = new Map(Object.entries(usage.dags));
  const queues: { items: DispatchCandidate[]; head: number; active: number; limit: number; open: boolean }[] = [];
  for (const c of sorted) {
    let queue = queues[queues.length - 1];
    if (!queue || queue.items[0].tenantId !== c.tenantId)
      queues.push((queue = { items: [], head: 0, active: usage.tenants[c.tenantId] ?? 0, limit: 0, open: true }));
    queue.items.push(c);
    queue.limit = c.tenantLimit ?? limits.tenantLimit;
    const key = `${c.tenantId}/${c.pool}`;
    poolFree.set(
      key,
      (c.poolTotal ?? (c.pool === 'default_pool' ? limits.defaultPoolSlots : 0)) - (usage.pools[key] ?? 0),
    );
  }
  const fits = (c: DispatchCandidate) =>
    (poolFree.get(`${c.tenantId}/${c.pool}`) ?? 0) >= c.poolSlots &&
    (dagActive.get(`${c.tenantId}/${c.dagId}`) ?? 0) < c.maxActiveTasks;
  const chosen: string[] = [];
  while (chosen.length < free) {
    let turn: (typeof queues)[number] | null = null;
    for (const queue of queues) {
      if (!queue.open) continue;
      // Capacity only shrinks during one dispatch, so what does not fit now never will: skipped.
      while (queue.head < queue.items.length && !fits(queue.items[queue.head])) queue.head++;
      if (queue.head >= queue.items.length || queue.active >= queue.limit) {
        queue.open = false;
        continue;
      }
      if (
        !turn ||
        queue.active < turn.active ||
        (queue.active === turn.active && (turn.items[turn.head].readyAt ?? 0) > (queue.items[queue.head].readyAt ?? 0))
      )
        turn = queue;
    }
    if (!turn) break;
    const c = turn.items[turn.head++];
    chosen.push(c.id);
    turn.active++;
    const poolKey = `${c.tenantId}/${c.pool}`;
    poolFree.set(poolKey, (poolFree.get(poolKey) ?? 0) - c.poolSlots);
    const dagKey = `${c.tenantId}/${c.dagId}`;
    dagActive.set(dagKey, (dagActive.get(dagKey) ?? 0) + 1);
  }
  return chosen;
}

/** The live workers' slots (within DISPATCH_SLOTS) and their headroom (WORKER_RESERVED_SLOTS each). */
export interface WorkerCapacityModel {
  regularSlots: number;
  headroom: number;
}

/**
 * The choice with headroom: `free` counts the headroom too. While regular slots are free, they are
 * filled as `selectForDispatch` does and the headroom is left alone. Once none is, the headroom
 * goes only to tenants below their fair share (the regular slots over the tenants with work
 * queued, running or ready, rounded up); a tenant alone never takes it.
 */
export function selectSharingHeadroom(
  free: number,
  usage: DispatchUsage,
  candidates: DispatchCandidate[],
  limits: DispatchLimitsModel,
  capacity: WorkerCapacityModel,
): string[] {
  if (free > capacity.headroom) return selectForDispatch(free - capacity.headroom, usage, candidates, limits);
  const tenants = new Set([...Object.keys(usage.tenants), ...candidates.map((c) => c.tenantId)]).size;
  if (tenants < 2) return [];
  const share = Math.ceil(capacity.regularSlots / tenants);
  return selectForDispatch(
    free,
    usage,
    candidates.map((c) => ({ ...c, tenantLimit: Math.min(c.tenantLimit ?? limits.tenantLimit, share) })),
    limits,
  );
}
