import { InvalidArgumentError, type Command } from 'commander';
import type { Bundle } from '../api-types';
import { outputFor, tenantSession, type CliContext, type JsonOption } from '../context';
import { CliError } from '../errors';
import { formatDate, formatTable } from '../output';
import { describeBundle } from './deploy.command';

interface RollbackOptions extends JsonOption {
  bundle?: string;
}

export function registerBundlesCommand(program: Command, ctx: CliContext): void {
  const bundles = program
    .command('bundles')
    .description('bundle versions: list them, make an earlier one active again');

  bundles
    .command('list')
    .description("list the tenant's bundle versions, newest first")
    .option('--json', 'machine-readable output')
    .action(async (options: JsonOption) => {
      const { client, tenant } = tenantSession(ctx);
      const all = await client.listBundles(tenant);
      outputFor(ctx, options).result(all, () => formatBundleList(all));
    });

  bundles
    .command('rollback')
    .description('make an earlier, successfully parsed version active again (its DAGs as they were then)')
    .argument('<version>', 'the version number', parseVersion)
    .option('--bundle <name>', 'the bundle name, when the tenant has several bundles')
    .option('--json', 'machine-readable output')
    .action(async (version: number, options: RollbackOptions) => {
      const { client, tenant } = tenantSession(ctx);
      const all = await client.listBundles(tenant);
      const matches = all.filter((b) => b.version === version && (!options.bundle || b.name === options.bundle));
      if (matches.length === 0)
        throw new CliError(
          `no version ${version}${options.bundle ? ` of bundle '${options.bundle}'` : ''} in tenant ${tenant}`,
        );
      if (matches.length > 1)
        throw new CliError(
          `version ${version} exists in bundles ${matches.map((b) => `'${b.name}'`).join(', ')}: pick one with --bundle`,
        );
      const result = await client.rollbackBundle(tenant, matches[0].id);
      outputFor(ctx, options).result(result, () => describeBundle(result));
    });
}

function parseVersion(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a version number (1, 2, …)');
  return n;
}

export function formatBundleList(bundles: Bundle[]): string {
  return formatTable(bundles, [
    { header: 'BUNDLE', value: (b) => b.name },
    { header: 'VERSION', value: (b) => String(b.version) },
    { header: 'STATUS', value: (b) => b.status },
    { header: 'DAGS', value: (b) => String(b.dagIds.length) },
    { header: 'ERRORS', value: (b) => String(b.errors.length) },
    { header: 'UPLOADED', value: (b) => formatDate(b.createdAt) },
  ]);
}
