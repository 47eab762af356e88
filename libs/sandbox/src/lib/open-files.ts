import { readdir, readFile, readlink } from 'node:fs/promises';

/**
 * The pid of the process a sandbox command line ends up running: with `unshare -f` (a PID
 * namespace) it is unshare's only child; otherwise the spawned process itself, which became it by exec.
 */
export async function commandPid(spawnedPid: number): Promise<number> {
  const children = await readFile(`/proc/${spawnedPid}/task/${spawnedPid}/children`, 'utf8').catch(() => '');
  const first = Number(children.trim().split(/\s+/)[0]);
  return Number.isInteger(first) && first > 0 ? first : spawnedPid;
}

/** Files under `dir` (deleted ones included) that `pid` holds open; none where /proc is not readable. */
export async function filesHeldUnder(pid: number, dir: string): Promise<string[]> {
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => []);
  // Read at once, not one after the other: a warm process's next try waits for this check.
  const targets = await Promise.all(fds.map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')));
  return targets.filter((target) => target.startsWith(dir + '/'));
}
