import { createRequire } from 'node:module';

// pg ships no types and @types/pg is not a dependency: this is the slice of it used here.
interface PgClient {
  connect(): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<{ rowCount: number | null; rows: unknown[] }>;
  end(): Promise<void>;
}
const { Client } = createRequire(__filename)('pg') as {
  Client: new (config: { connectionString: string }) => PgClient;
};

const SAFE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!SAFE_NAME.test(name)) throw new Error(`Unsafe or missing database name in ${redactUrl(url)}`);
  return name;
}

export function withDatabaseName(url: string, name: string): string {
  if (!SAFE_NAME.test(name)) throw new Error(`Unsafe database name: ${name}`);
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

async function withMaintenanceClient<T>(url: string, work: (client: PgClient) => Promise<T>): Promise<T> {
  return withClient(withDatabaseName(url, 'postgres'), work);
}

async function withClient<T>(url: string, work: (client: PgClient) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  await withMaintenanceClient(url, (client) => client.query(`CREATE DATABASE "${name}"`));
}

/** Drops even while a stopped app's connections linger (`WITH (FORCE)`, Postgres 13+). */
export async function dropDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  await withMaintenanceClient(url, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export async function databaseExists(url: string): Promise<boolean> {
  const name = databaseName(url);
  return withMaintenanceClient(url, async (client) => {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return (result.rowCount ?? 0) > 0;
  });
}

/** One statement on the database at `url`, on a connection of its own (a test reading what the apps stored). */
export async function queryDatabase<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  return withClient(url, async (client) => (await client.query(sql, params)).rows as T[]);
}
