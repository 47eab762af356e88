import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import type { DagDetail, DagListPage, DagSource, DagVersionDiff, DagVersionView, GridData } from '@updraft/api-types';
import { DagViewsService } from './dag-views.service';
import { DagSourceQuery, GridQuery, ListDagsQuery, UpdateDagDto, VersionDiffQuery } from './dags.dto';
import { DagsService } from './dags.service';

@Controller('tenants/:tenant/dags')
export class DagsController {
  constructor(
    private readonly dags: DagsService,
    private readonly views: DagViewsService,
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
  get(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string): Promise<DagDetail> {
    return this.dags.get(tenant.id, dagId);
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
  update(
    @CurrentTenant() tenant: TenantContext,
    @Param('dagId') dagId: string,
    @Body() body: UpdateDagDto,
  ): Promise<DagDetail> {
    return this.dags.update(tenant, dagId, body);
  }
}
