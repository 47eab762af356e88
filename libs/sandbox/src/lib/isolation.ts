import { spawnSync } from 'node:child_process';
import { chown, mkdir } from 'node:fs/promises';

const PROCESS_NAMESPACE_FLAGS = ['-p', '-f', '--kill-child', '--mount-proc'];
/** Room above the V8 heap for Node itself, code and Buffers before the data-segment limit bites. */
export const MEMORY_HEADROOM_MB = 256;

const probes = new Map<string, boolean>();

function works(command: string, args: string[]): boolean {
  const key = [command, ...args].join(' ');
  let supported = probes.get(key);
  if (supported === undefined) {
    supported = spawnSync(command, args, { stdio: 'ignore', timeout: 5_000 }).status === 0;
    probes.set(key, supported);
  }
  return supported;
}

/** Whether `unshare -n` can give a child its own empty network namespace (root on Linux). */
export function canIsolateNetwork(): boolean {
  return works('unshare', ['-n', 'true']);
}

/**
 * Whether `unshare` can give a child its own PID namespace and /proc (root on Linux): it then
 * sees and signals only its own processes, and nothing it starts outlives it, not even a
 * process that left its process group with `setsid`.
 */
export function canIsolateProcesses(): boolean {
  return works('unshare', [...PROCESS_NAMESPACE_FLAGS, 'true']);
}

/** Whether `prlimit` can bound a child's data segment (heap, Buffers and other anonymous memory). */
export function canLimitMemory(): boolean {
  return works('prlimit', ['--data=1073741824', 'true']);
}

export interface SandboxCapabilities {
  /** `unshare -n`: tenant code gets an empty network namespace (needs CAP_SYS_ADMIN). */
  network: boolean;
  /** `unshare -p`: tenant processes see only themselves and die with their try (needs CAP_SYS_ADMIN). */
  processes: boolean;
  /** `prlimit --data`: a try's memory is bounded. */
  memory: boolean;
  /** Tenant shell commands run as `nobody` (the worker is root and may SETUID/SETGID). */
  unprivilegedUser: boolean;
}

/** What of the sandbox this host allows; what it does not, the worker runs without (degraded) and says so. */
export function sandboxCapabilities(): SandboxCapabilities {
  return {
    network: canIsolateNetwork(),
    processes: canIsolateProcesses(),
    memory: canLimitMemory(),
    unprivilegedUser: unprivilegedIdentity() !== undefined,
  };
}

/** The uid/gid tenant shell commands run as when the worker is root (`nobody`). */
export function unprivilegedIdentity(): { uid: number; gid: number } | undefined {
  return process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
}

/** Environment for tenant processes: nothing inherited from the platform. */
export function scrubbedEnvironment(scratchDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...extra,
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: scratchDir,
    TMPDIR: scratchDir,
    LANG: 'C.UTF-8',
    TZ: 'UTC',
  };
}

/** Node's permission-model flag differs between Node 20 and 22+. */
export function permissionFlag(): string {
  return process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
}

/**
 * The command line that runs tenant code: in a fresh network namespace when available and
 * wanted, in its own PID namespace when available, as `nobody` when the worker is root
 * (privileges dropped after the namespaces are made), and with its data segment bounded to
 * `memoryMb` plus headroom when given.
 */
export function sandboxCommand(
  command: string,
  args: string[],
  isolateNetwork: boolean,
  memoryMb?: number,
): [string, string[]] {
  let argv = [command, ...args];
  if (memoryMb !== undefined && canLimitMemory())
    argv = ['prlimit', `--data=${(memoryMb + MEMORY_HEADROOM_MB) * 1024 * 1024}`, '--', ...argv];
  const identity = unprivilegedIdentity();
  if (identity)
    argv = ['setpriv', `--reuid=${identity.uid}`, `--regid=${identity.gid}`, '--clear-groups', '--', ...argv];
  const namespaces = [
    ...(isolateNetwork && canIsolateNetwork() ? ['-n'] : []),
    ...(canIsolateProcesses() ? PROCESS_NAMESPACE_FLAGS : []),
  ];
  if (namespaces.length > 0) argv = ['unshare', ...namespaces, '--', ...argv];
  return [argv[0], argv.slice(1)];
}

/** Creates a per-try scratch folder that the (possibly unprivileged) tenant process can write. */
export async function prepareScratch(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const identity = unprivilegedIdentity();
  if (identity) await chown(dir, identity.uid, identity.gid);
}
