import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import type { Incident, IncidentDetail, IncidentPage } from '@updraft/api-types';
import { AuthenticatedUser, CurrentTenant, CurrentUser, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { ApiErrors } from '../../services/http/api-errors.decorator';
import { IncidentNoteDto, ListIncidentsQuery, ResolveIncidentDto } from './incidents.dto';
import { IncidentsService } from './incidents.service';

/** Incidents opened by missed SLAs and deadlines and by failed runs of critical DAGs, with their timelines. */
@Controller('tenants/:tenant/incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  /** List incidents: unresolved first, newest first within each. */
  @Get()
  @RequirePermission(PERMISSIONS.incidentsRead, { filtersByTeam: true })
  list(@CurrentTenant() tenant: TenantContext, @Query() query: ListIncidentsQuery): Promise<IncidentPage> {
    return this.incidents.list(tenant, query);
  }

  /** Get an incident with the runs it concerns and its timeline. */
  @Get(':incidentId')
  @RequirePermission(PERMISSIONS.incidentsRead, { filtersByTeam: true })
  get(
    @CurrentTenant() tenant: TenantContext,
    @Param('incidentId', ParseUUIDPipe) incidentId: string,
  ): Promise<IncidentDetail> {
    return this.incidents.get(tenant, incidentId);
  }

  /** Acknowledge an open incident (it stops escalating). */
  @Post(':incidentId/acknowledge')
  @HttpCode(200)
  @RequirePermission(PERMISSIONS.incidentsRespond, { filtersByTeam: true })
  @ApiErrors({ 409: 'The incident is acknowledged or resolved already.' })
  acknowledge(
    @CurrentTenant() tenant: TenantContext,
    @CurrentUser() user: AuthenticatedUser,
    @Param('incidentId', ParseUUIDPipe) incidentId: string,
  ): Promise<Incident> {
    return this.incidents.acknowledge(tenant, user, incidentId);
  }

  /** Resolve an incident by hand. */
  @Post(':incidentId/resolve')
  @HttpCode(200)
  @RequirePermission(PERMISSIONS.incidentsRespond, { filtersByTeam: true })
  @ApiErrors({ 409: 'The incident is resolved already.' })
  resolve(
    @CurrentTenant() tenant: TenantContext,
    @CurrentUser() user: AuthenticatedUser,
    @Param('incidentId', ParseUUIDPipe) incidentId: string,
    @Body() body: ResolveIncidentDto,
  ): Promise<Incident> {
    return this.incidents.resolve(tenant, user, incidentId, body.note ?? '');
  }

  /** Add a note to an incident's timeline. */
  @Post(':incidentId/notes')
  @RequirePermission(PERMISSIONS.incidentsRespond, { filtersByTeam: true })
  addNote(
    @CurrentTenant() tenant: TenantContext,
    @CurrentUser() user: AuthenticatedUser,
    @Param('incidentId', ParseUUIDPipe) incidentId: string,
    @Body() body: IncidentNoteDto,
  ): Promise<IncidentDetail> {
    return this.incidents.addNote(tenant, user, incidentId, body.text);
  }
}
