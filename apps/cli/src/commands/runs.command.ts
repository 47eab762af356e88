import { InvalidArgumentError, type Command } from 'commander';
import type { DagRun } from '../api-types';
import { outputFor, tenantSession, type CliContext, type JsonOption } from '../context';
import { formatDate, formatTable } from '../output';

interface ListRunsOptions extends JsonOption {
  limit: number;
  offset: number;
}

export function registerRunsCommand(program: Command, ctx: CliContext): void {
  const runs = program.command('runs').description('DAG runs');

  runs
    .command('list')
    .description("list a DAG's runs, newest first")
    .argument('<dagId>')
    .option('--limit <n>', 'how many runs', parseCount, 25)
    .option('--offset <n>', 'how many of the newest runs to skip', parseCount, 0)
    .option('--json', 'machine-readable output')
    .action(async (dagId: string, options: ListRunsOptions) => {
      const { client, tenant } = tenantSession(ctx);
      const page = await client.listDagRuns(tenant, dagId, { limit: options.limit, offset: options.offset });
      outputFor(ctx, options).result(page, () => formatRunList(page.items, page.total));
    });
}

export function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
}

export function formatRunList(runs: DagRun[], total: number): string {
  const table = formatTable(runs, [
    { header: 'RUN ID', value: (r) => r.runId },
    { header: 'STATE', value: (r) => r.state },
    { header: 'TYPE', value: (r) => r.runType },
    { header: 'LOGICAL DATE', value: (r) => formatDate(r.logicalDate) },
    { header: 'STARTED', value: (r) => formatDate(r.startDate) },
    { header: 'ENDED', value: (r) => formatDate(r.endDate) },
  ]);
  return runs.length < total ? `${table}(${runs.length} of ${total} runs; see --limit and --offset)\n` : table;
}
