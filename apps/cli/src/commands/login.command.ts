import type { Command } from 'commander';
import { ApiClient, ApiError } from '../api-client';
import type { TenantMembership } from '../api-types';
import { saveCredentials } from '../config';
import { outputFor, type CliContext, type JsonOption } from '../context';
import { CliError } from '../errors';
import { formatFields } from '../output';

interface LoginOptions extends JsonOption {
  url?: string;
  email?: string;
  password?: string;
  token?: string;
  tenant?: string;
}

export function registerLoginCommand(program: Command, ctx: CliContext): void {
  program
    .command('login')
    .description(
      'log in and store the session (access and refresh tokens), or store an API token for machines (--token)',
    )
    .option('--url <url>', 'API address (default: UPDRAFT_URL, the stored one, or http://127.0.0.1:3000)')
    .option('--email <email>', 'your email address')
    .option('--token <token>', 'an API token (updraft_pat_…) instead of an email and password; needs --tenant')
    .option('--password <password>', 'your password (prompted for when left out)')
    .option('--tenant <slug>', 'the tenant to work on (needed when you belong to several)')
    .option('--json', 'machine-readable output')
    .action((options: LoginOptions) => login(ctx, options));
}

async function login(ctx: CliContext, options: LoginOptions): Promise<void> {
  if (options.token !== undefined) return tokenLogin(ctx, options, options.token);
  if (!options.email) throw new CliError('give --email (or --token with an API token)');
  const out = outputFor(ctx, options);
  const config = ctx.loadConfig();
  const url = options.url ?? config.url;
  const client = new ApiClient({ baseUrl: url });

  const password = options.password ?? (await ctx.prompt('Password: ', { hidden: true }));
  if (!password) throw new CliError('a password is required');

  const response = await client.login(options.email, password);
  const tenant = chooseTenant(response.tenants, options.tenant);
  saveCredentials(config.credentialsPath, {
    url: client.baseUrl,
    accessToken: response.accessToken,
    refreshToken: response.refreshToken,
    tenant: tenant.slug,
  });

  out.result(
    {
      url: client.baseUrl,
      email: response.user.email,
      tenant: tenant.slug,
      role: tenant.role,
      credentialsPath: config.credentialsPath,
    },
    () =>
      `Logged in to ${client.baseUrl} as ${response.user.email}\n` +
      formatFields([
        ['Tenant', `${tenant.slug} (${tenant.role})`],
        ['Saved to', config.credentialsPath],
      ]),
  );
}

/** Stores an API token after checking that the tenant accepts it (a 403 only means its scopes do not include reading DAGs). */
async function tokenLogin(ctx: CliContext, options: LoginOptions, token: string): Promise<void> {
  if (!token.startsWith('updraft_pat_')) throw new CliError('--token must be an API token (updraft_pat_…)');
  if (!options.tenant) throw new CliError('--token needs --tenant <slug>: a token belongs to one tenant');
  const out = outputFor(ctx, options);
  const config = ctx.loadConfig();
  const client = new ApiClient({ baseUrl: options.url ?? config.url, token });
  await client
    .call('get', '/api/v1/tenants/{tenant}/dags', { params: { tenant: options.tenant }, query: { limit: 1 } })
    .catch((error: unknown) => {
      if (!(error instanceof ApiError && error.status === 403)) throw error;
    });
  saveCredentials(config.credentialsPath, { url: client.baseUrl, accessToken: token, tenant: options.tenant });
  out.result(
    { url: client.baseUrl, tenant: options.tenant, credentialsPath: config.credentialsPath },
    () =>
      `Using an API token on ${client.baseUrl}\n` +
      formatFields([
        ['Tenant', options.tenant as string],
        ['Saved to', config.credentialsPath],
      ]),
  );
}

function chooseTenant(tenants: TenantMembership[], wanted: string | undefined): TenantMembership {
  const slugs = tenants.map((t) => t.slug).join(', ');
  if (wanted) {
    const found = tenants.find((t) => t.slug === wanted);
    if (!found) throw new CliError(`you are not a member of tenant "${wanted}" (yours: ${slugs || 'none'})`);
    return found;
  }
  if (tenants.length === 1) return tenants[0];
  if (tenants.length === 0) throw new CliError('this account belongs to no tenant yet');
  throw new CliError(`you belong to several tenants (${slugs}): choose one with --tenant`);
}
