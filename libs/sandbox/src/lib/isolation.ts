import { spawnSync } from 'node:child_process';
import { chown, mkdir } from 'node:fs/promises';

let networkNamespaceSupport: boolean | undefined;

/** Whether `unshare -n` can give a child its own empty network namespace (root on Linux). */
export function canIsolateNetwork(): boolean {
  if (networkNamespaceSupport === undefined) {
    const probe = spawnSync('unshare', ['-n', 'true'], { stdio: 'ignore', timeout: 5_000 });
    networkNamespaceSupport = probe.status === 0;
  }
  return networkNamespaceSupport;
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
 * wanted, and as `nobody` when the worker is root (privileges dropped after the namespace is made).
 */
export function sandboxCommand(command: string, args: string[], isolateNetwork: boolean): [string, string[]] {
  let argv = [command, ...args];
  const identity = unprivilegedIdentity();
  if (identity) argv = ['setpriv', `--reuid=${identity.uid}`, `--regid=${identity.gid}`, '--clear-groups', '--', ...argv];
  if (isolateNetwork && canIsolateNetwork()) argv = ['unshare', '-n', '--', ...argv];
  return [argv[0], argv.slice(1)];
}

/** Creates a per-try scratch folder that the (possibly unprivileged) tenant process can write. */
export async function prepareScratch(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const identity = unprivilegedIdentity();
  if (identity) await chown(dir, identity.uid, identity.gid);
}
