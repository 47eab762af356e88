import { Injectable } from '@nestjs/common';
import type { Team, TeamDetail, TeamList } from '@updraft/api-types';
import { TeamRole } from '@updraft/domain';
import { AccountRepository, DuplicateTeamError, TeamEntity, TeamRepository } from '@updraft/persistence';
import type { CreateTeamDto, UpdateTeamDto } from './teams.dto';
import { TeamException } from './teams.exception';

function toView(team: TeamEntity): Team {
  return { name: team.name, description: team.description, createdAt: team.createdAt.toISOString() };
}

function conflictOnDuplicate(error: unknown): never {
  if (error instanceof DuplicateTeamError) throw new TeamException('teamExists', error.message);
  throw error;
}

const notFound = (name: string) => new TeamException('teamNotFound', `team '${name}' not found`);

/** Teams group members; a member's team role applies to the DAGs of that team. */
@Injectable()
export class TeamsService {
  constructor(
    private readonly teams: TeamRepository,
    private readonly accounts: AccountRepository,
  ) {}

  async list(tenantId: string): Promise<TeamList> {
    return { items: (await this.teams.list(tenantId)).map(toView) };
  }

  async create(tenantId: string, body: CreateTeamDto): Promise<Team> {
    return toView(
      await this.teams
        .create(tenantId, { name: body.name, description: body.description ?? null })
        .catch(conflictOnDuplicate),
    );
  }

  async get(tenantId: string, name: string): Promise<TeamDetail> {
    const team = await this.find(tenantId, name);
    return { ...toView(team), members: await this.teams.members(tenantId, team.id) };
  }

  async update(tenantId: string, name: string, body: UpdateTeamDto): Promise<Team> {
    const team = await this.teams.update(tenantId, name, body).catch(conflictOnDuplicate);
    if (!team) throw notFound(name);
    return toView(team);
  }

  async remove(tenantId: string, name: string): Promise<void> {
    if (!(await this.teams.remove(tenantId, name))) throw notFound(name);
  }

  async setMember(tenantId: string, name: string, email: string, role: TeamRole): Promise<TeamDetail> {
    const team = await this.find(tenantId, name);
    const user = await this.accounts.findUserByEmail(email);
    if (!user || !(await this.teams.setMember(tenantId, team.id, user.id, role)))
      throw new TeamException('notInTenant', `'${email}' is not a member of this tenant`, [
        { field: 'email', problems: ['not a member of this tenant'] },
      ]);
    return this.get(tenantId, name);
  }

  async removeMember(tenantId: string, name: string, userId: string): Promise<void> {
    const team = await this.find(tenantId, name);
    if (!(await this.teams.removeMember(tenantId, team.id, userId)))
      throw new TeamException('notInTeam', `that user is not in team '${name}'`);
  }

  private async find(tenantId: string, name: string): Promise<TeamEntity> {
    const team = await this.teams.find(tenantId, name);
    if (!team) throw notFound(name);
    return team;
  }
}
