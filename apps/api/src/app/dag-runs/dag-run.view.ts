import type { DagRun } from '@updraft/api-types';
import type { DagRunEntity } from '@updraft/persistence';

export const isoOrNull = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function toDagRunView(r: DagRunEntity): DagRun {
  return {
    runId: r.runId,
    dagId: r.dagId,
    state: r.state,
    runType: r.runType,
    logicalDate: r.logicalDate.toISOString(),
    dataIntervalStart: r.dataIntervalStart.toISOString(),
    dataIntervalEnd: r.dataIntervalEnd.toISOString(),
    conf: r.conf,
    queuedAt: r.queuedAt.toISOString(),
    startDate: isoOrNull(r.startDate),
    endDate: isoOrNull(r.endDate),
  };
}
