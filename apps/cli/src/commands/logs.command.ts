import { InvalidArgumentError, type Command } from 'commander';
import type { ApiClient } from '../api-client';
import type { LogLine, TaskInstance, TaskLogs } from '../api-types';
import { outputFor, tenantSession, type CliContext, type JsonOption } from '../context';
import { CliError } from '../errors';
import type { Output } from '../output';
import { resolveRun } from './run-ref';

interface LogsOptions extends JsonOption {
  try?: number;
  follow?: boolean;
}

const WAIT_FOR_START_MS = 1_000;

export function registerLogsCommand(program: Command, ctx: CliContext): void {
  program
    .command('logs')
    .usage('<dagId> [runId] <taskId> [options]')
    .description("print a task instance's log; the run is `latest` (the default) or its id or a unique prefix of it")
    .argument('<dagId>')
    .argument('<runId|taskId>', 'the run, or the task when the run is left out')
    .argument('[taskId]')
    .option('--try <n>', "which try (default: the task instance's latest)", parseTry)
    .option('-f, --follow', 'stream the log until the try ends; the exit code is 0 only if the task succeeded')
    .option('--json', 'machine-readable output (one JSON object per line with --follow)')
    .action(async (dagId: string, runOrTask: string, maybeTask: string | undefined, options: LogsOptions) => {
      const { client, tenant } = tenantSession(ctx);
      const [runRef, taskId] = maybeTask === undefined ? [undefined, runOrTask] : [runOrTask, maybeTask];
      const run = await resolveRun(client, tenant, dagId, runRef);
      const out = outputFor(ctx, options);
      if (options.follow) return follow(ctx, out, client, tenant, dagId, run.runId, taskId, options.try);
      const tryNumber = options.try ?? latestTry(await instanceOf(client, tenant, dagId, run.runId, taskId));
      const logs = await client.getTaskLogs(tenant, dagId, run.runId, taskId, tryNumber);
      out.result(logs, () => formatLogs(logs));
    });
}

/** Streams the try (waiting for the task to start if it has not), then fails unless it succeeded. */
async function follow(
  ctx: CliContext,
  out: Output,
  client: ApiClient,
  tenant: string,
  dagId: string,
  runId: string,
  taskId: string,
  chosenTry?: number,
): Promise<void> {
  let tryNumber = chosenTry;
  while (tryNumber === undefined) {
    const instance = await instanceOf(client, tenant, dagId, runId, taskId);
    if (instance.tryNumber >= 1) tryNumber = instance.tryNumber;
    else await new Promise((resolve) => setTimeout(resolve, WAIT_FOR_START_MS));
  }
  out.note(`Following ${taskId} try ${tryNumber} of ${dagId} run ${runId}…`);
  let state = 'unknown';
  for await (const event of client.streamTaskLogs(tenant, dagId, runId, taskId, tryNumber)) {
    if (event.kind === 'end') state = event.state;
    else ctx.streams.stdout.write(`${out.json ? JSON.stringify(event.line) : formatLine(event.line)}\n`);
  }
  if (out.json) ctx.streams.stdout.write(`${JSON.stringify({ end: { taskId, tryNumber, state } })}\n`);
  else out.note(`${taskId} try ${tryNumber}: ${out.paint(state)}`);
  if (state !== 'success') throw new CliError(`${taskId} try ${tryNumber} ended ${state}`);
}

async function instanceOf(
  client: ApiClient,
  tenant: string,
  dagId: string,
  runId: string,
  taskId: string,
): Promise<TaskInstance> {
  const instances = (await client.listTaskInstances(tenant, dagId, runId)).filter((ti) => ti.taskId === taskId);
  if (instances.length === 0) throw new CliError(`task "${taskId}" is not in run ${runId} of ${dagId}`);
  return instances.reduce((latest, ti) => (ti.tryNumber > latest.tryNumber ? ti : latest));
}

function latestTry(instance: TaskInstance): number {
  if (instance.tryNumber < 1)
    throw new CliError(`task "${instance.taskId}" has not run yet (state: ${instance.state}), so it has no log`);
  return instance.tryNumber;
}

function parseTry(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a try number ≥ 1');
  return n;
}

function formatLine(line: LogLine): string {
  const tag = line.stream === 'stdout' ? '' : ` [${line.stream}]`;
  return `${line.timestamp}${tag} ${line.message}`;
}

export function formatLogs(logs: TaskLogs): string {
  if (logs.lines.length === 0) return `(no log lines for try ${logs.tryNumber})\n`;
  return logs.lines.map(formatLine).join('\n') + '\n';
}
