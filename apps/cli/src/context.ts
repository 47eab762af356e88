import { ApiClient } from './api-client';
import { type CliConfig, readCredentials, saveCredentials } from './config';
import { CliError } from './errors';
import { Output, type OutputStreams } from './output';

/** What commands need from the outside world; tests pass their own. */
export interface CliContext {
  streams: OutputStreams;
  loadConfig: () => CliConfig;
  prompt: (question: string, options: { hidden: boolean }) => Promise<string>;
  /** The folder this CLI runs from, as a package: main.js, package.json, packages/ (the SDK's tarball). */
  installDir: string;
  /** Whether stdout takes colours (a terminal, and no NO_COLOR); --json turns them off. */
  colour?: boolean;
}

export interface JsonOption {
  json?: boolean;
}

export function outputFor(ctx: CliContext, options: JsonOption): Output {
  return new Output(ctx.streams, Boolean(options.json), Boolean(ctx.colour) && !options.json);
}

export interface TenantSession {
  client: ApiClient;
  tenant: string;
}

/** A logged-in client and the tenant to act on, or a one-line hint on how to get them. */
export function tenantSession(ctx: CliContext): TenantSession {
  const config = ctx.loadConfig();
  if (!config.token) {
    throw new CliError('not logged in: run `updraft login` (or set UPDRAFT_TOKEN)');
  }
  if (!config.tenant) {
    throw new CliError('no tenant chosen: run `updraft login --tenant <slug>` (or set UPDRAFT_TENANT)');
  }
  const refreshToken = config.refreshToken;
  const refresh = refreshToken && {
    token: refreshToken,
    onRefreshed: (tokens: { accessToken: string; refreshToken: string }) => {
      const stored = readCredentials(config.credentialsPath);
      if (stored)
        saveCredentials(config.credentialsPath, {
          ...stored,
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken,
        });
    },
  };
  return {
    client: new ApiClient({ baseUrl: config.url, token: config.token, refresh: refresh || undefined }),
    tenant: config.tenant,
  };
}
