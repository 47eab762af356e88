import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
} from '@nestjs/common';
import type { Team, TeamDetail, TeamList } from '@updraft/api-types';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { AccountRepository, DuplicateTeamError, TeamEntity, TeamRepository } from '@updraft/persistence';
import { CreateTeamDto, SetTeamMemberDto, UpdateTeamDto } from './teams.dto';
import { ApiErrors } from '../../services/http/api-errors.decorator';

function toView(team: TeamEntity): Team {
  return { name: team.name, description: team.description, createdAt: team.createdAt.toISOString() };
}

function conflictOnDuplicate(error: unknown): never {
  if (error instanceof DuplicateTeamError) throw new ConflictException(error.message);
  throw error;
}

/** Teams group members; a member's team role applies to the DAGs of that team (see docs/security.md). */
@Controller('tenants/:tenant/teams')
export class TeamsController {
  constructor(
    private readonly teams: TeamRepository,
    private readonly accounts: AccountRepository,
  ) {}

  /** List teams. */
  @Get()
  @RequirePermission(PERMISSIONS.teamsRead)
  async list(@CurrentTenant() tenant: TenantContext): Promise<TeamList> {
    return { items: (await this.teams.list(tenant.id)).map(toView) };
  }

  /** Create a team. */
  @Post()
  @RequirePermission(PERMISSIONS.teamsManage)
  @ApiErrors({ 409: 'A team with that name exists.' })
  async create(@CurrentTenant() tenant: TenantContext, @Body() body: CreateTeamDto): Promise<Team> {
    return toView(
      await this.teams
        .create(tenant.id, { name: body.name, description: body.description ?? null })
        .catch(conflictOnDuplicate),
    );
  }

  /** Get a team with its members. */
  @Get(':team')
  @RequirePermission(PERMISSIONS.teamsRead)
  async get(@CurrentTenant() tenant: TenantContext, @Param('team') name: string): Promise<TeamDetail> {
    const team = await this.find(tenant, name);
    return { ...toView(team), members: await this.teams.members(tenant.id, team.id) };
  }

  /** Change a team's description. */
  @Patch(':team')
  @RequirePermission(PERMISSIONS.teamsManage)
  async update(
    @CurrentTenant() tenant: TenantContext,
    @Param('team') name: string,
    @Body() body: UpdateTeamDto,
  ): Promise<Team> {
    const team = await this.teams.update(tenant.id, name, body).catch(conflictOnDuplicate);
    if (!team) throw new NotFoundException(`team '${name}' not found`);
    return toView(team);
  }

  /** Delete a team. */
  @Delete(':team')
  @HttpCode(204)
  @RequirePermission(PERMISSIONS.teamsManage)
  async remove(@CurrentTenant() tenant: TenantContext, @Param('team') name: string): Promise<void> {
    if (!(await this.teams.remove(tenant.id, name))) throw new NotFoundException(`team '${name}' not found`);
  }

  /**
   * Add a member to a team or change their team role.
   *
   * @remarks
   * Adds a tenant member to the team, or changes their team role.
   */
  @Put(':team/members')
  @RequirePermission(PERMISSIONS.teamsManage)
  async setMember(
    @CurrentTenant() tenant: TenantContext,
    @Param('team') name: string,
    @Body() body: SetTeamMemberDto,
  ): Promise<TeamDetail> {
    const team = await this.find(tenant, name);
    const user = await this.accounts.findUserByEmail(body.email);
    if (!user || !(await this.teams.setMember(tenant.id, team.id, user.id, body.role))) {
      throw new BadRequestException({
        message: `'${body.email}' is not a member of this tenant`,
        details: [{ field: 'email', problems: ['not a member of this tenant'] }],
      });
    }
    return this.get(tenant, name);
  }

  /** Remove a member from a team. */
  @Delete(':team/members/:userId')
  @HttpCode(204)
  @RequirePermission(PERMISSIONS.teamsManage)
  async removeMember(
    @CurrentTenant() tenant: TenantContext,
    @Param('team') name: string,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<void> {
    const team = await this.find(tenant, name);
    if (!(await this.teams.removeMember(tenant.id, team.id, userId)))
      throw new NotFoundException(`that user is not in team '${name}'`);
  }

  private async find(tenant: TenantContext, name: string): Promise<TeamEntity> {
    const team = await this.teams.find(tenant.id, name);
    if (!team) throw new NotFoundException(`team '${name}' not found`);
    return team;
  }
}
