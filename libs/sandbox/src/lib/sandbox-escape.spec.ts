/**
 * Escape corpus: hostile tenant code run for real through runInSandbox and SandboxPool (real
 * processes, real files, the real runner built with esbuild). Each case checks the attempt fails
 * with a clear message and that the test process (standing in for the worker) is unharmed.
 * bash-escape.spec.ts is the corpus for `bash` tasks.
 */
import { compileBundle } from '@updraft/bundles';
import { createEscapeFixture, EscapeFixture, harmDone } from '@updraft/testing';
import { build } from 'esbuild';
import { readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runBash } from './bash-process';
import { canIsolateNetwork, canIsolateProcesses, prepareScratch } from './isolation';
import { OutputStream } from './output-lines';
import { SandboxPool, WarmRunRequest } from './sandbox-pool';
import { runInSandbox } from './sandbox-process';
import { TaskOutcome } from './supervision';

jest.setTimeout(20_000);

const WORKSPACE_ROOT = join(__dirname, '..', '..', '..', '..');
const PLATFORM_PACKAGE_JSON = join(WORKSPACE_ROOT, 'package.json');

/** Each tenant task: its id and body (an async function body receiving `ctx`). */
const TASKS: Record<string, string> = {
  env: 'return process.env;',
  other_tenant_file: 'return require("fs").readFileSync(ctx.params.otherBundle + "/secret.txt", "utf8");',
  other_tenant_dir: 'return require("fs").readdirSync(ctx.params.otherBundle);',
  etc_passwd: 'return require("fs").readFileSync("/etc/passwd", "utf8");',
  platform_package_json: 'const load = require; return load(ctx.params.platformFile);',
  proc_environ: 'return require("fs").readFileSync("/proc/" + ctx.params.hostPid + "/environ", "utf8");',
  write_own_bundle: 'require("fs").writeFileSync(ctx.params.ownBundle + "/pwned.js", "x"); return "wrote";',
  write_tmp: 'require("fs").writeFileSync(ctx.params.outside + "/pwned", "x"); return "wrote";',
  symlink_out:
    'const fs = require("fs"); fs.symlinkSync(ctx.params.platformFile, process.env.HOME + "/link"); return fs.readFileSync(process.env.HOME + "/link", "utf8");',
  child_process: 'return require("child_process").execSync("id").toString();',
  worker_threads:
    'const { Worker } = require("worker_threads"); new Worker("process.exit(0)", { eval: true }); return "started";',
  eval: 'return eval("1 + 1");',
  new_function: 'return new Function("return process.mainModule")();',
  process_binding: 'return Object.keys(process.binding("fs"));',
  native_addon: 'const m = { exports: {} }; process.dlopen(m, "/usr/lib/x86_64-linux-gnu/libc.so.6"); return "loaded";',
  inspector: 'require("inspector").open(0); return "open";',
  kill_worker: 'process.kill(ctx.params.hostPid, "SIGKILL"); return "sent";',
  kill_everyone: 'process.kill(-1, "SIGKILL"); return "sent";',
  heap_bomb: 'const a = []; for (;;) a.push({ a: Math.random(), b: [1, 2, 3], c: "x" + Math.random() });',
  buffer_bomb:
    'const a = []; for (let i = 0; i < 100; i++) a.push(Buffer.alloc(64 * 1024 * 1024, 1)); return a.length;',
  infinite_loop: 'for (;;) { /* spin */ }',
  huge_log:
    'const line = "x".repeat(1023) + "\\n"; const chunk = line.repeat(1024); for (let i = 0; i < 20; i++) process.stdout.write(chunk); return "printed";',
  huge_return: 'return "y".repeat(2 * 1024 * 1024);',
  exit_3: 'process.exit(3);',
  postgres: 'return await connect(5432);',
  redis: 'return await connect(6379);',
  fail: 'throw new TaskFail("the data is wrong");',
  skip: 'throw new TaskSkip("nothing to do today");',
  ok: 'ctx.log("cleaning", { rows: 42 }); console.log("to stdout"); return { rows: 42, ds: ctx.ds };',
  // For warm (reused) processes: what one try could leave behind for the next.
  count: 'return { calls: ++calls, polluted: ({} as any).polluted ?? null, leak: process.env.LEAK ?? null };',
  write_scratch: 'require("fs").writeFileSync("left.txt", "x"); return process.cwd();',
  write_previous:
    'require("fs").writeFileSync(ctx.params.previous + "/left.txt", "y", { flag: "wx" }); return "wrote";',
  pollute_prototype: '(Object.prototype as any).polluted = "yes"; return ++calls;',
  replace_json: 'JSON.stringify = () => "forged"; return ++calls;',
  set_env: 'process.env.LEAK = "from an earlier try"; return ++calls;',
  leave_timer: 'setInterval(() => console.log("leaked output"), 5); return ++calls;',
  late_log: 'setTimeout(() => ctx.log("late line"), 20); return ++calls;',
  hijack_messages: 'process.on("message", () => undefined); return ++calls;',
  keep_fd:
    'kept = require("fs").openSync("kept.txt", "w+"); require("fs").writeSync(kept, "written by an earlier try"); return ++calls;',
  read_kept:
    'if (kept === undefined) return null; const b = Buffer.alloc(64); return b.toString("utf8", 0, require("fs").readSync(kept, b, 0, 64, 0));',
  hard_link_out:
    'require("fs").linkSync("/etc/passwd", "passwd"); return require("fs").readFileSync("passwd", "utf8");',
  slow: 'await new Promise((resolve) => setTimeout(resolve, 30_000));',
};

