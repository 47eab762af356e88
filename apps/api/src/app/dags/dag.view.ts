import type { Dag } from '@updraft/api-types';
import type { DagSummary } from '@updraft/persistence';
import { describeCondition } from '@updraft/sdk';

export function toDagView(d: DagSummary): Dag {
  const s = d.serialized;
  return {
    dagId: d.dagId,
    description: s.description,
    schedule: s.schedule,
    assetSchedule: s.assetCondition ? describeCondition(s.assetCondition) : null,
    timezone: s.timezone,
    startDate: s.startDate,
    catchup: s.catchup,
    tags: s.tags,
    team: d.team,
    owners: [...new Set(s.tasks.flatMap((t) => (t.owner ? [t.owner] : [])))].sort(),
    isPaused: d.isPaused,
    isActive: d.isActive,
    bundleName: d.bundleName,
    bundleVersion: d.bundleVersion,
    lastRun: d.lastRun ? { ...d.lastRun, logicalDate: d.lastRun.logicalDate.toISOString() } : null,
    nextRunAt: d.nextDagrunAt && !d.isPaused ? d.nextDagrunAt.toISOString() : null,
  };
}
