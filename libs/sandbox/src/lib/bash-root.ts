import { execFile } from 'node:child_process';
import { lstat, mkdir, readlink, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { promisify } from 'node:util';
import { LAUNCH_ENV, launchCommand } from './bash-launch';
import { canIsolateProcesses } from './isolation';
import { IDENTITY_SLOTS, tryIdentities } from './try-identity';

/** Where a confined bash try finds its scratch folder (read-write) and its bundle version (read-only). */
export const SCRATCH_MOUNT = '/scratch';
export const BUNDLE_MOUNT = '/bundle';

/** Top-level system folders: bound read-only when real folders, recreated when symlinks (merged /usr). */
const SYSTEM_TREES = ['usr', 'bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32'];
/** What of /etc a shell and common tools need, and nothing else of the host's configuration. */
const ETC_ENTRIES = [
  'alternatives',
  'bash.bashrc',
  'debian_version',
  'host.conf',
  'hosts',
  'inputrc',
  'ld.so.cache',
  'ld.so.conf',
  'ld.so.conf.d',
  'localtime',
  'magic',
  'magic.mime',
  'mime.types',
  'mtab',
  'nsswitch.conf',
  'os-release',
  'profile',
  'protocols',
  'services',
  'shells',
  'ssl',
  'timezone',
];
const DEVICES = ['null', 'zero', 'full', 'random', 'urandom'];
const DEVICE_LINKS = {
  fd: '/proc/self/fd',
  stdin: '/proc/self/fd/0',
  stdout: '/proc/self/fd/1',
  stderr: '/proc/self/fd/2',
};
const READ_ONLY = 'bind,ro,nosuid,nodev';

export interface BashRoot {
  /** The folder a confined try sees as `/`. */
  dir: string;
  /** Root-only folder holding each running try's mount table. */
  tablesDir: string;
  /** The fstab lines every try mounts (system folders, devices, hidden platform folders). */
  systemMounts: string[];
}

export type BashConfinement =
  { confined: true; root: BashRoot; home: string } | { confined: false; reason: string; home?: string };

/** An fstab field: whitespace and backslashes as octal escapes. */
const field = (value: string) => value.replace(/[\\\s]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
const fstabLine = (source: string, target: string, type: string, options: string) =>
  `${field(source)} ${field(target)} ${type} ${options} 0 0`;

interface Bind {
  source: string;
  target: string;
  options: string;
}

/** A host path in the root: a symlink recreated as is, a file or folder as a bind mount onto a placeholder; absent paths are left out. */
async function mirror(source: string, target: string, options: string): Promise<Bind[]> {
  const stats = await lstat(source).catch(() => undefined);
  if (!stats) return [];
  if (stats.isSymbolicLink()) {
    await symlink(await readlink(source), target);
    return [];
  }
  if (stats.isDirectory()) await mkdir(target, { mode: 0o755 });
  else await writeFile(target, '', { mode: 0o644 });
  return [{ source, target, options }];
}

/** Users the try's tools can name: root, nobody, and this worker's per-try uids. */
function accounts(): { passwd: string; group: string } {
  const slots = Array.from({ length: IDENTITY_SLOTS }, (_, slot) => [slot, tryIdentities.uidOf(slot)]);
  return {
    passwd: [
      'root:x:0:0:root:/root:/usr/sbin/nologin',
      'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
      ...slots.map(([slot, uid]) => `task${slot}:x:${uid}:${uid}:task:${SCRATCH_MOUNT}:/bin/bash`),
      '',
    ].join('\n'),
    group: ['root:x:0:', 'nogroup:x:65534:', ...slots.map(([slot, uid]) => `task${slot}:x:${uid}:`), ''].join('\n'),
  };
}

/**
 * Platform folders that lie inside a tree the try sees (an install under /usr, say) are covered
 * with an empty read-only tmpfs.
 */
async function hiddenMounts(dir: string, hide: string[], binds: Bind[]): Promise<string[]> {
  const lines: string[] = [];
  for (const path of hide) {
    const real = await realpath(path).catch(() => undefined);
    const tree = real && binds.find(({ source }) => real === source || real.startsWith(source + sep));
    if (real && tree)
      lines.push(fstabLine('tmpfs', join(dir, real), 'tmpfs', 'ro,nosuid,nodev,noexec,size=4k,mode=755'));
  }
  return lines;
}

async function build(dir: string, hide: string[]): Promise<string[]> {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  for (const folder of ['etc', 'dev', 'proc', 'var', SCRATCH_MOUNT.slice(1), BUNDLE_MOUNT.slice(1)])
    await mkdir(join(dir, folder), { mode: 0o755 });
  const binds: Bind[] = [];
  for (const tree of SYSTEM_TREES) binds.push(...(await mirror(`/${tree}`, join(dir, tree), READ_ONLY)));
  for (const entry of ETC_ENTRIES) binds.push(...(await mirror(`/etc/${entry}`, join(dir, 'etc', entry), READ_ONLY)));
  for (const device of DEVICES)
    binds.push(...(await mirror(`/dev/${device}`, join(dir, 'dev', device), 'bind,nosuid,noexec')));
  for (const [name, target] of Object.entries(DEVICE_LINKS)) await symlink(target, join(dir, 'dev', name));
  // Tools that write to /tmp write into the scratch folder.
  await symlink(SCRATCH_MOUNT.slice(1), join(dir, 'tmp'));
  await symlink(`..${SCRATCH_MOUNT}`, join(dir, 'var', 'tmp'));
  const { passwd, group } = accounts();
  await writeFile(join(dir, 'etc', 'passwd'), passwd, { mode: 0o644 });
  await writeFile(join(dir, 'etc', 'group'), group, { mode: 0o644 });
  return [
    ...binds.map((bind) => fstabLine(bind.source, bind.target, 'none', bind.options)),
    ...(await hiddenMounts(dir, hide, binds)),
  ];
}

/** Runs `true` the way a try runs, so a host that refuses any step is known at boot, with its reason. */
async function probe(root: BashRoot): Promise<string | undefined> {
  const identity = tryIdentities.acquire();
  if (!identity) return 'no free uid';
  const mountTable = await writeMountTable(root, 'probe', join(root.dir, SCRATCH_MOUNT.slice(1)));
  const [command, args] = launchCommand({
    command: 'test -d /usr',
    env: { PATH: '/usr/bin:/bin' },
    dataBytes: 256 * 1024 * 1024,
    isolateNetwork: false,
    identity: { uid: identity.uid, gid: identity.gid, maxProcesses: 16 },
    confined: { rootDir: root.dir, mountTable, cwd: SCRATCH_MOUNT },
  });
  try {
    await promisify(execFile)(command, args, { env: LAUNCH_ENV, timeout: 10_000 });
    return undefined;
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    return (stderr?.trim().split('\n').pop() || message).trim();
  } finally {
    identity.release();
    await rm(mountTable, { force: true });
  }
}

/**
 * Builds the root a confined bash try sees, under `home` (emptied first): the host's /usr (and
 * /bin, /lib … where they are not symlinks into it) and a few /etc entries bound read-only,
 * /dev/null and friends, a /proc of its own PID namespace, /tmp pointing at its scratch folder,
 * and empty /scratch and /bundle where each try binds its own. `hide` names platform folders
 * (DATA_DIR, the install) to cover should they lie inside one of those trees. Tries after that
 * cost one mount table and one `mount --all` each. Confinement needs root, mount and PID
 * namespaces: where any is missing the answer says why, and bash runs unconfined.
 */
export async function prepareBashRoot(home: string, hide: string[] = []): Promise<BashConfinement> {
  if (process.getuid?.() !== 0) return { confined: false, reason: 'the worker does not run as root' };
  if (!canIsolateProcesses()) return { confined: false, reason: 'no PID namespace is available (unshare -p failed)' };
  await rm(home, { recursive: true, force: true });
  const root: BashRoot = { dir: join(home, 'root'), tablesDir: join(home, 'mounts'), systemMounts: [] };
  try {
    root.systemMounts = await build(root.dir, hide);
    await mkdir(root.tablesDir, { mode: 0o700 });
  } catch (error) {
    return {
      confined: false,
      reason: `the bash root could not be built in ${home}: ${(error as Error).message}`,
      home,
    };
  }
  const problem = await probe(root);
  return problem
    ? { confined: false, reason: `a confined bash could not start here: ${problem}`, home }
    : { confined: true, root, home };
}

/** Removes what prepareBashRoot built. */
export async function removeBashRoot(confinement: BashConfinement): Promise<void> {
  if (confinement.home) await rm(confinement.home, { recursive: true, force: true });
}

/** Writes the mount table of one try (named after `name`, unique among running tries): the system mounts, its scratch folder and its bundle. */
export async function writeMountTable(
  root: BashRoot,
  name: string,
  scratchDir: string,
  bundleDir?: string,
): Promise<string> {
  const lines = [
    ...root.systemMounts,
    fstabLine(scratchDir, join(root.dir, SCRATCH_MOUNT), 'none', 'bind,nosuid,nodev'),
    ...(bundleDir ? [fstabLine(bundleDir, join(root.dir, BUNDLE_MOUNT), 'none', READ_ONLY)] : []),
  ];
  const path = join(root.tablesDir, `${name}.fstab`);
  await writeFile(path, lines.join('\n') + '\n', { mode: 0o600 });
  return path;
}
