import { Injectable } from '@nestjs/common';
import type { Connection, ConnectionPage, ConnectionTestResult } from '@updraft/api-types';
import {
  ConnectionEntity,
  ConnectionRepository,
  connectionSecretBinding,
  DuplicateKeyError,
} from '@updraft/persistence';
import { MASK, SecretBox } from '@updraft/secrets';
import { randomUUID } from 'node:crypto';
import type { KeySearchQuery } from '../../services/http/pagination.dto';
import { maskExtra, unmaskExtra } from './connection-extra';
import { ConnectionTestService } from './connection-test.service';
import type { CreateConnectionDto, UpdateConnectionDto } from './connections.dto';
import { ConnectionException } from './connections.exception';

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

const notFound = (connId: string) => new ConnectionException('connectionNotFound', `connection '${connId}' not found`);

/** Tenant connections; passwords (and credentials in `extra`) never leave the API in clear. */
@Injectable()
export class ConnectionsService {
  constructor(
    private readonly connections: ConnectionRepository,
    private readonly box: SecretBox,
    private readonly tester: ConnectionTestService,
  ) {}

  async list(tenantId: string, query: KeySearchQuery): Promise<ConnectionPage> {
    const result = await this.connections.list(tenantId, { limit: query.limit, offset: query.offset }, query.search);
    return { ...result, items: result.items.map(toView) };
  }

  async get(tenantId: string, connId: string): Promise<Connection> {
    return toView(await this.find(tenantId, connId));
  }

  async create(tenantId: string, body: CreateConnectionDto): Promise<Connection> {
    const id = randomUUID();
    try {
      const created = await this.connections.create(tenantId, {
        id,
        connId: body.connId,
        connType: body.connType,
        description: body.description ?? null,
        host: body.host ?? null,
        port: body.port ?? null,
        login: body.login ?? null,
        schema: body.schema ?? null,
        extra: body.extra ?? {},
        password: this.seal(tenantId, id, body.password),
      });
      return toView(created);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw new ConnectionException('connectionExists', error.message);
      throw error;
    }
  }

  async update(tenantId: string, connId: string, body: UpdateConnectionDto): Promise<Connection> {
    const connection = await this.find(tenantId, connId);
    for (const field of FIELDS) if (body[field] !== undefined) Object.assign(connection, { [field]: body[field] });
    if (body.extra !== undefined) connection.extra = unmaskExtra(body.extra, connection.extra);
    if (body.password !== undefined) connection.password = this.seal(tenantId, connection.id, body.password);
    return toView(await this.connections.save(connection));
  }

  async remove(tenantId: string, connId: string): Promise<void> {
    if (!(await this.connections.remove(tenantId, connId))) throw notFound(connId);
  }

  async test(tenantId: string, connId: string): Promise<ConnectionTestResult> {
    const c = await this.find(tenantId, connId);
    const password = c.password === null ? null : this.box.decrypt(c.password, connectionSecretBinding(tenantId, c.id));
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

  private seal(tenantId: string, id: string, password: string | null | undefined): string | null {
    return password === null || password === undefined
      ? null
      : this.box.encrypt(password, connectionSecretBinding(tenantId, id));
  }

  private async find(tenantId: string, connId: string): Promise<ConnectionEntity> {
    const connection = await this.connections.find(tenantId, connId);
    if (!connection) throw notFound(connId);
    return connection;
  }
}
