import { ChildProcess, spawn } from 'node:child_process';
import { permissionFlag, scrubbedEnvironment, sandboxCommand } from './isolation';
import { OutputLines, OutputStream } from './output-lines';
import { ParsedFile, CodeProblem, SandboxMessage, SandboxRequest } from './protocol';

export interface SandboxLimits {
  memoryMb: number;
  timeoutMs: number;
  isolateNetwork: boolean;
}

export interface SandboxOptions extends SandboxLimits {
  /** The built sandbox-runner.js. */
  runnerPath: string;
  /** Folders the tenant code may read (its bundle version). */
  readable: string[];
  /** The one folder it may write (per try). */
  scratchDir: string;
  onOutput: (stream: OutputStream, message: string) => void;
  /** Aborting kills the whole process group (cancel). */
  signal?: AbortSignal;
}

export type TaskOutcome =
  | { outcome: 'success'; valueJson: string | null }
  | { outcome: 'fail' | 'skip' | 'error'; message: string };

export interface ParseOutcome {
  files: ParsedFile[];
  problems: CodeProblem[];
}

/**
 * Kills the child's whole process group. Done even when the child itself has exited: what it
 * started in the background (`cmd &`, a fork bomb) is still in the group.
 */
export function killProcessGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

function describeExit(code: number | null, signal: NodeJS.Signals | null, stderrTail: string, memoryMb: number): string {
  if (/heap out of memory|Allocation failed/i.test(stderrTail) || signal === 'SIGABRT' || code === 134) {
    return `the task process ran out of memory (limit ${memoryMb} MB)`;
  }
  if (signal) return `the task process was killed by ${signal}`;
  return `the task process exited with code ${code} before finishing`;
}

/**
 * Runs one request in a fresh sandbox process: scrubbed environment, Node's permission model
 * (read: runner and bundle; write: scratch), a heap limit and a data-segment limit (so Buffers
 * count too), its own network and PID namespaces where the OS allows, its own process group
 * (killed whole on timeout, cancel or completion).
 */
export function runInSandbox(request: SandboxRequest, options: SandboxOptions): Promise<TaskOutcome | ParseOutcome> {
  const nodeArgs = [
    permissionFlag(),
    `--allow-fs-read=${options.runnerPath}`,
    ...options.readable.map((dir) => `--allow-fs-read=${dir}`),
    `--allow-fs-write=${options.scratchDir}`,
    `--max-old-space-size=${options.memoryMb}`,
    '--enable-source-maps',
    '--disable-warning=ExperimentalWarning',
    '--disallow-code-generation-from-strings',
    options.runnerPath,
  ];
  const [command, args] = sandboxCommand(process.execPath, nodeArgs, options.isolateNetwork, options.memoryMb);
  const child = spawn(command, args, {
    cwd: options.scratchDir,
    env: scrubbedEnvironment(options.scratchDir),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  const lines = new OutputLines(options.onOutput);
  let stderrTail = '';
  child.stdout?.on('data', (chunk: Buffer) => lines.write('stdout', chunk));
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-4096);
    lines.write('stderr', chunk);
  });

  return new Promise((resolve) => {
    let settled = false;
    let result: TaskOutcome | ParseOutcome | undefined;
    const finish = (value: TaskOutcome | ParseOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      killProcessGroup(child);
      lines.flush();
      resolve(value);
    };
    const timer = setTimeout(() => finish({ outcome: 'error', message: `timed out after ${options.timeoutMs} ms; the task process was killed` }), options.timeoutMs);
    const onAbort = () => finish({ outcome: 'error', message: 'cancelled; the task process was killed' });
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.on('message', (message: SandboxMessage) => {
      if (message.kind === 'log') lines.line('stdout', message.message);
      else if (message.kind === 'parsed') result = { files: message.files, problems: message.problems };
      else if (message.kind === 'done') result = message.outcome === 'success' ? { outcome: 'success', valueJson: message.valueJson } : { outcome: message.outcome, message: message.message };
      if (result) setTimeout(() => finish(result as TaskOutcome | ParseOutcome), 50).unref();
    });
    child.on('error', (error) => finish({ outcome: 'error', message: `could not start the sandbox: ${error.message}` }));
    child.on('exit', (code, signal) => {
      // Let stdio drain before judging the exit.
      setTimeout(() => finish(result ?? { outcome: 'error', message: describeExit(code, signal, stderrTail, options.memoryMb) }), 20);
    });
    child.send(request);
  });
}
