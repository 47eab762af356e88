import type { DagRunEntity } from '@updraft/persistence';

export function toDagRunView(r: DagRunEntity) {
  return {
    runId: r.runId,
    dagId: r.dagId,
    state: r.state,
    runType: r.runType,
    logicalDate: r.logicalDate,
    dataIntervalStart: r.dataIntervalStart,
    dataIntervalEnd: r.dataIntervalEnd,
    conf: r.conf,
    queuedAt: r.queuedAt,
    startDate: r.startDate,
    endDate: r.endDate,
  };
}