const DAG_SOURCE = [
  "import { dag, task, TaskFail, TaskSkip } from '@updraft/sdk';",
  "import { connect as tcp } from 'node:net';",
  '',
  'const connect = (port: number) =>',
  '  new Promise((resolve, reject) => {',
  "    const socket = tcp({ host: '127.0.0.1', port, timeout: 2000 }, () => { socket.destroy(); resolve('connected'); });",
  "    socket.on('error', reject);",
  "    socket.on('timeout', () => { socket.destroy(); reject(new Error('connect timed out')); });",
  '  });',
  '',
  'let calls = 0;',
  'let kept: number | undefined;',
  "export default dag('escapes', {}, () => {",
  ...Object.entries(TASKS).map(([id, body]) => `  task('${id}', async (ctx: any) => { ${body} });`),
  '});',
  '',
].join('\n');

/** The line of the task's declaration in dag.ts, as the sandbox should report it. */
const lineOf = (taskId: string) => DAG_SOURCE.split('\n').findIndex((l) => l.includes(`task('${taskId}'`)) + 1;

let fixture: EscapeFixture;
let bundleFiles: string[];
let base: string;
let runnerPath: string;
let bundleA: string;
let bundleB: string;
let compiledA: string;
let outside: string;
let n = 0;

beforeAll(async () => {
  fixture = await createEscapeFixture('updraft-escape-');
  ({ base, bundleA, bundleB, outside } = fixture);
  runnerPath = join(base, 'runner', 'sandbox-runner.js');
  await build({
    entryPoints: [join(WORKSPACE_ROOT, 'libs/sandbox/src/runner/sandbox-runner.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    tsconfig: join(WORKSPACE_ROOT, 'tsconfig.base.json'),
    outfile: runnerPath,
    logLevel: 'error',
  });
  await writeFile(join(bundleA, 'dag.ts'), DAG_SOURCE);
  [{ compiled: compiledA }] = await compileBundle(bundleA, ['dag.ts']);
  bundleFiles = await readdir(bundleA);
});

afterAll(() => fixture.dispose());

/** The worker (this test process) must come out of every case unharmed. */
afterEach(async () => {
  expect(await harmDone(fixture, bundleFiles)).toEqual([]);
});

interface Run {
  result: TaskOutcome;
  output: { stream: OutputStream; message: string }[];
  ms: number;
}

function taskRequest(taskId: string, extraParams: Record<string, unknown> = {}): WarmRunRequest {
  return {
    kind: 'run',
    root: bundleA,
    file: compiledA,
    dagId: 'escapes',
    taskId,
    context: {
      dagId: 'escapes',
      taskId,
      runId: 'manual__1',
      logicalDate: '2024-01-01T00:00:00.000Z',
      ds: '2024-01-01',
      dataIntervalStart: '2024-01-01T00:00:00.000Z',
      dataIntervalEnd: '2024-01-02T00:00:00.000Z',
      tryNumber: 1,
      mapIndex: -1,
      params: {
        otherBundle: bundleB,
        ownBundle: bundleA,
        outside,
        platformFile: PLATFORM_PACKAGE_JSON,
        hostPid: process.pid,
        ...extraParams,
      },
      conf: {},
      triggeringAssetEvents: {},
    },
  };
}

async function runTask(taskId: string, limits: { memoryMb?: number; timeoutMs?: number } = {}): Promise<Run> {
  const scratch = join(base, 'scratch', `${taskId}-${++n}`);
  await prepareScratch(scratch);
  const output: Run['output'] = [];
  const started = Date.now();
  const result = (await runInSandbox(taskRequest(taskId), {
    runnerPath,
    readable: [bundleA],
    scratchDir: scratch,
    memoryMb: limits.memoryMb ?? 128,
    timeoutMs: limits.timeoutMs ?? 10_000,
    isolateNetwork: true,
    onOutput: (stream, message) => output.push({ stream, message }),
  })) as TaskOutcome;
  return { result, output, ms: Date.now() - started };
}

/** One try on a warm process from `pool`, as tenant `tenantId` of bundle version `version`. */
async function runWarm(
  pool: SandboxPool,
  taskId: string,
  options: { tenantId?: string; version?: string; timeoutMs?: number; params?: Record<string, unknown> } = {},
): Promise<Run> {
  const output: Run['output'] = [];
  const started = Date.now();
  const result = await pool.run(taskRequest(taskId, options.params), {
    tenantId: options.tenantId ?? 'a',
    bundleVersionId: options.version ?? 'v1',
    readable: [bundleA],
    memoryMb: 128,
    timeoutMs: options.timeoutMs ?? 10_000,
    isolateNetwork: true,
    onOutput: (stream, message) => output.push({ stream, message }),
  });
  return { result, output, ms: Date.now() - started };
}

/** Another tenant's shell command (bash-escape.spec.ts is the corpus for those). */
async function runVictim(command: string): Promise<Run> {
  const scratch = join(base, 'scratch', `bash-${++n}`);
  await prepareScratch(scratch);
  const started = Date.now();
  const result = await runBash({
    command,
    env: {},
    cwd: scratch,
    scratchDir: scratch,
    memoryMb: 64,
    maxProcesses: 64,
    timeoutMs: 5_000,
    isolateNetwork: true,
    onOutput: () => undefined,
  });
  return { result, output: [], ms: Date.now() - started };
}

const error = (message: RegExp) => ({ outcome: 'error', message: expect.stringMatching(message) });
const at = (taskId: string) => new RegExp(`\\(dag\\.ts:${lineOf(taskId)}\\)$`);

describe('runInSandbox: hostile tenant code', () => {
  it('sees none of the platform secrets in its environment', async () => {
    const { result } = await runTask('env');
    expect(result.outcome).toBe('success');
    const env = JSON.parse((result as { valueJson: string }).valueJson) as Record<string, string>;
    expect(Object.keys(env).sort()).toEqual(['HOME', 'LANG', 'PATH', 'TMPDIR', 'TZ']);
    expect(JSON.stringify(env)).not.toMatch(/hunter2|jwt-secret/);
  });

  // [task, expected message]: every one a permission the sandbox must refuse, at the line of the task.
  const denied: [taskId: string, message: RegExp][] = [
    ['other_tenant_file', /permission denied: tenant code may not use FileSystemRead on .*bundles\/b\/v1\/secret\.txt/],
    ['other_tenant_dir', /permission denied: tenant code may not use FileSystemRead on .*bundles\/b\/v1/],
    ['etc_passwd', /permission denied: tenant code may not use FileSystemRead on \/etc\/passwd/],
    ['platform_package_json', /permission denied: tenant code may not use FileSystemRead on .*\/package\.json/],
    ['proc_environ', /permission denied: tenant code may not use FileSystemRead on \/proc\/\d+\/environ/],
    ['write_own_bundle', /permission denied: tenant code may not use FileSystemWrite on pwned\.js/],
    ['write_tmp', /permission denied: tenant code may not use FileSystemWrite on .*outside\/pwned/],
    ['symlink_out', /permission denied: tenant code may not use/],
    ['child_process', /permission denied: tenant code may not use ChildProcess/],
    ['worker_threads', /permission denied: tenant code may not use WorkerThreads/],
    ['eval', /EvalError: Code generation from strings disallowed/],
    ['new_function', /EvalError: Code generation from strings disallowed/],
    ['process_binding', /permission denied: tenant code may not use this API/],
    ['native_addon', /Cannot load native addon because loading addons is disabled/],
    ['inspector', /permission denied: tenant code may not use Inspector/],
  ];
  it.each(denied)('%s is refused', async (taskId, message) => {
    const { result } = await runTask(taskId);
    expect(result).toEqual(error(message));
    expect((result as { message: string }).message).toMatch(at(taskId));
    expect(existsSync(join(outside, 'pwned'))).toBe(false);
  });

  it('cannot signal the worker', async () => {
    const { result } = await runTask('kill_worker');
    // In its own PID namespace the worker's pid is not even visible (ESRCH); as nobody it may not signal root (EPERM).
    expect(result).toEqual(error(canIsolateProcesses() ? /kill (ESRCH|EPERM)/ : /kill EPERM/));
  });

  it("cannot kill other tenants' tasks with kill(-1)", async () => {
    const victim = runVictim('sleep 1.5; echo still alive');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { result } = await runTask('kill_everyone');
    expect(result.outcome).not.toBe('fail');
    expect((await victim).result).toEqual({ outcome: 'success', valueJson: JSON.stringify('still alive') });
  });

  it('a heap bomb ends with a clear out-of-memory error', async () => {
    const { result, ms } = await runTask('heap_bomb', { memoryMb: 64 });
    expect(result).toEqual(error(/the task process ran out of memory \(limit 64 MB\)/));
    expect(ms).toBeLessThan(8_000);
  });

  it('a Buffer bomb (memory outside the V8 heap) is bounded too', async () => {
    const { result } = await runTask('buffer_bomb', { memoryMb: 64 });
    expect(result).toEqual(error(/out of memory/));
  });

  it('an infinite loop is killed at the timeout', async () => {
    const { result, ms } = await runTask('infinite_loop', { timeoutMs: 1_000 });
    expect(result).toEqual(error(/^timed out after 1000 ms; the task process was killed$/));
    expect(ms).toBeLessThan(2_000);
  });

  it('huge log output is truncated with one notice', async () => {
    const { result, output, ms } = await runTask('huge_log');
    expect(result).toEqual({ outcome: 'success', valueJson: '"printed"' });
    const notices = output.filter((o) => o.stream === 'system');
    expect(notices).toEqual([
      { stream: 'system', message: expect.stringMatching(/^log truncated: output exceeded 5242880 bytes/) },
    ]);
    expect(output.reduce((sum, o) => sum + o.message.length + 1, 0)).toBeLessThanOrEqual(5 * 1024 * 1024 + 200);
    expect(ms).toBeLessThan(8_000);
  });

  it("a huge return value comes back whole: the XCom size limit is the worker's (MAX_XCOM_BYTES in TaskRunner)", async () => {
    const { result } = await runTask('huge_return');
    expect(result.outcome).toBe('success');
    expect(Buffer.byteLength((result as { valueJson: string }).valueJson)).toBe(2 * 1024 * 1024 + 2);
  });

  it('process.exit(3) is reported with its code', async () => {
    const { result } = await runTask('exit_3');
    expect(result).toEqual(error(/^the task process exited with code 3 before finishing$/));
  });

  it.each([
    ['postgres', 5432],
    ['redis', 6379],
  ])('cannot reach the platform %s on 127.0.0.1:%d', async (taskId) => {
    const { result } = await runTask(taskId);
    if (canIsolateNetwork()) {
      // Its own network namespace has only a loopback that is down: nothing listens there.
      expect(result).toEqual(error(/connect (ENETUNREACH|ECONNREFUSED) 127\.0\.0\.1/));
    } else {
      // Documented fallback without `unshare -n`: the node sandbox is not network-isolated.
      expect(result).toEqual({ outcome: 'success', valueJson: '"connected"' });
    }
  });

  it('TaskFail fails the task, naming file and line', async () => {
    expect((await runTask('fail')).result).toEqual({
      outcome: 'fail',
      message: expect.stringMatching(new RegExp(`^TaskFail: the data is wrong ${at('fail').source}`)),
    });
  });

  it('TaskSkip skips the task', async () => {
    expect((await runTask('skip')).result).toEqual({
      outcome: 'skip',
      message: expect.stringMatching(/^TaskSkip: nothing to do today/),
    });
  });

  it('a normal task succeeds with its return value and logs', async () => {
    const { result, output } = await runTask('ok');
    expect(result).toEqual({ outcome: 'success', valueJson: JSON.stringify({ rows: 42, ds: '2024-01-01' }) });
    expect(output.map((o) => o.message)).toEqual(expect.arrayContaining(['cleaning {"rows":42}', 'to stdout']));
  });

  it('parses the bundle into its DAG, naming task sources by bundle file and line', async () => {
    const scratch = join(base, 'scratch', `parse-${++n}`);
    await prepareScratch(scratch);
    const parsed = await runInSandbox(
      { kind: 'parse', root: bundleA, files: [compiledA] },
      {
        runnerPath,
        readable: [bundleA],
        scratchDir: scratch,
        memoryMb: 128,
        timeoutMs: 10_000,
        isolateNetwork: true,
        onOutput: () => undefined,
      },
    );
    expect(parsed).toMatchObject({ problems: [], files: [{ file: compiledA, dags: [{ dagId: 'escapes' }] }] });
    const tasks = (parsed as { files: { dags: { tasks: { taskId: string; source: string }[] }[] }[] }).files[0].dags[0]
      .tasks;
    expect(tasks.find((t) => t.taskId === 'ok')?.source).toBe(`dag.ts:${lineOf('ok')}`);
  });
});

describe('warm processes (SandboxPool): reused only within one tenant and bundle version, and only when clean', () => {
  let pool: SandboxPool;
  const settings = () => ({
    runnerPath,
    scratchRoot: join(base, 'warm'),
    maxIdle: 2,
    idleTimeoutMs: 60_000,
    maxUses: 5,
  });
  const value = (run: Run) => JSON.parse((run.result as { valueJson: string }).valueJson);
  const counted = (run: Run) => value(run).calls as number;

  beforeEach(() => {
    pool = new SandboxPool(settings());
  });
  afterEach(() => pool.close());

  it('runs further tries of the same tenant and version in the same process (module state persists)', async () => {
    expect(counted(await runWarm(pool, 'count'))).toBe(1);
    expect(counted(await runWarm(pool, 'count'))).toBe(2);
    expect(pool.processesStarted).toBe(1);
  });

  it('never shares a process across tenants or bundle versions', async () => {
    expect(counted(await runWarm(pool, 'count'))).toBe(1);
    expect(counted(await runWarm(pool, 'count', { tenantId: 'b' }))).toBe(1);
    expect(counted(await runWarm(pool, 'count', { version: 'v2' }))).toBe(1);
    expect(pool.processesStarted).toBe(3);
    expect(counted(await runWarm(pool, 'count', { tenantId: 'b' }))).toBe(2);
  });

  it('gives every try a fresh scratch folder and removes the previous one', async () => {
    const first = value(await runWarm(pool, 'write_scratch')) as string;
    const second = value(await runWarm(pool, 'write_scratch')) as string;
    expect(second).not.toBe(first);
    expect(existsSync(first)).toBe(false);
    const { result } = await runWarm(pool, 'write_previous', { params: { previous: second } });
    expect(result).toEqual(error(/ENOENT/));
    expect(existsSync(join(second, 'left.txt'))).toBe(false);
    expect(pool.processesStarted).toBe(1);
  });

  it.each([
    ['symlink_out', /permission denied: tenant code may not use/],
    ['hard_link_out', /permission denied: tenant code may not use|EPERM|EXDEV/],
    ['write_tmp', /permission denied: tenant code may not use FileSystemWrite on .*outside\/pwned/],
    ['other_tenant_file', /permission denied: tenant code may not use FileSystemRead on .*bundles\/b\/v1\/secret\.txt/],
  ])('%s is refused in a warm process too (it may read its own scratch, nothing else)', async (taskId, message) => {
    expect((await runWarm(pool, taskId)).result).toEqual(error(message));
  });

  it('sees the same scrubbed environment as a fresh process, HOME being its own scratch', async () => {
    const env = value(await runWarm(pool, 'env')) as Record<string, string>;
    const again = value(await runWarm(pool, 'env')) as Record<string, string>;
    expect(Object.keys(again).sort()).toEqual(['HOME', 'LANG', 'PATH', 'TMPDIR', 'TZ']);
    expect(again['HOME']).not.toBe(env['HOME']);
    expect(pool.processesStarted).toBe(1);
  });

  // A try that leaves something behind succeeds, but the next try gets a fresh process that does not see it.
  it.each(['pollute_prototype', 'replace_json', 'set_env', 'leave_timer', 'late_log', 'hijack_messages', 'keep_fd'])(
    '%s: its process is retired, the next try starts clean',
    async (taskId) => {
      await runWarm(pool, 'count');
      const dirty = await runWarm(pool, taskId);
      expect(dirty.result.outcome).toBe('success');
      const next = await runWarm(pool, 'count');
      expect(value(next)).toEqual({ calls: 1, polluted: null, leak: null });
      expect(next.output.map((o) => o.message)).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/leaked output|late line/)]),
      );
      expect(pool.processesStarted).toBe(2);
    },
  );

  it('a file descriptor kept in module state does not reach a later try: its process is retired', async () => {
    await runWarm(pool, 'keep_fd');
    expect((await runWarm(pool, 'read_kept')).result).toEqual({ outcome: 'success', valueJson: 'null' });
    expect(pool.processesStarted).toBe(2);
  });

  it.each([
    ['infinite_loop', { timeoutMs: 1_000 }, /^timed out after 1000 ms; the task process was killed$/],
    ['exit_3', {}, /^the task process exited with code 3 before finishing$/],
    ['heap_bomb', {}, /the task process ran out of memory/],
  ])('%s: killed with a clear error, never reused', async (taskId, options, message) => {
    await runWarm(pool, 'count');
    expect((await runWarm(pool, taskId, options)).result).toEqual(error(message));
    expect(counted(await runWarm(pool, 'count'))).toBe(1);
    expect(pool.processesStarted).toBe(2);
  });

  it('a cancelled try kills its process', async () => {
    const controller = new AbortController();
    const pending = pool.run(taskRequest('slow'), {
      tenantId: 'a',
      bundleVersionId: 'v1',
      readable: [bundleA],
      memoryMb: 128,
      timeoutMs: 10_000,
      isolateNetwork: true,
      onOutput: () => undefined,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 300);
    expect(await pending).toEqual(error(/^cancelled; the task process was killed$/));
    expect(pool.idleCount).toBe(0);
  });

  it('replaces a process after maxUses tries and keeps at most maxIdle idle', async () => {
    const small = new SandboxPool({ ...settings(), maxUses: 2, maxIdle: 1 });
    try {
      const calls = [];
      for (let i = 0; i < 3; i++) calls.push(counted(await runWarm(small, 'count')));
      expect(calls).toEqual([1, 2, 1]);
      await runWarm(small, 'count', { tenantId: 'b' });
      expect(small.idleCount).toBe(1);
    } finally {
      await small.close();
    }
  });

  it('huge output of a warm try is truncated with one notice and the process stays usable', async () => {
    const { output } = await runWarm(pool, 'huge_log');
    expect(output.filter((o) => o.stream === 'system')).toEqual([
      { stream: 'system', message: expect.stringMatching(/^log truncated/) },
    ]);
    expect((await runWarm(pool, 'ok')).result.outcome).toBe('success');
  });
});
