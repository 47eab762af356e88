import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CliError } from './errors';
import type { SecretsFromEnv } from './local-run/local-secrets';

export const DEFAULT_URL = 'http://127.0.0.1:3000';

export interface StoredCredentials {
  url: string;
  accessToken: string;
  /** Single use: each refresh stores its successor. */
  refreshToken?: string;
  tenant?: string;
}

export interface CliConfig {
  credentialsPath: string;
  url: string;
  token?: string;
  /** Only with the stored access token (an UPDRAFT_TOKEN from the environment is used as it is). */
  refreshToken?: string;
  tenant?: string;
  /** UPDRAFT_CONN_<ID> and UPDRAFT_VAR_<KEY>: connections and variables for `dags test`, by the name after the prefix. */
  localSecrets?: SecretsFromEnv;
}

type Env = Record<string, string | undefined>;

/** The only place the cli reads its environment. */
export function loadConfig(env: Env = process.env): CliConfig {
  const credentialsPath = credentialsPathFor(env);
  const stored = readCredentials(credentialsPath);
  const envToken = nonEmpty(env['UPDRAFT_TOKEN']);
  return {
    credentialsPath,
    url: nonEmpty(env['UPDRAFT_URL']) ?? stored?.url ?? DEFAULT_URL,
    token: envToken ?? stored?.accessToken,
    refreshToken: envToken ? undefined : stored?.refreshToken,
    tenant: nonEmpty(env['UPDRAFT_TENANT']) ?? stored?.tenant,
    localSecrets: secretsFromEnv(env),
  };
}

function secretsFromEnv(env: Env): SecretsFromEnv | undefined {
  const withPrefix = (prefix: string) => {
    const found = Object.entries(env).filter(
      ([name, value]) => name.startsWith(prefix) && name.length > prefix.length && value !== undefined,
    );
    return found.length > 0
      ? Object.fromEntries(found.map(([name, value]) => [name.slice(prefix.length), value as string]))
      : undefined;
  };
  const connections = withPrefix('UPDRAFT_CONN_');
  const variables = withPrefix('UPDRAFT_VAR_');
  return connections || variables ? { connections, variables } : undefined;
}

/** The user's PATH, for commands `dags test` runs locally on their behalf. */
export function userPath(env: Env = process.env): string {
  return nonEmpty(env['PATH']) ?? '/usr/local/bin:/usr/bin:/bin';
}

export function credentialsPathFor(env: Env): string {
  const dir = nonEmpty(env['UPDRAFT_CONFIG_DIR']) ?? join(homedir(), '.config', 'updraft');
  return join(dir, 'credentials.json');
}

export function readCredentials(path: string): StoredCredentials | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(`cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    const parsed = JSON.parse(text) as Partial<StoredCredentials>;
    if (typeof parsed.url !== 'string' || typeof parsed.accessToken !== 'string') {
      throw new Error('missing url or accessToken');
    }
    const refreshToken = typeof parsed.refreshToken === 'string' ? parsed.refreshToken : undefined;
    return { url: parsed.url, accessToken: parsed.accessToken, refreshToken, tenant: parsed.tenant ?? undefined };
  } catch (err) {
    throw new CliError(`${path} is not valid (${(err as Error).message}): run \`updraft login\` again`);
  }
}

export function saveCredentials(path: string, credentials: StoredCredentials): void {
  const dir = join(path, '..');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  // writeFileSync's mode applies only when it creates the file.
  chmodSync(path, 0o600);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() ? value.trim() : undefined;
}

/** Colours on a terminal only, and never when NO_COLOR is set (https://no-color.org). */
export function colourWanted(isTTY: boolean | undefined, env: Env = process.env): boolean {
  return Boolean(isTTY) && !nonEmpty(env['NO_COLOR']) && env['TERM'] !== 'dumb';
}
