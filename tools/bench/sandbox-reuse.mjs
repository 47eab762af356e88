// `node tools/bench/sandbox-reuse.mjs [--tries N]`
//
// The sandbox alone, without the platform around it: N sequential tries of a ~10 ms CPU task,
// once with a fresh sandbox process per try (runInSandbox) and once through the warm pool
// (SandboxPool, as the worker runs function tasks). Prints one JSON object: wall ms per try and the
// CPU the sandbox processes used (reaped children's utime+stime), which a loaded machine distorts
// far less than wall time. Not a test: nothing is asserted.
import { build } from 'esbuild';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tries = Number(process.argv[process.argv.indexOf('--tries') + 1]) || 40;
const work = mkdtempSync(join(tmpdir(), 'updraft-sandbox-bench-'));
chmodSync(work, 0o755);

/** CPU seconds of this process's reaped children (fields 16 and 17 of /proc/self/stat, in clock ticks). */
function childCpuSeconds() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** CPU seconds used so far by this process's live descendants (warm processes are killed, never reaped with their CPU). */
function liveDescendantsCpuSeconds() {
  const stats = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
      stats.push({ pid: Number(entry), ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / 100 });
    } catch {
      // gone meanwhile
    }
  }
  const ours = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of stats) {
      if (ours.has(s.pid) || !ours.has(s.ppid)) continue;
      ours.add(s.pid);
      grew = true;
    }
  }
  return stats.filter((s) => s.pid !== process.pid && ours.has(s.pid)).reduce((sum, s) => sum + s.cpu, 0);
}

try {
  const runnerPath = join(work, 'sandbox-runner.js');
  const libPath = join(work, 'sandbox-lib.cjs');
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    tsconfig: join(root, 'tsconfig.base.json'),
    logLevel: 'error',
  };
  await build({
    ...common,
    entryPoints: [join(root, 'libs/sandbox/src/runner/sandbox-runner.ts')],
    outfile: runnerPath,
  });
  await build({ ...common, entryPoints: [join(root, 'libs/sandbox/src/index.ts')], outfile: libPath });
  const { prepareScratch, runInSandbox, SandboxPool } = createRequire(import.meta.url)(libPath);

  const bundle = join(work, 'bundle');
  mkdirSync(bundle, { mode: 0o755 });
  writeFileSync(
    join(bundle, 'dag.js'),
    `const { dag, task } = require('@updraft/sdk');
dag('bench', {}, () => { task('busy', async () => { const end = Date.now() + 10; let n = 0; while (Date.now() < end) n++; return n > 0; }); });
`,
  );
  const request = {
    kind: 'run',
    root: bundle,
    file: 'dag.js',
    dagId: 'bench',
    taskId: 'busy',
    context: {
      dagId: 'bench',
      taskId: 'busy',
      runId: 'r',
      logicalDate: '2024-01-01T00:00:00.000Z',
      ds: '2024-01-01',
      dataIntervalStart: '2024-01-01T00:00:00.000Z',
      dataIntervalEnd: '2024-01-01T00:00:00.000Z',
      tryNumber: 1,
      mapIndex: -1,
      params: {},
      conf: {},
    },
  };
  const limits = { memoryMb: 256, timeoutMs: 30_000, isolateNetwork: true, onOutput: () => undefined };

  async function measure(label, runTry, settle) {
    const cpuBefore = childCpuSeconds() + liveDescendantsCpuSeconds();
    const started = process.hrtime.bigint();
    for (let i = 0; i < tries; i++) {
      const outcome = await runTry(i);
      if (outcome.outcome !== 'success') throw new Error(`${label} try ${i}: ${JSON.stringify(outcome)}`);
    }
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const liveCpu = liveDescendantsCpuSeconds();
    await settle();
    const cpu = childCpuSeconds() + liveCpu - cpuBefore;
    process.stderr.write(
      `[sandbox-bench] ${label}: ${(wallMs / tries).toFixed(1)} ms per try, ${((cpu * 1000) / tries).toFixed(1)} ms sandbox CPU per try\n`,
    );
    return {
      wallMsPerTry: Number((wallMs / tries).toFixed(1)),
      sandboxCpuMsPerTry: Number(((cpu * 1000) / tries).toFixed(1)),
    };
  }

  const fresh = await measure(
    'fresh process per try',
    async (i) => {
      const scratchDir = join(work, 'scratch', String(i));
      await prepareScratch(scratchDir);
      return runInSandbox(request, { ...limits, runnerPath, readable: [bundle], scratchDir });
    },
    async () => undefined,
  );
  const pool = new SandboxPool({
    runnerPath,
    scratchRoot: join(work, 'warm'),
    maxIdle: 4,
    idleTimeoutMs: 60_000,
    maxUses: 1_000,
  });
  const warm = await measure(
    'warm pool',
    () => pool.run(request, { ...limits, tenantId: 't', bundleVersionId: 'v', readable: [bundle] }),
    async () => {
      await pool.close();
      await new Promise((resolve) => setTimeout(resolve, 500));
    },
  );
  process.stdout.write(
    `${JSON.stringify({ benchmark: 'sandbox-reuse', date: new Date().toISOString(), tries, taskCpuMs: 10, nproc: cpus().length, loadAverage: loadavg().map((l) => Number(l.toFixed(2))), fresh, warm, processesStarted: { warm: pool.processesStarted } }, null, 1)}\n`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
