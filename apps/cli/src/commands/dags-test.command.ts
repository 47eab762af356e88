import type { Command } from 'commander';
import { outputFor, type CliContext, type JsonOption } from '../context';
import { CliError } from '../errors';
import { formatDate, formatDuration, formatTable, type TextSink } from '../output';
import { dagConsole, loadDagFile, relativeToCwd } from '../local-run/dag-loader';
import { LocalRun, type LocalRunEvent, type LocalRunResult, type LocalTaskResult } from '../local-run/local-run';
import { parseConf } from './run-conf';

/** Retries wait at most this long in a local test run, whatever the DAG says. */
export const LOCAL_RETRY_DELAY_CAP_MS = 1000;

interface TestOptions extends JsonOption {
  conf?: string;
}

export function registerDagsTestCommand(dags: Command, ctx: CliContext): void {
  dags
    .command('test')
    .description('run one DAG run locally, without a server (tasks in dependency order, trigger rules and retries applied)')
    .argument('<file>', 'the file that defines the DAG, e.g. dags/example_dag.ts')
    .argument('<dagId>')
    .option('--conf <json>', 'run configuration, a JSON object (overrides param defaults)')
    .option('--json', 'machine-readable output: the whole run as JSON once it is over')
    .action((file: string, dagId: string, options: TestOptions) => testDag(ctx, file, dagId, options));
}

async function testDag(ctx: CliContext, file: string, dagId: string, options: TestOptions): Promise<void> {
  const conf = parseConf(options.conf) ?? {};
  const out = outputFor(ctx, options);
  const stdout: TextSink = out.json ? { write: () => undefined } : ctx.streams.stdout;

  dagConsole.sink = (stream, line) => stdout.write(`[${relativeToCwd(file)}] ${stream === 'stderr' ? '!' : '|'} ${line}\n`);
  const loaded = await loadDagFile(file).finally(() => (dagConsole.sink = () => undefined));
  try {
    const dag = loaded.dags.find((d) => d.dagId === dagId);
    if (!dag) {
      const found = loaded.dags.map((d) => d.dagId).join(', ') || 'none';
      throw new CliError(`${relativeToCwd(loaded.file)} defines no DAG '${dagId}' (it defines: ${found})`);
    }
    const logicalDate = new Date();
    const run = new LocalRun({ dag, stacks: loaded.stacks, conf, logicalDate, retryDelayCapMs: LOCAL_RETRY_DELAY_CAP_MS, onEvent: (event) => stdout.write(formatEvent(event)) });
    stdout.write(`Testing DAG ${dagId} from ${relativeToCwd(loaded.file)} (logical date ${formatDate(logicalDate.toISOString())})\n`);
    if (dag.serialize().tasks.some((t) => t.retries > 0)) {
      stdout.write(`Retry delays are capped at ${LOCAL_RETRY_DELAY_CAP_MS / 1000} s locally; the platform waits the full delay.\n`);
    }

    const result = await run.run();
    out.result(result, () => formatSummary(result));
    if (result.state === 'failed') throw new CliError(describeFailure(result));
  } finally {
    loaded.unload();
  }
}

export function formatEvent(event: LocalRunEvent): string {
  switch (event.kind) {
    case 'start':
      return `[${event.taskId}] running (${event.operator}, try ${event.tryNumber} of ${event.maxTries})\n`;
    case 'output':
      return `[${event.taskId}] ${event.stream === 'stderr' ? '!' : '|'} ${event.line}\n`;
    case 'retry':
      return (
        `[${event.taskId}] up_for_retry: ${event.message}; try ${event.nextTry} of ${event.maxTries} in ${formatDuration(event.delayMs)}` +
        (event.delayMs < event.platformDelayMs ? ` (capped locally; the platform waits ${formatDuration(event.platformDelayMs)})` : '') +
        '\n'
      );
    case 'finish':
      return `[${event.task.taskId}] ${describeTaskEnd(event.task)}\n`;
  }
}

function describeTaskEnd(task: LocalTaskResult): string {
  if (task.state === 'success') return 'returnValue' in task ? `success, returned ${JSON.stringify(task.returnValue)}` : 'success';
  return task.message ? `${task.state}: ${task.message}` : task.state;
}

function formatSummary(result: LocalRunResult): string {
  const table = formatTable(result.tasks, [
    { header: 'TASK', value: (t) => t.taskId },
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
  if (failed.length === 1) return `DAG ${result.dagId} run failed: task '${first.taskId}' failed${reason}`;
  return `DAG ${result.dagId} run failed: tasks ${failed.map((t) => `'${t.taskId}'`).join(', ')} failed ('${first.taskId}'${reason})`;
}
