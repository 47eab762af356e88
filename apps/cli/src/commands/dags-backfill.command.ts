import type { Command } from 'commander';
import type { BackfillCreated } from '../api-types';
import { outputFor, tenantSession, type CliContext, type JsonOption } from '../context';
import { CliError } from '../errors';
import { formatDate, formatFields } from '../output';

interface BackfillOptions extends JsonOption {
  from: string;
  to: string;
  reprocess?: boolean;
}

function isoDate(flag: string, value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(new Date(value).getTime()))
    throw new CliError(`${flag} must be a date like 2024-01-31 or 2024-01-31T06:00:00Z, not '${value}'`);
  return value;
}

/** `updraft dags backfill <dagId> --from --to`: one run of type backfill per schedule interval in the range. */
export function registerDagsBackfillCommand(dags: Command, ctx: CliContext): void {
  dags
    .command('backfill')
    .description(
      'run a DAG over a past date range (one backfill run per schedule interval, oldest first, within maxActiveRuns)',
    )
    .argument('<dagId>')
    .requiredOption('--from <date>', 'first logical date (included)')
    .requiredOption('--to <date>', 'last logical date (included)')
    .option('--reprocess', 'clear and run again the finished runs already in the range')
    .option('--json', 'machine-readable output')
    .action(async (dagId: string, options: BackfillOptions) => {
      const request = {
        from: isoDate('--from', options.from),
        to: isoDate('--to', options.to),
        reprocess: options.reprocess ?? false,
      };
      const { client, tenant } = tenantSession(ctx);
      const backfill = await client.createBackfill(tenant, dagId, request);
      outputFor(ctx, options).result(backfill, () => formatBackfill(backfill));
    });
}

export function formatBackfill(b: BackfillCreated): string {
  const created = b.created.map((r) => `  ${r.runId}`).join('\n');
  return `Backfill ${b.id} of ${b.dagId}\n${formatFields([
    ['Range', `${formatDate(b.from)} .. ${formatDate(b.to)}`],
    ['Created', `${b.created.length} run(s)`],
    ['Reprocessed', `${b.reprocessed.length} run(s)`],
    ['Skipped', b.skipped.length > 0 ? `${b.skipped.length} (already had a run)` : '0'],
  ])}${created ? `${created}\n` : ''}`;
}
