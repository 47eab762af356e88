import type { TaskConnection } from '@updraft/sdk';
import { readFileSync } from 'node:fs';
import { CliError } from '../errors';

/** What `UPDRAFT_CONN_<ID>` and `UPDRAFT_VAR_<KEY>` hold, by the name after the prefix. */
export interface SecretsFromEnv {
  connections?: Record<string, string>;
  variables?: Record<string, string>;
}

/** The name part of `UPDRAFT_CONN_<ID>` for an id: upper case, anything but letters and digits as `_` (as Airflow's AIRFLOW_CONN_*). */
export function envNameOf(id: string): string {
  return id.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/**
 * The connections and variables of a local run, in place of the tenant's: from `--connections`
 * and `--variables` files first, then from UPDRAFT_CONN_* / UPDRAFT_VAR_* environment variables.
 * A connection is a URI (`postgres://user:pass@host:5432/db`) or a JSON object with the fields of
 * a platform connection. Passwords handed out are masked in the run's output from then on.
 */
export class LocalSecrets {
  private readonly revealed = new Set<string>();

  private constructor(
    private readonly connections: Map<string, TaskConnection>,
    private readonly variables: Map<string, string>,
    private readonly env: SecretsFromEnv,
  ) {}

  static load(files: { connections?: string; variables?: string }, env: SecretsFromEnv = {}): LocalSecrets {
    const connections = new Map<string, TaskConnection>();
    if (files.connections) {
      for (const [connId, value] of Object.entries(readJsonObject(files.connections, '--connections'))) {
        connections.set(connId, connectionOf(connId, value, `--connections ${files.connections}`));
      }
    }
    const variables = new Map<string, string>();
    if (files.variables) {
      for (const [key, value] of Object.entries(readJsonObject(files.variables, '--variables'))) {
        variables.set(key, typeof value === 'string' ? value : JSON.stringify(value));
      }
    }
    return new LocalSecrets(connections, variables, env);
  }

  connection(connId: string): TaskConnection | null {
    const fromEnv = this.env.connections?.[envNameOf(connId)];
    const connection =
      this.connections.get(connId) ??
      (fromEnv === undefined
        ? null
        : connectionOf(
            connId,
            fromEnv.trim().startsWith('{') ? parseJson(fromEnv, `UPDRAFT_CONN_${envNameOf(connId)}`) : fromEnv,
            `UPDRAFT_CONN_${envNameOf(connId)}`,
          ));
    if (connection?.password) this.revealed.add(connection.password);
    return connection;
  }

  variable(key: string): string | null {
    return this.variables.get(key) ?? this.env.variables?.[envNameOf(key)] ?? null;
  }

  /** The line with every password handed out so far replaced by `***`. */
  mask(line: string): string {
    let masked = line;
    for (const secret of this.revealed) masked = masked.split(secret).join('***');
    return masked;
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}

function readJsonObject(path: string, flag: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(
      `${flag}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const value = parseJson(text, `${flag} ${path}`);
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new CliError(`${flag} ${path} must hold a JSON object keyed by id`);
  return value as Record<string, unknown>;
}

const nullable = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/** A connection from a URI (Airflow's form: `type://login:password@host:port/schema?extra=value`) or from a JSON object. */
export function connectionOf(connId: string, value: unknown, where: string): TaskConnection {
  const bad = (reason: string) => new CliError(`${where}: connection '${connId}': ${reason}`);
  if (typeof value === 'string') {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw bad('not a URI like postgres://user:password@host:5432/database');
    }
    const text = (part: string) => (part ? decodeURIComponent(part) : null);
    return {
      connId,
      connType: url.protocol.slice(0, -1).replace(/-/g, '_'),
      host: text(url.hostname),
      port: url.port ? Number(url.port) : null,
      login: text(url.username),
      password: text(url.password),
      schema: text(url.pathname.replace(/^\//, '')),
      extra: Object.fromEntries(url.searchParams),
    };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw bad('must be a URI or a JSON object');
  const fields = value as Record<string, unknown>;
  if (typeof fields['connType'] !== 'string' || !fields['connType'])
    throw bad('needs a connType such as "postgres" or "http"');
  for (const name of ['host', 'login', 'password', 'schema']) {
    if (fields[name] !== undefined && fields[name] !== null && typeof fields[name] !== 'string')
      throw bad(`${name} must be a string`);
  }
  const port = fields['port'];
  if (
    port !== undefined &&
    port !== null &&
    !(Number.isInteger(port) && (port as number) >= 1 && (port as number) <= 65_535)
  )
    throw bad('port must be a whole number from 1 to 65535');
  const extra = fields['extra'];
  if (extra !== undefined && (!extra || typeof extra !== 'object' || Array.isArray(extra)))
    throw bad('extra must be a JSON object');
  return {
    connId,
    connType: fields['connType'] as string,
    host: nullable(fields['host'] as string | undefined),
    port: nullable(port as number | undefined),
    login: nullable(fields['login'] as string | undefined),
    password: nullable(fields['password'] as string | undefined),
    schema: nullable(fields['schema'] as string | undefined),
    extra: (extra as Record<string, unknown> | undefined) ?? {},
  };
}
