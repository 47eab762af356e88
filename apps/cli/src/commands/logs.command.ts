import { InvalidArgumentError, type Command } from 'commander';
import type { ApiClient } from '../api-client';
import type { TaskLogs } from '../api-types';
import { outputFor, tenantSession, type CliContext, type JsonOption } from '../context';
import { CliError } from '../errors';

interface LogsOptions extends JsonOption {
  try?: number;
}

export function registerLogsCommand(program: Command, ctx: CliContext): void {
  program
    .command('logs')
    .description("print a task instance's log")
    .argument('<dagId>')
    .argument('<runId>')
    .argument('<taskId>')
    .option('--try <n>', "which try (default: the task instance's latest)", parseTry)
    .option('--json', 'machine-readable output')
    .action(async (dagId: string, runId: string, taskId: string, options: LogsOptions) => {
      const { client, tenant } = tenantSession(ctx);
      const tryNumber = options.try ?? (await latestTry(client, tenant, dagId, runId, taskId));
      const logs = await client.getTaskLogs(tenant, dagId, runId, taskId, tryNumber);
      outputFor(ctx, options).result(logs, () => formatLogs(logs));
    });
}

async function latestTry(client: ApiClient, tenant: string, dagId: string, runId: string, taskId: string): Promise<number> {
  const instances = (await client.listTaskInstances(tenant, dagId, runId)).filter((ti) => ti.taskId === taskId);
  if (instances.length === 0) throw new CliError(`task "${taskId}" is not in run ${runId} of ${dagId}`);
  const tryNumber = Math.max(...instances.map((ti) => ti.tryNumber));
  if (tryNumber < 1) {
    throw new CliError(`task "${taskId}" has not run yet (state: ${instances[0].state}), so it has no log`);
  }
  return tryNumber;
}

function parseTry(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a try number ≥ 1');
  return n;
}

export function formatLogs(logs: TaskLogs): string {
  if (logs.lines.length === 0) return `(no log lines for try ${logs.tryNumber})\n`;
  return (
    logs.lines
      .map((line) => {
        const tag = line.stream === 'stdout' ? '' : ` [${line.stream}]`;
        return `${line.timestamp}${tag} ${line.message}`;
      })
      .join('\n') + '\n'
  );
}
