import { SDK_VERSION } from '@updraft/sdk';
import { Command, CommanderError } from 'commander';
import { registerApprovalsCommand } from './commands/approvals.command';
import { registerBundlesCommand } from './commands/bundles.command';
import { registerCompletionCommand } from './commands/completion.command';
import { registerDagsCommand } from './commands/dags.command';
import { registerDeployCommand } from './commands/deploy.command';
import { registerIncidentsCommand } from './commands/incidents.command';
import { registerInitCommand } from './commands/init.command';
import { registerLoginCommand } from './commands/login.command';
import { registerLogsCommand } from './commands/logs.command';
import { registerResourceCommands } from './commands/resources.command';
import { registerRunsCommand } from './commands/runs.command';
import { registerTasksCommand } from './commands/tasks.command';
import { registerTokensCommand } from './commands/tokens.command';
import { registerAssetsCommand } from './commands/assets.command';
import type { CliContext } from './context';
import { oneLine } from './errors';

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('updraft')
    .description(
      'Updraft command line: start a DAG project, test DAGs locally, deploy bundles, trigger and watch runs, follow logs',
    )
    .version(SDK_VERSION, '-V, --version', 'the version of updraft (and of the SDK it carries)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.streams.stdout.write(text),
      writeErr: (text) => ctx.streams.stderr.write(text),
    });
  registerLoginCommand(program, ctx);
  registerInitCommand(program, ctx);
  registerDeployCommand(program, ctx);
  registerBundlesCommand(program, ctx);
  registerDagsCommand(program, ctx);
  registerRunsCommand(program, ctx);
  registerTasksCommand(program, ctx);
  registerLogsCommand(program, ctx);
  registerResourceCommands(program, ctx);
  registerTokensCommand(program, ctx);
  registerAssetsCommand(program, ctx);
  registerIncidentsCommand(program, ctx);
  registerApprovalsCommand(program, ctx);
  registerCompletionCommand(program, ctx);
  return program;
}

/** Runs the cli and returns its exit code; every failure becomes one line on stderr. */
export async function run(argv: string[], ctx: CliContext): Promise<number> {
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    // Commander has already printed its own message (usage errors, --help).
    if (err instanceof CommanderError) return err.exitCode;
    const message = err instanceof Error ? err.message : String(err);
    ctx.streams.stderr.write(`error: ${oneLine(message || 'unexpected failure')}\n`);
    return 1;
  }
}
