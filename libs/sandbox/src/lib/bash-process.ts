import { spawn } from 'node:child_process';
import { chown, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { LAUNCH_ENV, LAUNCH_FAILURE_PREFIX, launchCommand, LaunchPlan } from './bash-launch';
import { BashConfinement, BUNDLE_MOUNT, SCRATCH_MOUNT, writeMountTable } from './bash-root';
import { scrubbedEnvironment, unprivilegedIdentity } from './isolation';
import { OutputLines, OutputStream } from './output-lines';
import { SandboxLimits } from './sandbox-process';
import { supervise, TaskOutcome } from './supervision';
import { IDENTITY_SLOTS, tryIdentities } from './try-identity';

export interface BashOptions extends SandboxLimits {
  command: string;
  env: Record<string, string>;
  scratchDir: string;
  cwd: string;
  /** The try's bundle version: read-only, at /bundle when confined; its path is in UPDRAFT_BUNDLE_DIR. */
  bundleDir?: string;
  /** From prepareBashRoot. Without it, or when it is unconfined, bash sees the host's files as its uid may. */
  confinement?: BashConfinement;
  /** Processes and threads the try may have at once; needs a per-try uid (a root worker). */
  maxProcesses: number;
  onOutput: (stream: OutputStream, message: string) => void;
  signal?: AbortSignal;
}

/** How bash (and most tools) report a fork refused by RLIMIT_NPROC. */
const FORK_REFUSED = /\bfork: (retry: )?Resource temporarily unavailable/;
const OUT_OF_MEMORY = /xmalloc|cannot allocate|out of memory|memory exhausted|MemoryError|bad_alloc/i;

function describeExit(
  code: number | null,
  signal: NodeJS.Signals | null,
  stderrTail: string,
  memoryMb: number,
): string {
  if (code === 125 && stderrTail.includes(LAUNCH_FAILURE_PREFIX))
    return `could not start the command in its sandbox (${stderrTail.split(LAUNCH_FAILURE_PREFIX).pop()?.trim()})`;
  const ended = signal ? `the command was killed by ${signal}` : `the command exited with code ${code}`;
  return OUT_OF_MEMORY.test(stderrTail) ? `${ended}: it ran out of memory (limit ${memoryMb} MB per process)` : ended;
}

/** The paths the try sees: /scratch and /bundle when confined, the host's otherwise. */
function viewOf(options: BashOptions, confined: boolean): { home: string; cwd: string; bundle?: string } {
  if (!confined) return { home: options.scratchDir, cwd: options.cwd, bundle: options.bundleDir };
  return {
    home: SCRATCH_MOUNT,
    cwd: join(SCRATCH_MOUNT, relative(options.scratchDir, options.cwd)),
    bundle: options.bundleDir && BUNDLE_MOUNT,
  };
}

/**
 * Runs a tenant shell command with a scrubbed environment, in its own process group, network and
 * PID namespaces where the OS allows. When the worker is root, under a uid of its own with a limit
 * on processes and, when confined, chrooted into a root that holds only system files, its scratch
 * folder and its bundle version. Every process has a data-segment limit. Exit code 99 skips the
 * task (as in Airflow); the last line of stdout is its XCom.
 */
export async function runBash(options: BashOptions): Promise<TaskOutcome> {
  const asRoot = unprivilegedIdentity() !== undefined;
  const identity = asRoot ? tryIdentities.acquire() : undefined;
  if (asRoot && !identity)
    return {
      outcome: 'error',
      message: `no free uid for the command: ${IDENTITY_SLOTS} bash tries already run in this worker`,
    };
  const root = options.confinement?.confined && identity ? options.confinement.root : undefined;
  let mountTable: string | undefined;
  try {
    const view = viewOf(options, root !== undefined);
    if (identity) await chown(options.scratchDir, identity.uid, identity.gid);
    if (root && identity)
      mountTable = await writeMountTable(root, String(identity.uid), options.scratchDir, options.bundleDir);
    const env = {
      ...scrubbedEnvironment(view.home, options.env),
      ...(view.bundle ? { UPDRAFT_BUNDLE_DIR: view.bundle } : {}),
    };
    return await launch(options, {
      command: options.command,
      env,
      dataBytes: options.memoryMb * 1024 * 1024,
      isolateNetwork: options.isolateNetwork,
      identity: identity && { uid: identity.uid, gid: identity.gid, maxProcesses: options.maxProcesses },
      confined: root && mountTable ? { rootDir: root.dir, mountTable, cwd: view.cwd } : undefined,
    });
  } finally {
    identity?.release();
    if (mountTable) await rm(mountTable, { force: true });
  }
}

function launch(options: BashOptions, plan: LaunchPlan): Promise<TaskOutcome> {
  const [command, args] = launchCommand(plan);
  // Confined tries change directory after the chroot; the others start where the worker (root) put them.
  const child = spawn(command, args, {
    cwd: plan.confined ? '/' : options.cwd,
    env: LAUNCH_ENV,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let lastStdoutLine: string | null = null;
  let stderrTail = '';
  let onForkRefused = () => undefined as void;
  const lines = new OutputLines((stream, message) => {
    if (stream === 'stdout') lastStdoutLine = message;
    options.onOutput(stream, message);
  });
  child.stdout?.on('data', (chunk: Buffer) => lines.write('stdout', chunk));
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-4096);
    // Read from the raw stream: once the log is truncated its lines are no longer passed on.
    if (plan.identity && FORK_REFUSED.test(stderrTail)) onForkRefused();
    lines.write('stderr', chunk);
  });

  return supervise<TaskOutcome>(
    child,
    lines,
    { timeoutMs: options.timeoutMs, signal: options.signal, noun: 'the command' },
    (finish) => {
      onForkRefused = () =>
        finish({
          outcome: 'error',
          message: `the command reached its limit of ${options.maxProcesses} processes and threads; it was killed`,
        });
      child.on('error', (error) => finish({ outcome: 'error', message: `could not start bash: ${error.message}` }));
      child.on('close', (code, signal) => {
        lines.flush();
        if (code === 0)
          finish({ outcome: 'success', valueJson: lastStdoutLine === null ? null : JSON.stringify(lastStdoutLine) });
        else if (code === 99) finish({ outcome: 'skip', message: 'the command exited with code 99 (skip)' });
        else finish({ outcome: 'error', message: describeExit(code, signal, stderrTail, options.memoryMb) });
      });
    },
  );
}
