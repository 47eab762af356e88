import { Command, CommanderError } from 'commander';
import { registerBundlesCommand } from './commands/bundles.command';
import { registerDagsCommand } from './commands/dags.command';
import { registerDeployCommand } from './commands/deploy.command';
import { registerInitCommand } from './commands/init.command';
import { registerLoginCommand } from './commands/login.command';
import { registerLogsCommand } from './commands/logs.command';
import { registerRunsCommand } from './commands/runs.command';
import type { CliContext } from './context';
import { oneLine } from './errors';

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('updraft')
    .description('Updraft command line: start a DAG project, test DAGs locally, deploy bundles, trigger runs, read logs')
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
  registerLogsCommand(program, ctx);
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
