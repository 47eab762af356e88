import { InvalidArgumentError, type Command } from 'commander';
import { ApiError, type KeyedResource } from '../api-client';
import type { Connection, Pool, Variable } from '../api-types';
import { outputFor, tenantSession, type CliContext, type JsonOption } from '../context';
import { formatDate, formatFields, formatTable, type Cell, type Column } from '../output';

type Resource = Variable | Connection | Pool;

/** How one kind of tenant resource is named, shown and written from the command line. */
interface ResourceKind<T extends Resource> {
  kind: KeyedResource;
  singular: string;
  key: (item: T) => string;
  columns: Column<T>[];
  /** `set`'s arguments and options beyond the key, turned into the request body. */
  setUsage: (command: Command) => Command;
  body: (args: string[], options: Record<string, unknown>) => Record<string, unknown>;
}

const VARIABLES: ResourceKind<Variable> = {
  kind: 'variables',
  singular: 'variable',
  key: (v) => v.key,
  columns: [
    { header: 'KEY', value: (v) => v.key },
    { header: 'VALUE', value: (v) => v.value },
    { header: 'SECRET', value: (v) => v.isSecret },
    { header: 'UPDATED', value: (v) => formatDate(v.updatedAt) },
    { header: 'DESCRIPTION', value: (v) => v.description },
  ],
  setUsage: (command) =>
    command
      .argument('<value>')
      .option('--secret', 'store it encrypted; it is never shown again')
      .option('--description <text>'),
  body: ([value], options) => ({
    value,
    ...(options['secret'] ? { isSecret: true } : {}),
    ...(options['description'] !== undefined ? { description: options['description'] } : {}),
  }),
};

const CONNECTIONS: ResourceKind<Connection> = {
  kind: 'connections',
  singular: 'connection',
  key: (c) => c.connId,
  columns: [
    { header: 'CONN ID', value: (c) => c.connId },
    { header: 'TYPE', value: (c) => c.connType },
    { header: 'HOST', value: (c) => c.host },
    { header: 'PORT', value: (c) => c.port },
    { header: 'LOGIN', value: (c) => c.login },
    { header: 'SCHEMA', value: (c) => c.schema },
  ],
  setUsage: (command) =>
    command
      .option('--type <connType>', 'postgres, http, smtp, … (needed to create one)')
      .option('--host <host>')
      .option('--port <port>', 'a port number', parsePort)
      .option('--login <login>')
      .option('--password <password>', 'stored encrypted; never shown again')
      .option('--schema <schema>')
      .option('--extra <json>', 'a JSON object of extra settings', parseJsonObject)
      .option('--description <text>'),
  body: (_, options) => {
    const fields: Record<string, string> = {
      type: 'connType',
      host: 'host',
      port: 'port',
      login: 'login',
      password: 'password',
      schema: 'schema',
      extra: 'extra',
      description: 'description',
    };
    return Object.fromEntries(
      Object.entries(fields)
        .filter(([option]) => options[option] !== undefined)
        .map(([option, field]) => [field, options[option]]),
    );
  },
};

const POOLS: ResourceKind<Pool> = {
  kind: 'pools',
  singular: 'pool',
  key: (p) => p.name,
  columns: [
    { header: 'NAME', value: (p) => p.name },
    { header: 'SLOTS', value: (p) => p.slots },
    { header: 'RUNNING', value: (p) => p.runningSlots },
    { header: 'QUEUED', value: (p) => p.queuedSlots },
    { header: 'OPEN', value: (p) => p.openSlots },
    { header: 'DESCRIPTION', value: (p) => p.description },
  ],
  setUsage: (command) =>
    command
      .option('--slots <n>', 'how many task slots (needed to create one)', parseSlots)
      .option('--description <text>'),
  body: (_, options) => ({
    ...(options['slots'] !== undefined ? { slots: options['slots'] } : {}),
    ...(options['description'] !== undefined ? { description: options['description'] } : {}),
  }),
};

const KEY_FIELD: Record<KeyedResource, string> = { variables: 'key', connections: 'connId', pools: 'name' };

export function registerResourceCommands(program: Command, ctx: CliContext): void {
  registerKind(program, ctx, VARIABLES, 'tenant variables (ctx.var.get in tasks)');
  registerKind(program, ctx, CONNECTIONS, 'tenant connections (ctx.conn.get, sql and http operators)');
  registerKind(program, ctx, POOLS, 'pools: how many tasks may run at once in each');
}

/** list, get, set (creates it, or changes what is given) and delete, the same for each kind. */
function registerKind<T extends Resource>(
  program: Command,
  ctx: CliContext,
  spec: ResourceKind<T>,
  description: string,
): void {
  const group = program.command(spec.kind).description(description);
  group
    .command('list')
    .description(`list the tenant's ${spec.kind}`)
    .option('--json', 'machine-readable output')
    .action(async (options: JsonOption) => {
      const { client, tenant } = tenantSession(ctx);
      const items = await client.listResource<T>(tenant, spec.kind);
      outputFor(ctx, options).result(items, () => formatTable(items, spec.columns));
    });
  group
    .command('get')
    .description(`one ${spec.singular}`)
    .argument('<key>')
    .option('--json', 'machine-readable output')
    .action(async (key: string, options: JsonOption) => {
      const { client, tenant } = tenantSession(ctx);
      const item = await client.getResource<T>(tenant, spec.kind, key);
      outputFor(ctx, options).result(item, () =>
        formatFields(spec.columns.map((c): [string, Cell] => [c.header.toLowerCase(), c.value(item)])),
      );
    });
  spec
    .setUsage(
      group
        .command('set')
        .description(`create a ${spec.singular}, or change the fields given of an existing one`)
        .argument('<key>'),
    )
    .option('--json', 'machine-readable output')
    .action(async (key: string, ...rest: unknown[]) => {
      const options = rest[rest.length - 2] as Record<string, unknown> & JsonOption;
      const args = rest.slice(0, -2) as string[];
      const { client, tenant } = tenantSession(ctx);
      const body = spec.body(args, options);
      let item: T;
      let created = false;
      try {
        item = await client.updateResource<T>(tenant, spec.kind, key, body);
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) throw error;
        item = await client.createResource<T>(tenant, spec.kind, { [KEY_FIELD[spec.kind]]: key, ...body });
        created = true;
      }
      outputFor(ctx, options).result(
        item,
        () => `${created ? 'Created' : 'Updated'} ${spec.singular} ${spec.key(item)}.`,
      );
    });
  group
    .command('delete')
    .description(`delete a ${spec.singular}`)
    .argument('<key>')
    .action(async (key: string) => {
      const { client, tenant } = tenantSession(ctx);
      await client.deleteResource(tenant, spec.kind, key);
      outputFor(ctx, {}).result({ deleted: key }, () => `Deleted ${spec.singular} ${key}.`);
    });
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65_535) throw new InvalidArgumentError('expected a port number 1-65535');
  return n;
}

function parseSlots(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
}

function parseJsonObject(value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidArgumentError('expected a JSON object');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new InvalidArgumentError('expected a JSON object');
  return parsed as Record<string, unknown>;
}
