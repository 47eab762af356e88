import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { Connection, ConnectionPage, ConnectionTestResult } from '@updraft/api-types';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { ApiErrors } from '../../services/http/api-errors.decorator';
import { KeySearchQuery } from '../../services/http/pagination.dto';
import { CreateConnectionDto, UpdateConnectionDto } from './connections.dto';
import { ConnectionsService } from './connections.service';

/** Tenant connections; passwords (and credentials in `extra`) never leave the API in clear. */
@Controller('tenants/:tenant/connections')
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  /** List connections. */
  @Get()
  @RequirePermission(PERMISSIONS.connectionsRead)
  list(@CurrentTenant() tenant: TenantContext, @Query() query: KeySearchQuery): Promise<ConnectionPage> {
    return this.connections.list(tenant.id, query);
  }

  /** Get a connection. */
  @Get(':connId')
  @RequirePermission(PERMISSIONS.connectionsRead)
  get(@CurrentTenant() tenant: TenantContext, @Param('connId') connId: string): Promise<Connection> {
    return this.connections.get(tenant.id, connId);
  }

  /** Create a connection. */
  @Post()
  @RequirePermission(PERMISSIONS.connectionsEdit)
  @ApiErrors({ 409: 'A connection with that id exists.' })
  create(@CurrentTenant() tenant: TenantContext, @Body() body: CreateConnectionDto): Promise<Connection> {
    return this.connections.create(tenant.id, body);
  }

  /** Change a connection. */
  @Patch(':connId')
  @RequirePermission(PERMISSIONS.connectionsEdit)
  update(
    @CurrentTenant() tenant: TenantContext,
    @Param('connId') connId: string,
    @Body() body: UpdateConnectionDto,
  ): Promise<Connection> {
    return this.connections.update(tenant.id, connId, body);
  }

  /** Delete a connection. */
  @Delete(':connId')
  @HttpCode(204)
  @RequirePermission(PERMISSIONS.connectionsEdit)
  remove(@CurrentTenant() tenant: TenantContext, @Param('connId') connId: string): Promise<void> {
    return this.connections.remove(tenant.id, connId);
  }

  /**
   * Test a connection.
   *
   * @remarks
   * Connects as a task would (http GET or `SELECT 1`, through the egress policy) and says whether it worked.
   */
  @Post(':connId/test')
  @HttpCode(200)
  @RequirePermission(PERMISSIONS.connectionsEdit)
  test(@CurrentTenant() tenant: TenantContext, @Param('connId') connId: string): Promise<ConnectionTestResult> {
    return this.connections.test(tenant.id, connId);
  }
}
