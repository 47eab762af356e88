import { ChildProcess, spawn } from 'node:child_process';
import { permissionFlag, scrubbedEnvironment, sandboxCommand } from './isolation';
import { OutputLines, OutputStream } from './output-lines';
import { supervise, TaskOutcome } from './supervision';
import { CodeProblem, ParsedFile, PlatformCall, SandboxMessage, SandboxReply, SandboxRequest } from './protocol';

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
  /** Answers what the tenant code asks of the platform (e.g. `ti.xcomPull`), for its own run only. */
  onCall?: (call: PlatformCall) => Promise<unknown>;
  /** Aborting kills the whole process group (cancel). */
  signal?: AbortSignal;
  /** Lets `new Function` work: Nunjucks compiles templates to functions (a template can do no more than tenant code, which runs in the same kind of process). */
  allowCodeGeneration?: boolean;
}

export interface ParseOutcome {
  files: ParsedFile[];
  problems: CodeProblem[];
}

export interface RenderOutcome {
  rendered: Record<string, unknown>;
}

const EXIT_GRACE_MS = 2_000;

export function describeExit(
  code: number | null,
  signal: NodeJS.Signals | null,
  stderrTail: string,
  memoryMb: number,
): string {
  if (/heap out of memory|Allocation failed/i.test(stderrTail) || signal === 'SIGABRT' || code === 134) {
    return `the task process ran out of memory (limit ${memoryMb} MB)`;
  }
  if (signal) return `the task process was killed by ${signal}`;
  return `the task process exited with code ${code} before finishing`;
}

/**
 * Starts a sandbox process: scrubbed environment, Node's permission model (read: runner and
 * bundle; write: `writable` only), heap and data-segment limits, its own namespaces where the OS
 * allows, its own process group, IPC on fd 3.
 */
export function spawnSandbox(
  options: Pick<SandboxOptions, 'runnerPath' | 'readable' | 'memoryMb' | 'isolateNetwork' | 'allowCodeGeneration'>,
  writable: string,
): ChildProcess {
  const nodeArgs = [
    permissionFlag(),
    `--allow-fs-read=${options.runnerPath}`,
    ...options.readable.map((dir) => `--allow-fs-read=${dir}`),
    `--allow-fs-write=${writable}`,
    `--max-old-space-size=${options.memoryMb}`,
    '--enable-source-maps',
    '--disable-warning=ExperimentalWarning',
    ...(options.allowCodeGeneration ? [] : ['--disallow-code-generation-from-strings']),
    options.runnerPath,
  ];
  const [command, args] = sandboxCommand(process.execPath, nodeArgs, options.isolateNetwork, options.memoryMb);
  return spawn(command, args, {
    cwd: writable,
    env: scrubbedEnvironment(writable),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
}

/**
 * Runs one request in a fresh sandbox process: scrubbed environment, Node's permission model
 * (read: runner and bundle; write: scratch), a heap limit and a data-segment limit (so Buffers
 * count too), its own network and PID namespaces where the OS allows, its own process group
 * (killed whole on timeout, cancel or completion).
 */
export function runInSandbox(
  request: SandboxRequest,
  options: SandboxOptions,
): Promise<TaskOutcome | ParseOutcome | RenderOutcome> {
  const child = spawnSandbox(options, options.scratchDir);
  const lines = new OutputLines(options.onOutput);
  let stderrTail = '';
  child.stdout?.on('data', (chunk: Buffer) => lines.write('stdout', chunk));
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-4096);
    lines.write('stderr', chunk);
  });

  let result: TaskOutcome | ParseOutcome | RenderOutcome | undefined;
  return supervise<ParseOutcome | RenderOutcome>(
    child,
    lines,
    { timeoutMs: options.timeoutMs, signal: options.signal, noun: 'the task process' },
    (finish, isSettled) => {
      child.on('message', (message: SandboxMessage) => {
        if (message.kind === 'call') return void answer(message.id, message.call);
        if (message.kind === 'log') lines.line('stdout', message.message);
        else if (message.kind === 'parsed') result = { files: message.files, problems: message.problems };
        else if (message.kind === 'rendered') result = { rendered: message.fields };
        else if (message.kind === 'done')
          result =
            message.outcome === 'success'
              ? { outcome: 'success', valueJson: message.valueJson }
              : { outcome: message.outcome, message: message.message };
        // The process exits by itself once its output is flushed; one that lingers is killed after a grace period.
        if (result)
          setTimeout(() => finish(result as TaskOutcome | ParseOutcome | RenderOutcome), EXIT_GRACE_MS).unref();
      });
      const answer = async (id: number, call: PlatformCall) => {
        let reply: SandboxReply;
        try {
          if (!options.onCall) throw new Error(`${call.method} is not available here`);
          reply = { kind: 'reply', id, ok: true, value: await options.onCall(call) };
        } catch (error) {
          reply = { kind: 'reply', id, ok: false, error: (error as Error).message };
        }
        if (!isSettled() && child.connected) child.send(reply);
      };
      child.on('error', (error) =>
        finish({ outcome: 'error', message: `could not start the sandbox: ${error.message}` }),
      );
      // 'close' comes after the exit and after stdout/stderr are read to their end, so no output is lost.
      child.on('close', (code, signal) => {
        finish(result ?? { outcome: 'error', message: describeExit(code, signal, stderrTail, options.memoryMb) });
      });
      child.send(request);
    },
  );
}
