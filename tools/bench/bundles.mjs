// The `bundles` benchmark's parts: the generated bundle (1,000 DAGs × 10 tasks) and the peak
// memory of the worker's parse process, sampled from /proc while the bundle parses.
import { readdirSync, readFileSync } from 'node:fs';

export const BUNDLE_DAGS = 1_000;
export const TASKS_PER_DAG = 10;
const FILES = 10;

/** Ten entry files of 100 DAGs each, every DAG a chain of ten bash tasks, written out as a tenant would. */
export function bigBundleFiles() {
  const perFile = BUNDLE_DAGS / FILES;
  const files = {
    'updraft.json': JSON.stringify({
      name: 'bench-bundle',
      entries: Array.from({ length: FILES }, (_, f) => `dags/group_${f}.ts`),
    }),
  };
  for (let f = 0; f < FILES; f++) {
    const lines = ["import { bash, chain, dag } from '@updraft/sdk';", ''];
    for (let d = 0; d < perFile; d++) {
      const id = `bench_${f}_${d}`;
      lines.push(
        `dag('${id}', { schedule: '@daily', startDate: '2024-01-01', catchup: false, tags: ['bench'], defaultArgs: { retries: 1, retryDelay: '1m' } }, () => {`,
      );
      lines.push('  chain(');
      for (let t = 0; t < TASKS_PER_DAG; t++)
        lines.push(`    bash('step_${t}', { command: 'echo ${id} step ${t} {{ ds }}' }),`);
      lines.push('  );', '});', '');
    }
    files[`dags/group_${f}.ts`] = lines.join('\n');
  }
  return files;
}

function children() {
  const byParent = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!byParent.has(ppid)) byParent.set(ppid, []);
      byParent.get(ppid).push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return byParent;
}

function hwmMb(pid) {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples the peak RSS of every process below `rootPid` (the worker's sandboxes) every 25 ms until stopped. */
export function sampleDescendantsPeak(rootPid) {
  let peak = 0;
  const timer = setInterval(() => {
    const byParent = children();
    const queue = [...(byParent.get(rootPid) ?? [])];
    while (queue.length) {
      const pid = queue.pop();
      peak = Math.max(peak, hwmMb(pid));
      queue.push(...(byParent.get(pid) ?? []));
    }
  }, 25);
  return () => {
    clearInterval(timer);
    return peak;
  };
}
