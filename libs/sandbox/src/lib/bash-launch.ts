import { canIsolateNetwork, canIsolateProcesses } from './isolation';

/**
 * The environment of the root-run steps before the tenant's bash. Tenant variables never reach
 * them: `LD_PRELOAD` or `LD_DEBUG` set by a task would otherwise be honoured by programs running as root.
 */
export const LAUNCH_ENV = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8' };

/** Prefix of the launcher's own error lines on stderr. */
export const LAUNCH_FAILURE_PREFIX = 'updraft-sandbox:';

/** Runs as root inside the new namespaces: limits, then the try's mounts, then the next step. */
const LAUNCH_SCRIPT = [
  'ulimit -d "$1" || exit 125',
  'if [ -n "$2" ]; then ulimit -u "$2" || exit 125; fi',
  `if [ -n "$3" ]; then mount --all --fstab "$3" || { echo "${LAUNCH_FAILURE_PREFIX} could not mount the task's files" >&2; exit 125; }; fi`,
  'shift 3',
  'exec "$@"',
].join('\n');

export interface LaunchPlan {
  command: string;
  /** The tenant's whole environment (HOME, PATH … included). */
  env: Record<string, string>;
  /** Bytes of data segment each process may have. */
  dataBytes: number;
  isolateNetwork: boolean;
  /** The try's own uid (root workers); required for a process limit and for confinement. */
  identity?: { uid: number; gid: number; maxProcesses: number };
  /** A confined try: the root it sees, its mount table, and its working folder inside that root. */
  confined?: { rootDir: string; mountTable: string; cwd: string };
}

/**
 * The command line of a bash try: its own namespaces where the OS allows, per-process limits, the
 * try's mounts and a chroot into its root when confined, the try's uid, and only then the tenant's
 * environment (`env -i`) and `bash -c`.
 */
export function launchCommand(plan: LaunchPlan): [string, string[]] {
  const { identity, confined } = plan;
  const namespaces = [
    ...(plan.isolateNetwork && canIsolateNetwork() ? ['-n'] : []),
    ...(canIsolateProcesses()
      ? ['-p', '-f', '--kill-child', confined ? `--mount-proc=${confined.rootDir}/proc` : '--mount-proc']
      : []),
  ];
  const become = !identity
    ? []
    : confined
      ? ['chroot', `--userspec=${identity.uid}:${identity.gid}`, `--groups=${identity.gid}`, confined.rootDir]
      : ['setpriv', `--reuid=${identity.uid}`, `--regid=${identity.gid}`, '--clear-groups', '--no-new-privs', '--'];
  const argv = [
    ...(namespaces.length > 0 ? ['unshare', ...namespaces, '--'] : []),
    'bash',
    '-c',
    LAUNCH_SCRIPT,
    'updraft-sandbox',
    String(Math.ceil(plan.dataBytes / 1024)),
    identity ? String(identity.maxProcesses) : '',
    confined?.mountTable ?? '',
    ...become,
    'env',
    '-i',
    ...(confined ? ['-C', confined.cwd] : []),
    '--',
    ...Object.entries(plan.env).map(([name, value]) => `${name}=${value}`),
    'bash',
    '-c',
    plan.command,
  ];
  return [argv[0], argv.slice(1)];
}
