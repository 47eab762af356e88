import {
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import type { Connection, ConnectionPage, ConnectionTestResult } from '@updraft/api-types';
import { CurrentTenant, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import {
  ConnectionEntity,
  ConnectionRepository,
  connectionSecretBinding,
  DuplicateKeyError,
} from '@updraft/persistence';
import { MASK, SecretBox } from '@updraft/secrets';
import { randomUUID } from 'node:crypto';
import { maskExtra, unmaskExtra } from './connection-extra';
import { ConnectionTestService } from './connection-test.service';
import { KeySearchQuery } from '../../services/http/pagination.dto';
import { CreateConnectionDto, UpdateConnectionDto } from './connections.dto';
import { ApiErrors } from '../../services/http/api-errors.decorator';

function toView(c: ConnectionEntity): Connection {
  return {
    connId: c.connId,
    connType: c.connType,
    description: c.description,
    host: c.host,
    port: c.port,
    login: c.login,
    password: c.password === null ? null : MASK,
    schema: c.schema,
    extra: maskExtra(c.extra),
    updatedAt: c.updatedAt.toISOString(),
  };
}

const FIELDS = ['connType', 'description', 'host', 'port', 'login', 'schema'] as const;

/** Tenant connections; passwords (and credentials in `extra`) never leave the API in clear. */
@Controller('tenants/:tenant/connections')
export class ConnectionsController {
  constructor(
    private readonly connections: ConnectionRepository,
    private readonly box: SecretBox,
    private readonly tester: ConnectionTestService,
  ) {}

  /** List connections. */
  @Get()
  @RequirePermission(PERMISSIONS.connectionsRead)
  async list(@CurrentTenant() tenant: TenantContext, @Query() query: KeySearchQuery): Promise<ConnectionPage> {
    const result = await this.connections.list(tenant.id, { limit: query.limit, offset: query.offset }, query.search);
    return { ...result, items: result.items.map(toView) };
  }

  /** Get a connection. */
  @Get(':connId')
  @RequirePermission(PERMISSIONS.connectionsRead)
  async get(@CurrentTenant() tenant: TenantContext, @Param('connId') connId: string): Promise<Connection> {
    return toView(await this.find(tenant, connId));
  }

  /** Create a connection. */
  @Post()
  @RequirePermission(PERMISSIONS.connectionsEdit)
  @ApiErrors({ 409: 'A connection with that id exists.' })
  async create(@CurrentTenant() tenant: TenantContext, @Body() body: CreateConnectionDto): Promise<Connection> {
    const id = randomUUID();
    try {
      const created = await this.connections.create(tenant.id, {
        id,
        connId: body.connId,
        connType: body.connType,
        description: body.description ?? null,
        host: body.host ?? null,
        port: body.port ?? null,
        login: body.login ?? null,
        schema: body.schema ?? null,
        extra: body.extra ?? {},
        password: this.seal(tenant, id, body.password),
      });
      return toView(created);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw new ConflictException(error.message);
      throw error;
    }
  }

  /** Change a connection. */
  @Patch(':connId')
  @RequirePermission(PERMISSIONS.connectionsEdit)
  async update(
    @CurrentTenant() tenant: TenantContext,
    @Param('connId') connId: string,
    @Body() body: UpdateConnectionDto,
  ): Promise<Connection> {
    const connection = await this.find(tenant, connId);
    for (const field of FIELDS) if (body[field] !== undefined) Object.assign(connection, { [field]: body[field] });
    if (body.extra !== undefined) connection.extra = unmaskExtra(body.extra, connection.extra);
    if (body.password !== undefined) connection.password = this.seal(tenant, connection.id, body.password);
    return toView(await this.connections.save(connection));
  }

  /** Delete a connection. */
  @Delete(':connId')
  @HttpCode(204)
  @RequirePermission(PERMISSIONS.connectionsEdit)
  async remove(@CurrentTenant() tenant: TenantContext, @Param('connId') connId: string): Promise<void> {
    if (!(await this.connections.remove(tenant.id, connId)))
      throw new NotFoundException(`connection '${connId}' not found`);
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
  async test(@CurrentTenant() tenant: TenantContext, @Param('connId') connId: string): Promise<ConnectionTestResult> {
    const c = await this.find(tenant, connId);
    const password =
      c.password === null ? null : this.box.decrypt(c.password, connectionSecretBinding(tenant.id, c.id));
    return this.tester.test({
      connId: c.connId,
      connType: c.connType,
      host: c.host,
      port: c.port,
      login: c.login,
      password,
      schema: c.schema,
      extra: c.extra,
    });
  }

  private seal(tenant: TenantContext, id: string, password: string | null | undefined): string | null {
    return password === null || password === undefined
      ? null
      : this.box.encrypt(password, connectionSecretBinding(tenant.id, id));
  }

  private async find(tenant: TenantContext, connId: string): Promise<ConnectionEntity> {
    const connection = await this.connections.find(tenant.id, connId);
    if (!connection) throw new NotFoundException(`connection '${connId}' not found`);
    return connection;
  }
}
