import type { Command } from 'commander';
import { outputFor, tenantSession, type CliContext, type JsonOption } from '../context';
import { resolveRun } from './run-ref';
import { clear, parseMarkState, type MarkState } from './runs.command';

interface TaskClearOptions extends JsonOption {
  downstream?: boolean;
  upstream?: boolean;
}

export function registerTasksCommand(program: Command, ctx: CliContext): void {
  const tasks = program.command('tasks').description('task instances of a run');

  tasks
    .command('clear')
    .description('run a task instance again (and, with --downstream, what depends on it)')
    .argument('<dagId>')
    .argument('<runId>', 'the run: latest, its id or a unique prefix of it')
    .argument('<taskId>')
    .option('--downstream', 'and the tasks downstream of it')
    .option('--upstream', 'and the tasks upstream of it')
    .option('--json', 'machine-readable output')
    .action(async (dagId: string, runRef: string, taskId: string, options: TaskClearOptions) => {
      const { client, tenant } = tenantSession(ctx);
      const run = await resolveRun(client, tenant, dagId, runRef);
      await clear(ctx, client, tenant, run, { ...options, task: [taskId] });
    });

  tasks
    .command('mark')
    .description('mark a task instance success or failed')
    .argument('<dagId>')
    .argument('<runId>', 'the run: latest, its id or a unique prefix of it')
    .argument('<taskId>')
    .argument('<state>', 'success or failed', parseMarkState)
    .option('--json', 'machine-readable output')
    .action(async (dagId: string, runRef: string, taskId: string, state: MarkState, options: JsonOption) => {
      const { client, tenant } = tenantSession(ctx);
      const run = await resolveRun(client, tenant, dagId, runRef);
      const marked = await client.markTaskInstance(tenant, dagId, run.runId, taskId, state);
      const out = outputFor(ctx, options);
      out.result(marked, () => `${taskId} in run ${run.runId}: ${out.paint(marked.state)}`);
    });
}
