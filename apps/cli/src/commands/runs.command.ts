import { InvalidArgumentError, type Command } from 'commander';
import type { ApiClient } from '../api-client';
import type { DagRun, TaskInstance } from '../api-types';
import { outputFor, tenantSession, type CliContext, type JsonOption } from '../context';
import { CliError } from '../errors';
import { formatDate, formatDuration, formatFields, formatTable, type Output } from '../output';
import { LATEST_RUN, resolveRun } from './run-ref';

const RUN_ARG = `the run: ${LATEST_RUN}, its id or a unique prefix of it`;
const ENDED_RUN_STATES = ['success', 'failed'];

interface ClearOptions extends JsonOption {
  task?: string[];
  downstream?: boolean;
  upstream?: boolean;
  onlyFailed?: boolean;
}

interface WatchOptions {
  interval: number;
}

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

  runs
    .command('show')
    .description('a run and the state of each of its task instances')
    .argument('<dagId>')
    .argument('[runId]', RUN_ARG, LATEST_RUN)
    .option('--json', 'machine-readable output')
    .action(async (dagId: string, runRef: string, options: JsonOption) => {
      const { client, tenant } = tenantSession(ctx);
      const run = await resolveRun(client, tenant, dagId, runRef);
      const taskInstances = await client.listTaskInstances(tenant, dagId, run.runId);
      const out = outputFor(ctx, options);
      out.result({ ...run, taskInstances }, () => `${formatRun(run, out)}\n${formatTaskInstances(taskInstances, out)}`);
    });

  runs
    .command('clear')
    .description('set task instances of a run back to run again (all of them by default)')
    .argument('<dagId>')
    .argument('<runId>', RUN_ARG)
    .option('--task <taskId...>', 'only these tasks')
    .option('--downstream', 'and the tasks downstream of them')
    .option('--upstream', 'and the tasks upstream of them')
    .option('--only-failed', 'only failed and upstream-failed instances')
    .option('--json', 'machine-readable output')
    .action(async (dagId: string, runRef: string, options: ClearOptions) => {
      const { client, tenant } = tenantSession(ctx);
      const run = await resolveRun(client, tenant, dagId, runRef);
      await clear(ctx, client, tenant, run, options);
    });

  runs
    .command('mark')
    .description('mark a run success or failed (failed cancels what is still running)')
    .argument('<dagId>')
    .argument('<runId>', RUN_ARG)
    .argument('<state>', 'success or failed', parseMarkState)
    .option('--json', 'machine-readable output')
    .action(async (dagId: string, runRef: string, state: MarkState, options: JsonOption) => {
      const { client, tenant } = tenantSession(ctx);
      const run = await resolveRun(client, tenant, dagId, runRef);
      const marked = await client.markDagRun(tenant, dagId, run.runId, state);
      const out = outputFor(ctx, options);
      out.result(marked, () => `Run ${marked.runId} of ${dagId}: ${out.paint(marked.state)}`);
    });

  runs
    .command('watch')
    .description("a live table of a run's task states until the run ends; the exit code is 0 only if it succeeded")
    .argument('<dagId>')
    .argument('[runId]', RUN_ARG, LATEST_RUN)
    .option('--interval <seconds>', 'how often to look', parseSeconds, 2)
    .action(async (dagId: string, runRef: string, options: WatchOptions) => {
      const { client, tenant } = tenantSession(ctx);
      const run = await resolveRun(client, tenant, dagId, runRef);
      await watch(ctx, client, tenant, run, options.interval * 1000);
    });
}

export type MarkState = 'success' | 'failed';

export function parseMarkState(value: string): MarkState {
  if (value !== 'success' && value !== 'failed') throw new InvalidArgumentError('expected success or failed');
  return value;
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0.2) throw new InvalidArgumentError('expected a number of seconds ≥ 0.2');
  return n;
}

export async function clear(
  ctx: CliContext,
  client: ApiClient,
  tenant: string,
  run: DagRun,
  options: ClearOptions,
): Promise<void> {
  const { cleared } = await client.clearDagRun(tenant, run.dagId, run.runId, {
    ...(options.task ? { taskIds: options.task } : {}),
    downstream: Boolean(options.downstream),
    upstream: Boolean(options.upstream),
    onlyFailed: Boolean(options.onlyFailed),
  });
  outputFor(ctx, options).result(
    { runId: run.runId, cleared },
    () =>
      `Cleared ${cleared.length} task ${cleared.length === 1 ? 'instance' : 'instances'} of run ${run.runId}; they run again.`,
  );
}

/** Redraws the table in place on a terminal; elsewhere prints one line per change of state. */
async function watch(
  ctx: CliContext,
  client: ApiClient,
  tenant: string,
  first: DagRun,
  intervalMs: number,
): Promise<void> {
  const out = outputFor(ctx, {});
  const tty = Boolean((ctx.streams.stdout as { isTTY?: boolean }).isTTY);
  const seen = new Map<string, string>();
  let drawnLines = 0;
  for (let run = first; ; run = await client.getDagRun(tenant, run.dagId, run.runId)) {
    const instances = await client.listTaskInstances(tenant, run.dagId, run.runId);
    if (tty) {
      const text = `${formatRun(run, out)}\n${formatTaskInstances(instances, out)}`;
      ctx.streams.stdout.write(`${drawnLines ? `\x1b[${drawnLines}F\x1b[J` : ''}${text}`);
      drawnLines = text.split('\n').length - 1;
    } else {
      for (const ti of instances) {
        const key = `${ti.taskId}${ti.mapIndex >= 0 ? `[${ti.mapIndex}]` : ''}`;
        if (seen.get(key) !== ti.state)
          ctx.streams.stdout.write(`${formatDate(new Date().toISOString())}  ${key}  ${ti.state}\n`);
        seen.set(key, ti.state);
      }
    }
    if (ENDED_RUN_STATES.includes(run.state)) {
      if (!tty) ctx.streams.stdout.write(`run ${run.runId}: ${run.state}\n`);
      if (run.state !== 'success') throw new CliError(`run ${run.runId} of ${run.dagId} ended ${run.state}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function formatRun(run: DagRun, out: Output): string {
  return formatFields([
    ['Run', run.runId],
    ['DAG', run.dagId],
    ['State', out.paint(run.state)],
    ['Type', run.runType],
    ['Logical date', formatDate(run.logicalDate)],
    ['Started', formatDate(run.startDate)],
    ['Ended', formatDate(run.endDate)],
  ]);
}

export function formatTaskInstances(instances: TaskInstance[], out: Output): string {
  return formatTable(instances, [
    { header: 'TASK', value: (ti) => (ti.mapIndex >= 0 ? `${ti.taskId}[${ti.mapIndex}]` : ti.taskId) },
    { header: 'STATE', value: (ti) => out.paint(ti.state) },
    { header: 'TRY', value: (ti) => `${ti.tryNumber}/${ti.maxTries}` },
    { header: 'STARTED', value: (ti) => formatDate(ti.startDate) },
    { header: 'DURATION', value: (ti) => formatDuration(ti.durationMs) },
  ]);
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
