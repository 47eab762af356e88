import { Injectable } from '@nestjs/common';
import type { DagDetail } from '@updraft/api-types';
import type { TenantContext } from '@updraft/auth';
import { PERMISSIONS, roleHasPermission } from '@updraft/domain';
import { DagRepository, TeamRepository } from '@updraft/persistence';
import { toDagView } from './dag.view';
import type { UpdateDagDto } from './dags.dto';
import { DagException } from './dags.exception';

const notFound = (dagId: string) => new DagException('dagNotFound', `DAG '${dagId}' not found`);

/** One DAG: its detail with its tasks, pausing it, and moving it between teams. */
@Injectable()
export class DagsService {
  constructor(
    private readonly dags: DagRepository,
    private readonly teams: TeamRepository,
  ) {}

  async get(tenantId: string, dagId: string): Promise<DagDetail> {
    const dag = await this.dags.get(tenantId, dagId);
    if (!dag) throw notFound(dagId);
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

  async update(tenant: TenantContext, dagId: string, body: UpdateDagDto): Promise<DagDetail> {
    if (body.team !== undefined) await this.checkTeam(tenant, body.team);
    if (!(await this.dags.get(tenant.id, dagId))) throw notFound(dagId);
    if (body.isPaused !== undefined) await this.dags.setPaused(tenant.id, dagId, body.isPaused);
    if (body.team !== undefined) await this.dags.setTeam(tenant.id, dagId, body.team);
    return this.get(tenant.id, dagId);
  }

  /** Moving a DAG between teams changes who may see it, so it takes a tenant role that manages teams. */
  private async checkTeam(tenant: TenantContext, team: string | null): Promise<void> {
    if (!roleHasPermission(tenant.role, PERMISSIONS.teamsManage) || tenant.apiTokenId)
      throw new DagException('teamChangeForbidden', `assigning a DAG to a team needs '${PERMISSIONS.teamsManage}'`);
    if (team !== null && !(await this.teams.find(tenant.id, team)))
      throw new DagException('noSuchTeam', `team '${team}' does not exist`, [
        { field: 'team', problems: ['no such team'] },
      ]);
  }
}
