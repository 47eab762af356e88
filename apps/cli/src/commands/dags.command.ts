import type { Command } from 'commander';
import type { DagDetail, DagRun, DagSummary } from '../api-types';
import { outputFor, tenantSession, type CliContext, type JsonOption } from '../context';
import { formatDate, formatFields, formatTable } from '../output';
import { registerDagsBackfillCommand } from './dags-backfill.command';
import { registerDagsTestCommand } from './dags-test.command';
import { parseConf } from './run-conf';

interface TriggerOptions extends JsonOption {
  conf?: string;
}

export function registerDagsCommand(program: Command, ctx: CliContext): void {
  const dags = program.command('dags').description('list, inspect, pause, trigger and locally test DAGs');

  dags
    .command('list')
    .description("list the tenant's DAGs")
    .option('--json', 'machine-readable output')
    .action(async (options: JsonOption) => {
      const { client, tenant } = tenantSession(ctx);
      const items = await client.listDags(tenant);
      outputFor(ctx, options).result(items, () => formatDagList(items));
    });

  dags
    .command('show')
    .description('show one DAG and its tasks')
    .argument('<dagId>')
    .option('--json', 'machine-readable output')
    .action(async (dagId: string, options: JsonOption) => {
      const { client, tenant } = tenantSession(ctx);
      const dag = await client.getDag(tenant, dagId);
      outputFor(ctx, options).result(dag, () => formatDag(dag));
    });

  dags
    .command('trigger')
    .description('start a manual DAG run')
    .argument('<dagId>')
    .option('--conf <json>', 'run configuration, a JSON object')
    .option('--json', 'machine-readable output')
    .action(async (dagId: string, options: TriggerOptions) => {
      const conf = parseConf(options.conf);
      const { client, tenant } = tenantSession(ctx);
      const run = await client.triggerDagRun(tenant, dagId, conf);
      outputFor(ctx, options).result(run, () => formatTriggered(run));
    });

  for (const [name, isPaused] of [
    ['pause', true],
    ['unpause', false],
  ] as const) {
    dags
      .command(name)
      .description(
        isPaused ? 'stop scheduling new runs of a DAG (running ones finish)' : 'resume scheduling a paused DAG',
      )
      .argument('<dagId>')
      .option('--json', 'machine-readable output')
      .action(async (dagId: string, options: JsonOption) => {
        const { client, tenant } = tenantSession(ctx);
        const dag = await client.setDagPaused(tenant, dagId, isPaused);
        outputFor(ctx, options).result(dag, () => `${dag.isPaused ? 'Paused' : 'Unpaused'} ${dag.dagId}\n`);
      });
  }

  registerDagsBackfillCommand(dags, ctx);
  registerDagsTestCommand(dags, ctx);
}

export function formatDagList(dags: DagSummary[]): string {
  return formatTable(
    dags,
    [
      { header: 'DAG ID', value: (d) => d.dagId },
      { header: 'SCHEDULE', value: (d) => [d.schedule, d.assetSchedule].filter(Boolean).join(' or ') },
      { header: 'PAUSED', value: (d) => d.isPaused },
      { header: 'BUNDLE', value: (d) => `${d.bundleName} v${d.bundleVersion}` },
      { header: 'LAST RUN', value: (d) => formatDate(d.lastRun?.logicalDate) },
      { header: 'STATE', value: (d) => d.lastRun?.state },
    ],
    'No DAGs yet: upload a bundle with `updraft deploy`.',
  );
}

export function formatDag(dag: DagDetail): string {
  const header = formatFields([
    ['DAG', dag.dagId],
    ['Description', dag.description],
    ['Schedule', dag.schedule],
    ['Assets', dag.assetSchedule],
    ['Paused', dag.isPaused],
    ['Active', dag.isActive],
    ['Tags', dag.tags.join(', ')],
    ['Bundle', `${dag.bundleName} v${dag.bundleVersion}`],
    ['Last run', dag.lastRun ? `${dag.lastRun.runId} (${dag.lastRun.state})` : undefined],
  ]);
  const tasks = formatTable(dag.tasks, [
    { header: 'TASK ID', value: (t) => t.taskId },
    { header: 'OPERATOR', value: (t) => t.operator },
    { header: 'UPSTREAM', value: (t) => t.upstream.join(', ') },
    { header: 'DOWNSTREAM', value: (t) => t.downstream.join(', ') },
  ]);
  return `${header}\n${tasks}`;
}

function formatTriggered(run: DagRun): string {
  return `Triggered ${run.dagId}\n${formatFields([
    ['Run', run.runId],
    ['State', run.state],
    ['Logical date', formatDate(run.logicalDate)],
  ])}`;
}
