import { spawn } from 'node:child_process';
import { sandboxCommand, scrubbedEnvironment } from './isolation';
import { OutputLines, OutputStream } from './output-lines';
import { SandboxLimits } from './sandbox-process';
import { supervise, TaskOutcome } from './supervision';

export interface BashOptions extends Omit<SandboxLimits, 'memoryMb'> {
  command: string;
  env: Record<string, string>;
  scratchDir: string;
  cwd: string;
  onOutput: (stream: OutputStream, message: string) => void;
  signal?: AbortSignal;
}

/**
 * Runs a tenant shell command in its scratch folder with a scrubbed environment, as `nobody`
 * when the worker is root, in its own process group and network namespace. Exit code 99 skips
 * the task (as in Airflow); the last line of stdout is its XCom.
 */
export function runBash(options: BashOptions): Promise<TaskOutcome> {
  const [command, args] = sandboxCommand('bash', ['-c', options.command], options.isolateNetwork);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: scrubbedEnvironment(options.scratchDir, options.env),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let lastStdoutLine: string | null = null;
  const lines = new OutputLines((stream, message) => {
    if (stream === 'stdout') lastStdoutLine = message;
    options.onOutput(stream, message);
  });
  child.stdout?.on('data', (chunk: Buffer) => lines.write('stdout', chunk));
  child.stderr?.on('data', (chunk: Buffer) => lines.write('stderr', chunk));

  return supervise<TaskOutcome>(child, lines, { timeoutMs: options.timeoutMs, signal: options.signal, noun: 'the command' }, (finish) => {
    child.on('error', (error) => finish({ outcome: 'error', message: `could not start bash: ${error.message}` }));
    child.on('close', (code, signal) => {
      lines.flush();
      if (code === 0) finish({ outcome: 'success', valueJson: lastStdoutLine === null ? null : JSON.stringify(lastStdoutLine) });
      else if (code === 99) finish({ outcome: 'skip', message: 'the command exited with code 99 (skip)' });
      else finish({ outcome: 'error', message: signal ? `the command was killed by ${signal}` : `the command exited with code ${code}` });
    });
  });
}
