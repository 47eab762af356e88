import type { Command } from 'commander';
import { bundleRootOf } from '../bundle/manifest';
import { outputFor, type CliContext, type JsonOption } from '../context';
import { CliError } from '../errors';
import { formatDate, formatDuration, formatTable, type TextSink } from '../output';
import { dagConsole, loadDagFile, relativeToCwd } from '../local-run/dag-loader';
import {
  labelOf,
  LocalRun,
  type LocalRunEvent,
  type LocalRunResult,
  type LocalTaskResult,
} from '../local-run/local-run';
import { LocalSecrets } from '../local-run/local-secrets';
import { parseConf } from './run-conf';

/** Retries wait at most this long in a local test run, whatever the DAG says. */
export const LOCAL_RETRY_DELAY_CAP_MS = 1000;
/** Sensors check at least this often in a local test run, whatever their poke interval. */
export const LOCAL_POKE_INTERVAL_CAP_MS = 5000;

interface TestOptions extends JsonOption {
  conf?: string;
  logicalDate?: string;
  connections?: string;
  variables?: string;
  externalState: string[];
  smtpUrl?: string;
  mailFrom?: string;
  slackWebhook?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerDagsTestCommand(dags: Command, ctx: CliContext): void {
  dags
    .command('test')
    .description(
      'run one DAG run locally, without a server (every operator, templates, mapped tasks, trigger rules and retries applied)',
    )
    .argument('<file>', 'the file that defines the DAG, e.g. dags/example_dag.ts')
    .argument('<dagId>')
    .option('--conf <json>', 'run configuration, a JSON object (overrides param defaults)')
    .option(
      '--logical-date <date>',
      "the run's logical date (ISO 8601, e.g. 2024-06-01 or 2024-06-01T06:00:00Z); now by default",
    )
    .option(
      '--connections <file>',
      'a JSON file of connections by id: a URI (postgres://user:pass@host:5432/db) or an object; UPDRAFT_CONN_<ID> variables too',
    )
    .option('--variables <file>', 'a JSON file of variables by key; UPDRAFT_VAR_<KEY> variables too')
    .option(
      '--external-state <dag:task=state>',
      'what an externalTaskSensor finds for that task of another DAG (repeatable)',
      collect,
      [],
    )
    .option(
      '--smtp-url <url>',
      "send email tasks' mail through this SMTP server (smtp://user:pass@host:port) instead of printing it",
    )
    .option('--mail-from <address>', 'the sender of mail sent with --smtp-url')
    .option('--slack-webhook <url>', "post slack tasks' messages to this incoming webhook instead of printing them")
    .option('--json', 'machine-readable output: the whole run as JSON once it is over')
    .action((file: string, dagId: string, options: TestOptions) => testDag(ctx, file, dagId, options));
}

async function testDag(ctx: CliContext, file: string, dagId: string, options: TestOptions): Promise<void> {
  const conf = parseConf(options.conf) ?? {};
  const logicalDate = parseLogicalDate(options.logicalDate);
  const externalStates = parseExternalStates(options.externalState);
  requireUrl('--smtp-url', options.smtpUrl);
  requireUrl('--slack-webhook', options.slackWebhook);
  const secrets = LocalSecrets.load(
    { connections: options.connections, variables: options.variables },
    ctx.loadConfig().localSecrets,
  );
  const out = outputFor(ctx, options);
  const stdout: TextSink = out.json ? { write: () => undefined } : ctx.streams.stdout;

  dagConsole.sink = (stream, line) =>
    stdout.write(`[${relativeToCwd(file)}] ${stream === 'stderr' ? '!' : '|'} ${line}\n`);
  const loaded = await loadDagFile(file).finally(() => (dagConsole.sink = () => undefined));
  try {
    const dag = loaded.dags.find((d) => d.dagId === dagId);
    if (!dag) {
      const found = loaded.dags.map((d) => d.dagId).join(', ') || 'none';
      throw new CliError(`${relativeToCwd(loaded.file)} defines no DAG '${dagId}' (it defines: ${found})`);
    }
    const environment = {
      secrets,
      externalStates,
      delivery: { smtpUrl: options.smtpUrl, mailFrom: options.mailFrom, slackWebhook: options.slackWebhook },
      dags: loaded.dags,
      bundleDir: bundleRootOf(loaded.file),
    };
    const run = new LocalRun({
      dag,
      stacks: loaded.stacks,
      conf,
      logicalDate,
      retryDelayCapMs: LOCAL_RETRY_DELAY_CAP_MS,
      pokeIntervalCapMs: LOCAL_POKE_INTERVAL_CAP_MS,
      environment,
      onEvent: (event) => stdout.write(formatEvent(event)),
    });
    stdout.write(
      `Testing DAG ${dagId} from ${relativeToCwd(loaded.file)} (logical date ${formatDate(logicalDate.toISOString())})\n`,
    );
    if (dag.serialize().tasks.some((t) => t.retries > 0)) {
      stdout.write(
        `Retry delays are capped at ${LOCAL_RETRY_DELAY_CAP_MS / 1000} s locally; the platform waits the full delay.\n`,
      );
    }

    const result = await run.run();
    out.result(result, () => formatSummary(result));
    if (result.state === 'failed') throw new CliError(describeFailure(result));
  } finally {
    loaded.unload();
  }
}

/** `--logical-date`: a date or date-time; a date alone is midnight UTC. */
function parseLogicalDate(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const date = new Date(/^\d{4}-\d\d-\d\d$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(date.getTime()))
    throw new CliError(`--logical-date '${text}' is not a date: use 2024-06-01 or 2024-06-01T06:00:00Z`);
  return date;
}

/** `--external-state dag:task=state`, repeated. */
function parseExternalStates(values: string[]): Map<string, string> {
  const states = new Map<string, string>();
  for (const value of values) {
    const match = /^([^:=\s]+):([^:=\s]+)=([a-z_]+)$/.exec(value);
    if (!match) throw new CliError(`--external-state '${value}' is not dag:task=state, e.g. upstream_dag:load=success`);
    states.set(`${match[1]}:${match[2]}`, match[3]);
  }
  return states;
}

function requireUrl(flag: string, value: string | undefined): void {
  if (value === undefined) return;
  try {
    new URL(value);
  } catch {
    throw new CliError(`${flag} is not a URL`);
  }
}

export function formatEvent(event: LocalRunEvent): string {
  switch (event.kind) {
    case 'start':
      return `[${event.label}] running (${event.operator}, try ${event.tryNumber} of ${event.maxTries})\n`;
    case 'output':
      return `[${event.label}] ${event.stream === 'stderr' ? '!' : '|'} ${event.line}\n`;
    case 'retry':
      return (
        `[${event.label}] up_for_retry: ${event.message}; try ${event.nextTry} of ${event.maxTries} in ${formatDuration(event.delayMs)}` +
        (event.delayMs < event.platformDelayMs
          ? ` (capped locally; the platform waits ${formatDuration(event.platformDelayMs)})`
          : '') +
        '\n'
      );
    case 'finish':
      return `[${event.label}] ${describeTaskEnd(event.task)}\n`;
  }
}

function describeTaskEnd(task: LocalTaskResult): string {
  if (task.state === 'success')
    return 'returnValue' in task ? `success, returned ${JSON.stringify(task.returnValue)}` : 'success';
  return task.message ? `${task.state}: ${task.message}` : task.state;
}

function formatSummary(result: LocalRunResult): string {
  const table = formatTable(result.tasks, [
    { header: 'TASK', value: (t) => labelOf(t.taskId, t.mapIndex) },
    { header: 'STATE', value: (t) => t.state },
    { header: 'TRIES', value: (t) => t.tries },
  ]);
  return `\n${table}Run ${result.runId}: ${result.state}\n`;
}

function describeFailure(result: LocalRunResult): string {
  const failed = result.tasks.filter((t) => t.state === 'failed');
  if (failed.length === 0) {
    const blocked = result.tasks.filter((t) => t.state === 'upstream_failed').map((t) => `'${t.taskId}'`);
    return `DAG ${result.dagId} run failed: upstream_failed ${blocked.join(', ')}`;
  }
  const [first] = failed;
  const reason = first.message ? `: ${first.message}` : '';
  const name = (t: LocalTaskResult) => `'${labelOf(t.taskId, t.mapIndex)}'`;
  if (failed.length === 1) return `DAG ${result.dagId} run failed: task ${name(first)} failed${reason}`;
  return `DAG ${result.dagId} run failed: tasks ${failed.map(name).join(', ')} failed (${name(first)}${reason})`;
}
