import { BadRequestException, Body, Controller, ForbiddenException, Get, NotFoundException, Param, Patch, Query } from '@nestjs/common';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS, roleHasPermission } from '@updraft/domain';
import { readArchiveFile } from '@updraft/bundles';
import { BundleRepository, DagRepository, DagSummary, TeamRepository } from '@updraft/persistence';
import type { Dag, DagDetail, DagPage, DagSource } from '@updraft/api-types';
import { PaginationQuery } from '../../services/http/pagination.dto';
import { UpdateDagDto } from './dags.dto';

function toDagView(d: DagSummary): Dag {
  const s = d.serialized;
  return {
    dagId: d.dagId,
    description: s.description,
    schedule: s.schedule,
    timezone: s.timezone,
    startDate: s.startDate,
    catchup: s.catchup,
    tags: s.tags,
    team: d.team,
    isPaused: d.isPaused,
    isActive: d.isActive,
    bundleName: d.bundleName,
    bundleVersion: d.bundleVersion,
    lastRun: d.lastRun ? { ...d.lastRun, logicalDate: d.lastRun.logicalDate.toISOString() } : null,
    nextRunAt: d.nextDagrunAt && !d.isPaused ? d.nextDagrunAt.toISOString() : null,
  };
}

@Controller('tenants/:tenant/dags')
export class DagsController {
  constructor(private readonly dags: DagRepository, private readonly bundles: BundleRepository, private readonly teams: TeamRepository) {}

  /** List DAGs. */
  @Get()
  @RequirePermission(PERMISSIONS.dagsRead, { filtersByTeam: true })
  async list(@CurrentTenant() tenant: TenantContext, @Query() page: PaginationQuery): Promise<DagPage> {
    const result = await this.dags.list(tenant.id, page, { teams: tenant.teams });
    return { ...result, items: result.items.map(toDagView) };
  }

  /** Get a DAG with its tasks. */
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

  /**
   * Get a DAG's source file.
   *
   * @remarks
   * The file that defines the DAG, as uploaded in the bundle version the DAG is on.
   */
  @Get(':dagId/source')
  @RequirePermission(PERMISSIONS.dagsRead)
  async source(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string): Promise<DagSource> {
    const dag = await this.dags.get(tenant.id, dagId);
    if (!dag) throw new NotFoundException(`DAG '${dagId}' not found`);
    const [, file, line] = /^(.*):(\d+)$/.exec(dag.serialized.source ?? '') ?? [];
    if (file && tenant.teams !== null) {
      // A file may define other teams' DAGs too; a member whose access comes from team roles sees only files wholly theirs.
      const others = (await this.dags.teamsDefinedIn(tenant.id, dag.bundleVersionId, file)).filter((d) => d.team === null || !tenant.teams?.includes(d.team));
      if (others.length > 0) throw new ForbiddenException(`${file} also defines DAGs outside your teams; ask a tenant admin for its source`);
    }
    const archive = await this.bundles.archive(tenant.id, dag.bundleVersionId);
    const content = file && archive ? await readArchiveFile(archive, file) : null;
    if (content === null) throw new NotFoundException(`the source of DAG '${dagId}' is not available`);
    return { dagId, bundleVersion: dag.bundleVersion, file, line: Number(line), content };
  }

  /** Pause, unpause or move a DAG to a team. */
  @Patch(':dagId')
  @RequirePermission(PERMISSIONS.dagsEdit)
  async update(@CurrentTenant() tenant: TenantContext, @Param('dagId') dagId: string, @Body() body: UpdateDagDto): Promise<DagDetail> {
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
