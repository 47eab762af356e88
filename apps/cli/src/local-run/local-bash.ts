import { spawn, type ChildProcess } from 'node:child_process';
import { userPath } from '../config';
import type { TryOutcome } from './local-run';

export interface LocalBashOptions {
  command: string;
  env: Record<string, string>;
  cwd: string;
  scratchDir: string;
  /** The bundle project's folder, given to the command as UPDRAFT_BUNDLE_DIR (the platform's is the uploaded version, read-only). */
  bundleDir: string;
  timeoutMs: number | null;
  onOutput: (stream: 'stdout' | 'stderr', line: string) => void;
}

/**
 * Runs a bash task's command as the worker does (`bash -c` in a scratch folder, HOME and TMPDIR
 * there, TZ=UTC, the bundle's folder in UPDRAFT_BUNDLE_DIR; exit code 99 skips; the last stdout
 * line is the XCom), but with the user's PATH and without the sandbox.
 */
export function runLocalBash(options: LocalBashOptions): Promise<TryOutcome> {
  const child = spawn('bash', ['-c', options.command], {
    cwd: options.cwd,
    env: {
      ...options.env,
      PATH: userPath(),
      HOME: options.scratchDir,
      TMPDIR: options.scratchDir,
      LANG: 'C.UTF-8',
      TZ: 'UTC',
      UPDRAFT_BUNDLE_DIR: options.bundleDir,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let lastStdoutLine: string | null = null;
  const partial = { stdout: '', stderr: '' };
  const emit = (stream: 'stdout' | 'stderr', line: string) => {
    if (stream === 'stdout') lastStdoutLine = line;
    options.onOutput(stream, line);
  };
  const onData = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    const lines = (partial[stream] + chunk.toString()).split('\n');
    partial[stream] = lines.pop() ?? '';
    for (const line of lines) emit(stream, line.replace(/\r$/, ''));
  };
  child.stdout?.on('data', onData('stdout'));
  child.stderr?.on('data', onData('stderr'));

  return new Promise((resolve) => {
    let timedOut = false;
    const timer =
      options.timeoutMs === null
        ? undefined
        : setTimeout(() => ((timedOut = true), killGroup(child)), options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ outcome: 'error', message: `could not start bash: ${error.message}` });
    });
    child.on('exit', () => killGroup(child));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      for (const stream of ['stdout', 'stderr'] as const) if (partial[stream]) emit(stream, partial[stream]);
      if (timedOut)
        resolve({
          outcome: 'error',
          message: `the command ran longer than its execution timeout (${options.timeoutMs} ms)`,
        });
      else if (code === 0) resolve({ outcome: 'success', value: lastStdoutLine ?? undefined });
      else if (code === 99) resolve({ outcome: 'skip', message: 'the command exited with code 99 (skip)' });
      else
        resolve({
          outcome: 'error',
          message: signal ? `the command was killed by ${signal}` : `the command exited with code ${code}`,
        });
    });
  });
}

/** What the command left running in the background (`cmd &`) is in its process group. */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}
