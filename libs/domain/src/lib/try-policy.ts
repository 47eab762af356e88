/**
 * When a try begins and when it ends, as pure models of the PostgreSQL functions that decide it
 * (libs/persistence/src/lib/sql/functions: updraft_claim.sql, updraft_end_tries.sql). A property
 * test in libs/persistence (try-policy.int-spec.ts) runs random snapshots through both.
 */

/** A task instance as far as claiming and ending its tries is concerned. */
export interface TryInstance {
  id: string;
  tenantId: string;
  dagRunId: string;
  taskId: string;
  mapIndex: number;
  state: string;
  tryNumber: number;
}

export interface InstanceRef {
  tenantId: string;
  id: string;
}

/**
 * `updraft_claim`: of the instances asked for (by tenant and id), those still in state `from`
 * ('queued' for a worker's Bull jobs, 'scheduled' for the dispatch's own claims) become running
 * and begin their next try. Returns them with that try's number, in the instances' order.
 */
export function claimTries(
  instances: TryInstance[],
  asked: InstanceRef[],
  from: 'queued' | 'scheduled',
): { id: string; tryNumber: number }[] {
  const wanted = new Set(asked.map((a) => `${a.tenantId}/${a.id}`));
  return instances
    .filter((i) => i.state === from && wanted.has(`${i.tenantId}/${i.id}`))
    .map((i) => ({ id: i.id, tryNumber: i.tryNumber + 1 }));
}

/** A try's end as a worker reports it. */
export interface TryEndModel extends InstanceRef {
  tryNumber: number;
  state: string;
}

/** A task found ready from the ends it names (`requires`: their instance ids). */
export interface ReadyTaskModel {
  tenantId: string;
  dagRunId: string;
  taskId: string;
  requires: string[];
}

/**
 * `updraft_end_tries` (without the dispatch it runs afterwards): a try ends only while its
 * instance is running with that try number, so a try reported twice, or superseded, ends once.
 * A task found ready is scheduled only if it is still unmapped and in state 'none', and every
 * end it was decided from applied in this call. Returns the ids ended and the ids scheduled.
 */
export function endTries(
  instances: TryInstance[],
  ends: TryEndModel[],
  ready: ReadyTaskModel[],
): { ended: string[]; scheduled: string[] } {
  const ended = new Set(
    instances
      .filter(
        (i) =>
          i.state === 'running' &&
          ends.some((e) => e.tenantId === i.tenantId && e.id === i.id && e.tryNumber === i.tryNumber),
      )
      .map((i) => i.id),
  );
  const scheduled = instances
    .filter(
      (i) =>
        i.mapIndex === -1 &&
        i.state === 'none' &&
        ready.some(
          (r) =>
            r.tenantId === i.tenantId &&
            r.dagRunId === i.dagRunId &&
            r.taskId === i.taskId &&
            r.requires.every((id) => ended.has(id)),
        ),
    )
    .map((i) => i.id);
  return { ended: [...ended], scheduled };
}
