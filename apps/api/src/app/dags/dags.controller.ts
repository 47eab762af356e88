import { BadRequestException, Body, Controller, ForbiddenException, Get, NotFoundException, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS, roleHasPermission } from '@updraft/domain';
import { DagRepository, TeamRepository } from '@updraft/persistence';
import type { DagDetail, DagSource, DagVersionDiff, DagVersionView, GridData } from '@updraft/api-types';
import { DagViewsService } from './dag-views.service';
import { toDagView } from './dag.view';
import { DagSourceQuery, GridQuery, ListDagsQuery, UpdateDagDto, VersionDiffQuery } from './dags.dto';

@Controller('tenants/:tenant/dags')
export class DagsController {
  constructor(private readonly dags: DagRepository, private readonly views: DagViewsService, private readonly teams: TeamRepository) {}

  @Get()
  @ApiOperation({ summary: "The tenant's DAGs, searched, filtered, sorted and paged, each with its newest runs and SLA misses" })
  @RequirePermission(PERMISSIONS.dagsRead, { filtersByTeam: true })
  list(@CurrentTenant() tenant: TenantContext, @Query() query: ListDagsQuery) {
    return this.views.list(tenant, query);
  }

  @Get(':dagId')
  @RequirePermission(PERMISSIONS.dagsRead)
  async get(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string): Promise<DagDetail> {
    const dag = await this.dags.get(tenant.id, dagId);
    if (!dag) throw new NotFoundException(`DAG '${dagId}' not found`);
    const downstream = new Map<string, string[]>();
    for (const t of dag.serialized.tasks) for (const up of t.upstream) downstream.set(up, [...(downstream.get(up) ?? []), t.taskId]);
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

  /** The file that defines the DAG, as uploaded in the bundle version the DAG (or a run of it) is on. */
  @Get(':dagId/source')
  @ApiOperation({ summary: "The DAG's source file, at its current version, the version a run pinned (runId) or a chosen version (versionId)" })
  @ApiParam({ name: 'dagId' })
  @RequirePermission(PERMISSIONS.dagsRead)
  source(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string, @Query() query: DagSourceQuery): Promise<DagSource> {
    return this.views.source(tenant, dagId, query);
  }

  @Get(':dagId/grid')
  @ApiOperation({ summary: 'The grid view in one answer: the task structure once, then each of the newest runs as a string of state letters' })
  @ApiParam({ name: 'dagId' })
  @ApiOkResponse({ description: 'tasks, groups, and runs oldest first; see GRID_STATE_CODES in docs/api.md' })
  @RequirePermission(PERMISSIONS.runsRead)
  grid(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string, @Query() query: GridQuery): Promise<GridData> {
    return this.views.grid(tenant.id, dagId, query.runs);
  }

  @Get(':dagId/versions')
  @ApiOperation({ summary: "The DAG's stored versions, newest first, with their bundle versions" })
  @ApiParam({ name: 'dagId' })
  @RequirePermission(PERMISSIONS.dagsRead)
  versions(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string): Promise<DagVersionView[]> {
    return this.views.versions(tenant.id, dagId);
  }

  @Get(':dagId/versions/diff')
  @ApiOperation({ summary: 'What changed between two versions of the DAG: tasks added, removed and changed (option by option), edges, DAG options' })
  @ApiParam({ name: 'dagId' })
  @RequirePermission(PERMISSIONS.dagsRead)
  diff(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string, @Query() query: VersionDiffQuery): Promise<DagVersionDiff> {
    return this.views.diff(tenant.id, dagId, query.from, query.to);
  }

  @Patch(':dagId')
  @RequirePermission(PERMISSIONS.dagsEdit)
  async update(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string, @Body() body: UpdateDagDto) {
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
      throw new BadRequestException({ message: `team '${team}' does not exist`, details: [{ field: 'team', problems: ['no such team'] }] });
    }
  }
}
