import { InvalidArgumentError, Option, type Command } from 'commander';
import { TOKEN_SCOPES, type TokenScope } from '@updraft/domain';
import { outputFor, tenantSession, type CliContext, type JsonOption } from '../context';
import { formatDate } from '../output';

interface CreateTokenOptions extends JsonOption {
  name: string;
  scope: TokenScope[];
  expiresInDays?: number;
}

export function registerTokensCommand(program: Command, ctx: CliContext): void {
  const tokens = program.command('tokens').description('API tokens for machines (CI deploys)');
  tokens
    .command('create')
    .description('create an API token that acts for you within its scopes; it is printed once')
    .requiredOption('--name <name>', 'what it is for, e.g. "ci deploy"')
    .addOption(
      new Option('--scope <scope...>', `one or more of ${TOKEN_SCOPES.join(', ')}`)
        .choices(TOKEN_SCOPES)
        .makeOptionMandatory(),
    )
    .option('--expires-in-days <n>', 'days until it expires (default 90)', parseDays)
    .option('--json', 'machine-readable output')
    .action(async (options: CreateTokenOptions) => {
      const { client, tenant } = tenantSession(ctx);
      const created = await client.createApiToken(tenant, {
        name: options.name,
        scopes: options.scope,
        ...(options.expiresInDays ? { expiresInDays: options.expiresInDays } : {}),
      });
      const out = outputFor(ctx, options);
      out.result(created, () => `${created.token}\n`);
      out.note(
        `Token "${created.name}" (${created.scopes.join(', ')}), expires ${formatDate(created.expiresAt) ?? 'never'}: it is shown only this once. Use it as UPDRAFT_TOKEN with UPDRAFT_TENANT=${tenant}.`,
      );
    });
}

function parseDays(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of days ≥ 1');
  return n;
}
