import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Get,
  NotFoundException,
  Param,
  Patch,
  Query,
} from '@nestjs/common';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS, roleHasPermission } from '@updraft/domain';
import { DagRepository, TeamRepository } from '@updraft/persistence';
import type { DagDetail, DagListPage, DagSource, DagVersionDiff, DagVersionView, GridData } from '@updraft/api-types';
import { DagViewsService } from './dag-views.service';
import { toDagView } from './dag.view';
import { DagSourceQuery, GridQuery, ListDagsQuery, UpdateDagDto, VersionDiffQuery } from './dags.dto';

@Controller('tenants/:tenant/dags')
export class DagsController {
  constructor(
    private readonly dags: DagRepository,
    private readonly views: DagViewsService,
    private readonly teams: TeamRepository,
  ) {}

  /**
   * List DAGs.
   *
   * @remarks
   * The tenant's DAGs, searched, filtered, sorted and paged, each with its newest runs and SLA misses.
   */
  @Get()
  @RequirePermission(PERMISSIONS.dagsRead, { filtersByTeam: true })
  list(@CurrentTenant() tenant: TenantContext, @Query() query: ListDagsQuery): Promise<DagListPage> {
    return this.views.list(tenant, query);
  }

  /** Get a DAG with its tasks. */
  @Get(':dagId')
  @RequirePermission(PERMISSIONS.dagsRead)
  async get(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string): Promise<DagDetail> {
    const dag = await this.dags.get(tenant.id, dagId);
    if (!dag) throw new NotFoundException(`DAG '${dagId}' not found`);
    const downstream = new Map<string, string[]>();
    for (const t of dag.serialized.tasks)
      for (const up of t.upstream) downstream.set(up, [...(downstream.get(up) ?? []), t.taskId]);
    return {
      ...toDagView(dag),
      params: dag.serialized.params,
      source: dag.serialized.source,
      tasks: dag.serialized.tasks.map((t) => ({
        taskId: t.taskId,
        operator: t.operator,
        upstream: t.upstream,
        downstream: downstream.get(t.taskId) ?? [],
        triggerRule: t.triggerRule,
        retries: t.retries,
        source: t.source,
      })),
    };
  }

  /**
   * Get a DAG's source file.
   *
   * @remarks
   * The file that defines the DAG, as uploaded in the bundle version the DAG is on, the version a run pinned (`runId`) or a chosen version (`versionId`).
   */
  @Get(':dagId/source')
  @RequirePermission(PERMISSIONS.dagsRead)
  source(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Query() query: DagSourceQuery,
  ): Promise<DagSource> {
    return this.views.source(tenant, dagId, query);
  }

  /**
   * Get a DAG's grid view.
   *
   * @remarks
   * In one answer: the task structure once, then each of the newest runs (oldest first) as a string of state letters (see `GRID_STATE_CODES` in docs/api.md).
   */
  @Get(':dagId/grid')
  @RequirePermission(PERMISSIONS.runsRead)
  grid(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Query() query: GridQuery,
  ): Promise<GridData> {
    return this.views.grid(tenant.id, dagId, query.runs);
  }

  /** List a DAG's stored versions, newest first, with their bundle versions. */
  @Get(':dagId/versions')
  @RequirePermission(PERMISSIONS.dagsRead)
  versions(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string): Promise<DagVersionView[]> {
    return this.views.versions(tenant.id, dagId);
  }

  /**
   * Compare two versions of a DAG.
   *
   * @remarks
   * What changed between them: tasks added, removed and changed (option by option), edges, DAG options.
   */
  @Get(':dagId/versions/diff')
  @RequirePermission(PERMISSIONS.dagsRead)
  diff(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Query() query: VersionDiffQuery,
  ): Promise<DagVersionDiff> {
    return this.views.diff(tenant.id, dagId, query.from, query.to);
  }

  /** Pause, unpause or move a DAG to a team. */
  @Patch(':dagId')
  @RequirePermission(PERMISSIONS.dagsEdit)
  async update(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Body() body: UpdateDagDto,
  ): Promise<DagDetail> {
    if (body.team !== undefined) await this.checkTeam(tenant, body.team);
    if (!(await this.dags.get(tenant.id, dagId))) throw new NotFoundException(`DAG '${dagId}' not found`);
    if (body.isPaused !== undefined) await this.dags.setPaused(tenant.id, dagId, body.isPaused);
    if (body.team !== undefined) await this.dags.setTeam(tenant.id, dagId, body.team);
    return this.get(tenant, dagId);
  }

  /** Moving a DAG between teams changes who may see it, so it takes a tenant role that manages teams. */
  private async checkTeam(tenant: TenantContext, team: string | null): Promise<void> {
    if (!roleHasPermission(tenant.role, PERMISSIONS.teamsManage) || tenant.apiTokenId) {
      throw new ForbiddenException(`assigning a DAG to a team needs '${PERMISSIONS.teamsManage}'`);
    }
    if (team !== null && !(await this.teams.find(tenant.id, team))) {
      throw new BadRequestException({
        message: `team '${team}' does not exist`,
        details: [{ field: 'team', problems: ['no such team'] }],
      });
    }
  }
}
