import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type {
  DagListItem,
  DagSource,
  DagVersionDiff,
  DagVersionView,
  GridData,
  GridRun,
  GridTask,
} from '@updraft/api-types';
import { GRID_NO_INSTANCE, GRID_STATE_CODES } from '@updraft/api-types';
import type { TenantContext } from '@updraft/auth';
import { readDagSource } from '@updraft/bundles';
import { diffDagStructures, mostUrgentState, TaskState } from '@updraft/domain';
import { BundleRepository, DagRepository, DagSummary, DagVersionRow, DagViewRepository } from '@updraft/persistence';
import type { SerializedDag } from '@updraft/sdk';
import { isoOrNull } from '../dag-runs/dag-run.view';
import { ListDagsQuery } from './dags.dto';
import { toDagView } from './dag.view';

function toVersionView(v: DagVersionRow): DagVersionView {
  return {
    id: v.id,
    dagId: v.dagId,
    bundleVersionId: v.bundleVersionId,
    bundleName: v.bundleName,
    bundleVersion: v.bundleVersion,
    bundleStatus: v.bundleStatus,
    hash: v.hash,
    createdAt: v.createdAt.toISOString(),
    isCurrent: v.isCurrent,
    taskCount: v.serialized.tasks.length,
  };
}

/** What the console's DAG list and DAG page show, each answered in a fixed number of queries. */
@Injectable()
export class DagViewsService {
  constructor(
    private readonly dags: DagRepository,
    private readonly views: DagViewRepository,
    private readonly bundles: BundleRepository,
  ) {}

  async list(tenant: TenantContext, query: ListDagsQuery) {
    const { limit, offset, recentRuns, ...filter } = query;
    const page = await this.dags.list(tenant.id, { limit, offset }, { teams: tenant.teams, filter });
    const ids = page.items.map((d) => d.dagId);
    const [runs, misses] = await Promise.all([
      this.views.recentRuns(tenant.id, ids, recentRuns),
      this.views.slaMissCounts(tenant.id, ids),
    ]);
    const runsOf = new Map<string, DagListItem['recentRuns']>();
    for (const run of runs) {
      runsOf.set(run.dagId, [
        ...(runsOf.get(run.dagId) ?? []),
        { runId: run.runId, state: run.state, logicalDate: run.logicalDate.toISOString() },
      ]);
    }
    const items: DagListItem[] = page.items.map((d) => ({
      ...toDagView(d),
      recentRuns: runsOf.get(d.dagId) ?? [],
      slaMisses: misses.get(d.dagId) ?? 0,
    }));
    return { ...page, items };
  }

  async grid(tenantId: string, dagId: string, runCount: number): Promise<GridData> {
    const dag = await this.requireDag(tenantId, dagId);
    const { runs, cells } = await this.views.grid(tenantId, dagId, runCount);
    const tasks: GridTask[] = dag.serialized.tasks.map((t) => ({
      taskId: t.taskId,
      operator: t.operator,
      groupId: t.groupId ?? null,
      mapped: t.expand !== undefined,
    }));
    const indexOf = new Map(tasks.map((t, i) => [t.taskId, i]));
    const countsOf = new Map<string, Map<number, Partial<Record<TaskState, number>>>>();
    for (const cell of cells) {
      const index = indexOf.get(cell.taskId);
      if (index === undefined) continue;
      const byTask = countsOf.get(cell.dagRunId) ?? new Map<number, Partial<Record<TaskState, number>>>();
      const counts = byTask.get(index) ?? {};
      counts[cell.state] = (counts[cell.state] ?? 0) + cell.count;
      byTask.set(index, counts);
      countsOf.set(cell.dagRunId, byTask);
    }
    return {
      dagId,
      tasks,
      groups: (dag.serialized.taskGroups ?? []).map((g) => ({ groupId: g.groupId, parentGroupId: g.parentGroupId })),
      runs: runs.map((run): GridRun => {
        const byTask = countsOf.get(run.id) ?? new Map<number, Partial<Record<TaskState, number>>>();
        const mapped: GridRun['mapped'] = {};
        const states = tasks.map((task, i) => {
          const counts = byTask.get(i);
          if (!counts) return GRID_NO_INSTANCE;
          if (task.mapped) mapped[i] = counts;
          const shown = mostUrgentState(Object.keys(counts) as TaskState[]) ?? 'none';
          return GRID_STATE_CODES[shown];
        });
        return {
          runId: run.runId,
          state: run.state,
          runType: run.runType,
          logicalDate: run.logicalDate.toISOString(),
          queuedAt: run.queuedAt.toISOString(),
          startDate: isoOrNull(run.startDate),
          endDate: isoOrNull(run.endDate),
          states: states.join(''),
          mapped,
        };
      }),
    };
  }

  /** The file that defines the DAG, at the current version, a run's pinned version, or a chosen version. */
  async source(tenant: TenantContext, dagId: string, at: { runId?: string; versionId?: string }): Promise<DagSource> {
    const current = await this.requireDag(tenant.id, dagId);
    const version = at.runId
      ? await this.views.versionOfRun(tenant.id, dagId, at.runId)
      : at.versionId
        ? await this.views.version(tenant.id, dagId, at.versionId)
        : await this.views.version(tenant.id, dagId, current.dagVersionId);
    if (!version)
      throw new NotFoundException(
        at.runId
          ? `run '${at.runId}' of DAG '${dagId}' not found`
          : `version '${at.versionId}' of DAG '${dagId}' not found`,
      );
    const [, file, line] = /^(.*):(\d+)$/.exec(version.serialized.source ?? '') ?? [];
    if (file && tenant.teams !== null) {
      // A file may define other teams' DAGs too; a member whose access comes from team roles sees only files wholly theirs.
      const others = (await this.dags.teamsDefinedIn(tenant.id, version.bundleVersionId, file)).filter(
        (d) => d.team === null || !tenant.teams?.includes(d.team),
      );
      if (others.length > 0)
        throw new ForbiddenException(`${file} also defines DAGs outside your teams; ask a tenant admin for its source`);
    }
    const archive = await this.bundles.archive(tenant.id, version.bundleVersionId);
    const content = file && archive ? await readDagSource(archive, file, version.entryFile) : null;
    if (content === null) throw new NotFoundException(`the source of DAG '${dagId}' is not available`);
    return { dagId, bundleVersion: version.bundleVersion, file, line: Number(line), content, dagVersionId: version.id };
  }

  async versions(tenantId: string, dagId: string): Promise<DagVersionView[]> {
    await this.requireDag(tenantId, dagId);
    return (await this.views.versions(tenantId, dagId)).map(toVersionView);
  }

  async diff(tenantId: string, dagId: string, fromId: string, toId: string): Promise<DagVersionDiff> {
    const [from, to] = await Promise.all([
      this.views.version(tenantId, dagId, fromId),
      this.views.version(tenantId, dagId, toId),
    ]);
    const missing = !from ? fromId : !to ? toId : null;
    if (missing || !from || !to) throw new NotFoundException(`version '${missing}' of DAG '${dagId}' not found`);
    const shape = (s: SerializedDag) => s as unknown as Parameters<typeof diffDagStructures>[0];
    return {
      from: toVersionView(from),
      to: toVersionView(to),
      structure: diffDagStructures(shape(from.serialized), shape(to.serialized)),
    };
  }

  private async requireDag(tenantId: string, dagId: string): Promise<DagSummary> {
    const dag = await this.dags.get(tenantId, dagId);
    if (!dag) throw new NotFoundException(`DAG '${dagId}' not found`);
    return dag;
  }
}
