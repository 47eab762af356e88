import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import type { Team, TeamDetail, TeamList } from '@updraft/api-types';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { CreateTeamDto, SetTeamMemberDto, UpdateTeamDto } from './teams.dto';
import { ApiErrors } from '../../services/http/api-errors.decorator';
import { TeamsService } from './teams.service';

/** Teams group members; a member's team role applies to the DAGs of that team (see docs/security.md). */
@Controller('tenants/:tenant/teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  /** List teams. */
  @Get()
  @RequirePermission(PERMISSIONS.teamsRead)
  list(@CurrentTenant() tenant: TenantContext): Promise<TeamList> {
    return this.teams.list(tenant.id);
  }

  /** Create a team. */
  @Post()
  @RequirePermission(PERMISSIONS.teamsManage)
  @ApiErrors({ 409: 'A team with that name exists.' })
  create(@CurrentTenant() tenant: TenantContext, @Body() body: CreateTeamDto): Promise<Team> {
    return this.teams.create(tenant.id, body);
  }

  /** Get a team with its members. */
  @Get(':team')
  @RequirePermission(PERMISSIONS.teamsRead)
  get(@CurrentTenant() tenant: TenantContext, @Param('team') name: string): Promise<TeamDetail> {
    return this.teams.get(tenant.id, name);
  }

  /** Change a team's description. */
  @Patch(':team')
  @RequirePermission(PERMISSIONS.teamsManage)
  update(
    @CurrentTenant() tenant: TenantContext,
    @Param('team') name: string,
    @Body() body: UpdateTeamDto,
  ): Promise<Team> {
    return this.teams.update(tenant.id, name, body);
  }

  /** Delete a team. */
  @Delete(':team')
  @HttpCode(204)
  @RequirePermission(PERMISSIONS.teamsManage)
  remove(@CurrentTenant() tenant: TenantContext, @Param('team') name: string): Promise<void> {
    return this.teams.remove(tenant.id, name);
  }

  /**
   * Add a member to a team or change their team role.
   *
   * @remarks
   * Adds a tenant member to the team, or changes their team role.
   */
  @Put(':team/members')
  @RequirePermission(PERMISSIONS.teamsManage)
  setMember(
    @CurrentTenant() tenant: TenantContext,
    @Param('team') name: string,
    @Body() body: SetTeamMemberDto,
  ): Promise<TeamDetail> {
    return this.teams.setMember(tenant.id, name, body.email, body.role);
  }

  /** Remove a member from a team. */
  @Delete(':team/members/:userId')
  @HttpCode(204)
  @RequirePermission(PERMISSIONS.teamsManage)
  removeMember(
    @CurrentTenant() tenant: TenantContext,
    @Param('team') name: string,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<void> {
    return this.teams.removeMember(tenant.id, name, userId);
  }
}
