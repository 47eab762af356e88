import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { prepareScratch } from './isolation';
import { commandPid, filesHeldUnder } from './open-files';
import { OutputLines, OutputStream } from './output-lines';
import { PlatformCall, SandboxMessage, SandboxReply, SandboxRequest, tryEndMarker } from './protocol';
import { describeExit, SandboxLimits, spawnSandbox } from './sandbox-process';
import { killProcessGroup, TaskOutcome } from './supervision';

export interface SandboxPoolSettings {
  runnerPath: string;
  /** Each warm process gets its own writable folder under this one. */
  scratchRoot: string;
  /** Idle processes kept per worker (0: a fresh process for every try). */
  maxIdle: number;
  idleTimeoutMs: number;
  /** Tries one process runs before it is replaced. */
  maxUses: number;
}

export type WarmRunRequest = Omit<Extract<SandboxRequest, { kind: 'run' }>, 'warm'>;

export interface WarmRunOptions extends SandboxLimits {
  /** Only tries with the same key share a process: the tenant and its bundle version. */
  tenantId: string;
  bundleVersionId: string;
  /** Folders the tenant code may read (its bundle version). */
  readable: string[];
  onOutput: (stream: OutputStream, message: string) => void;
  onCall?: (call: PlatformCall) => Promise<unknown>;
  signal?: AbortSignal;
}

/** How long the end-of-try markers may trail the process's "done" before it is deemed unfit. */
const MARKER_GRACE_MS = 1_000;

interface TryResult {
  outcome: TaskOutcome;
  /** Why the process may not run another try; undefined when it may. */
  retire?: string;
}

/** One sandbox process that runs tries of one tenant's bundle version, one at a time. */
class WarmProcess {
  readonly child: ChildProcess;
  uses = 0;
  idleTimer?: NodeJS.Timeout;
  /** Set when something arrived outside any try (output, a message): the process is not reused. */
  private stray?: string;
  private stderrTail = '';
  private active?: ActiveTry;
  private runnerPid?: number;
  /** How the process ended, once it has. */
  private exit?: string;

  constructor(
    readonly key: string,
    readonly root: string,
    private readonly trash: string,
    private readonly options: WarmRunOptions,
    runnerPath: string,
    onExit: () => void,
  ) {
    // Moving into each try's folder (chdir) needs read access to it.
    this.child = spawnSandbox(
      {
        runnerPath,
        readable: [...options.readable, root],
        memoryMb: options.memoryMb,
        isolateNetwork: options.isolateNetwork,
      },
      root,
    );
    this.child.stdout?.on('data', (chunk: Buffer) => this.output('stdout', chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4096);
      this.output('stderr', chunk);
    });
    this.child.on('message', (message: SandboxMessage) => this.message(message));
    this.child.on('error', (error) =>
      this.active?.end({
        outcome: { outcome: 'error', message: `could not start the sandbox: ${error.message}` },
        retire: 'it did not start',
      }),
    );
    this.child.on('close', (code, signal) => {
      this.exit = describeExit(code, signal, this.stderrTail, this.options.memoryMb);
      this.active?.end({ outcome: { outcome: 'error', message: this.exit }, retire: 'it exited' });
      onExit();
    });
  }

  /** Running and still reachable: a process whose IPC channel closed is on its way out, before its exit is seen. */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null && this.child.connected;
  }

  async run(request: WarmRunRequest, options: WarmRunOptions): Promise<TryResult> {
    this.uses++;
    const tryId = randomUUID();
    const scratchDir = join(this.root, `try-${this.uses}`);
    await prepareScratch(scratchDir);
    const result = await new Promise<TryResult>((resolve) => {
      this.active = new ActiveTry(tryId, options, resolve);
      this.stderrTail = '';
      if (!this.alive)
        this.active.end({
          outcome: { outcome: 'error', message: `the sandbox process is gone${this.exit ? `: ${this.exit}` : ''}` },
          retire: 'it is gone',
        });
      else this.child.send({ ...request, warm: { tryId, scratchDir } });
    });
    this.active = undefined;
    return { outcome: result.outcome, retire: result.retire ?? this.stray };
  }

  /** After a try: why the process may not serve another, after emptying its folder (undefined: it may). */
  async reset(): Promise<string | undefined> {
    return this.stray ?? (await this.heldFiles()) ?? (await this.wipe());
  }

  /** A descriptor kept in module state would still reach a try's file after its folder is emptied. */
  private async heldFiles(): Promise<string | undefined> {
    if (this.child.pid === undefined) return undefined;
    this.runnerPid ??= await commandPid(this.child.pid);
    const held = await filesHeldUnder(this.runnerPid, this.root);
    return held.length > 0 ? `it kept ${held.length} file(s) of its folder open` : undefined;
  }

  kill(): void {
    clearTimeout(this.idleTimer);
    killProcessGroup(this.child);
    void rm(this.root, { recursive: true, force: true });
  }

  /**
   * Empties the process's folder (the try's scratch and anything else it managed to write there):
   * each entry is moved into the pool's trash, out of the process's reach (its files are checked
   * not to be held open first), and deleted there in the background, so the next try waits for a
   * rename, not for a recursive delete.
   */
  private async wipe(): Promise<string | undefined> {
    try {
      await Promise.all(
        (await readdir(this.root)).map(async (entry) => {
          const trashed = join(this.trash, randomUUID());
          await rename(join(this.root, entry), trashed);
          void rm(trashed, { recursive: true, force: true }).catch(() => undefined);
        }),
      );
      return undefined;
    } catch (error) {
      return `its folder could not be emptied (${(error as Error).message})`;
    }
  }

  private output(stream: 'stdout' | 'stderr', chunk: Buffer): void {
    if (this.active) this.active.output(stream, chunk.toString());
    else this.stray ??= `it wrote to ${stream} between tries`;
  }

  private message(message: SandboxMessage): void {
    const active = this.active;
    const ours = active && (message.kind === 'done' || ('tryId' in message && message.tryId === active.tryId));
    if (!ours) {
      this.stray ??= `it sent '${message.kind}' outside its try`;
      if (message.kind === 'call')
        this.reply({ kind: 'reply', id: message.id, ok: false, error: 'this call does not belong to a running try' });
      return;
    }
    if (message.kind === 'log') active.lines.line('stdout', message.message);
    else if (message.kind === 'call') void active.answer(message.id, message.call).then((reply) => this.reply(reply));
    else if (message.kind === 'done')
      active.done(
        message.outcome === 'success'
          ? { outcome: 'success', valueJson: message.valueJson }
          : { outcome: message.outcome, message: message.message },
        message.retire,
      );
  }

  private reply(reply: SandboxReply): void {
    if (this.child.connected) this.child.send(reply);
  }
}

/** The state of one try on a warm process: its output, its limits, and how it ends (once). */
class ActiveTry {
  readonly lines: OutputLines;
  private readonly marker: string;
  private readonly pending: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };
  private readonly ended = { stdout: false, stderr: false };
  private doneWith?: TryResult;
  private settled = false;
  private readonly timer: NodeJS.Timeout;
  private markerTimer?: NodeJS.Timeout;
  private readonly onAbort = () =>
    this.end({
      outcome: { outcome: 'error', message: 'cancelled; the task process was killed' },
      retire: 'the try was cancelled',
    });

  constructor(
    readonly tryId: string,
    private readonly options: WarmRunOptions,
    private readonly resolve: (result: TryResult) => void,
  ) {
    this.lines = new OutputLines(options.onOutput);
    this.marker = tryEndMarker(tryId);
    this.timer = setTimeout(
      () =>
        this.end({
          outcome: {
            outcome: 'error',
            message: `timed out after ${options.timeoutMs} ms; the task process was killed`,
          },
          retire: 'the try timed out',
        }),
      options.timeoutMs,
    );
    if (options.signal?.aborted) queueMicrotask(this.onAbort);
    else options.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Passes output on up to this try's end marker; anything after it is not this try's. */
  output(stream: 'stdout' | 'stderr', text: string): void {
    if (this.ended[stream]) return;
    const buffered = this.pending[stream] + text;
    const at = buffered.indexOf(this.marker);
    if (at >= 0) {
      this.lines.write(stream, buffered.slice(0, at));
      this.pending[stream] = '';
      this.ended[stream] = true;
      this.settleIfComplete();
      return;
    }
    // Keep back what could be the start of a marker split across chunks.
    const keep = Math.min(buffered.length, this.marker.length - 1);
    this.lines.write(stream, buffered.slice(0, buffered.length - keep));
    this.pending[stream] = buffered.slice(buffered.length - keep);
  }

  done(outcome: TaskOutcome, retire: string | undefined): void {
    this.doneWith = { outcome, retire };
    // A runner that failed before marking its output may never mark it: it is retired anyway.
    this.markerTimer = setTimeout(
      () => this.end({ outcome, retire: retire ?? 'its output did not end cleanly' }),
      retire ? 0 : MARKER_GRACE_MS,
    );
    this.settleIfComplete();
  }

  async answer(id: number, call: PlatformCall): Promise<SandboxReply> {
    try {
      if (!this.options.onCall) throw new Error(`${call.method} is not available here`);
      return { kind: 'reply', id, ok: true, value: await this.options.onCall(call) };
    } catch (error) {
      return { kind: 'reply', id, ok: false, error: (error as Error).message };
    }
  }

  end(result: TryResult): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    clearTimeout(this.markerTimer);
    this.options.signal?.removeEventListener('abort', this.onAbort);
    for (const stream of ['stdout', 'stderr'] as const)
      if (this.pending[stream]) this.lines.write(stream, this.pending[stream]);
    this.lines.flush();
    this.resolve(result);
  }

  private settleIfComplete(): void {
    if (this.doneWith && this.ended.stdout && this.ended.stderr) this.end(this.doneWith);
  }
}

/**
 * Keeps sandbox processes warm between tries of the same tenant and bundle version (never
 * across them): a process runs one try at a time in a fresh scratch folder, and is killed rather
 * than reused when its try timed out, was cancelled, crashed, changed shared globals, left work
 * running, kept a file of its folder open or grew its heap, after `maxUses` tries, or after
 * `idleTimeoutMs` unused.
 */
export class SandboxPool {
  private readonly idle: WarmProcess[] = [];
  private readonly busy = new Set<WarmProcess>();
  private readonly resetting = new Map<WarmProcess, Promise<void>>();
  private readonly awaited = new Set<WarmProcess>();
  private started = 0;
  private closed = false;
  private readonly root: string;

  constructor(private readonly settings: SandboxPoolSettings) {
    this.root = join(settings.scratchRoot, `warm-${process.pid}`);
  }

  /** Processes started so far (a measure of reuse). */
  get processesStarted(): number {
    return this.started;
  }

  get idleCount(): number {
    return this.idle.length;
  }

  get busyCount(): number {
    return this.busy.size;
  }

  async run(request: WarmRunRequest, options: WarmRunOptions): Promise<TaskOutcome> {
    if (this.closed) return { outcome: 'error', message: 'the worker is shutting down' };
    const key = JSON.stringify([
      options.tenantId,
      options.bundleVersionId,
      options.memoryMb,
      options.isolateNetwork,
      options.readable,
    ]);
    const process = this.take(key) ?? (await this.takeWhenReset(key)) ?? (await this.start(key, options));
    this.busy.add(process);
    let result: TryResult;
    try {
      result = await process.run(request, options);
    } catch (error) {
      this.busy.delete(process);
      process.kill();
      throw error;
    }
    // Checked and emptied after the outcome is returned, so the try's end does not wait for it; the
    // process is given out again only once that is done (`takeWhenReset`).
    const reset = this.recycle(process, result.retire);
    this.resetting.set(process, reset);
    void reset.finally(() => this.resetting.delete(process));
    return result.outcome;
  }

  private async recycle(process: WarmProcess, retired: string | undefined): Promise<void> {
    try {
      const retire = retired ?? (await process.reset());
      if (retire === undefined && process.uses < this.settings.maxUses && !this.closed && process.alive)
        this.park(process);
      else process.kill();
    } catch {
      process.kill();
    } finally {
      this.busy.delete(process);
    }
  }

  /** A process of this key that is being reset after its last try: the next try of a chain waits for it rather than starting one. */
  private async takeWhenReset(key: string): Promise<WarmProcess | undefined> {
    // One waiter per resetting process: the others start a process of their own at once.
    const pending = [...this.resetting].find(([process]) => process.key === key && !this.awaited.has(process));
    if (!pending) return undefined;
    const [process, reset] = pending;
    this.awaited.add(process);
    await reset;
    this.awaited.delete(process);
    return this.take(key);
  }

  /** Kills every process, idle or busy (their tries end as killed). */
  async close(): Promise<void> {
    this.closed = true;
    for (const process of [...this.idle, ...this.busy]) process.kill();
    this.idle.length = 0;
    await rm(this.root, { recursive: true, force: true });
  }

  private take(key: string): WarmProcess | undefined {
    for (let i = this.idle.length - 1; i >= 0; i--) {
      const candidate = this.idle[i];
      if (candidate.key !== key || !candidate.alive) continue;
      this.idle.splice(i, 1);
      clearTimeout(candidate.idleTimer);
      return candidate;
    }
    return undefined;
  }

  private async start(key: string, options: WarmRunOptions): Promise<WarmProcess> {
    const dir = join(this.root, String(++this.started));
    // Traversable (not listable) by the unprivileged sandbox user down to its try folders; the trash not even that.
    await mkdir(dir, { recursive: true, mode: 0o711 });
    for (const traversed of [this.settings.scratchRoot, this.root, dir]) await chmod(traversed, 0o711);
    const trash = join(this.root, 'trash');
    await mkdir(trash, { recursive: true, mode: 0o700 });
    const process: WarmProcess = new WarmProcess(key, dir, trash, options, this.settings.runnerPath, () =>
      this.forget(process),
    );
    return process;
  }

  private park(process: WarmProcess): void {
    this.idle.push(process);
    process.idleTimer = setTimeout(() => this.evict(process), this.settings.idleTimeoutMs);
    process.idleTimer.unref();
    while (this.idle.length > this.settings.maxIdle) this.evict(this.idle[0]);
  }

  private evict(process: WarmProcess): void {
    this.forget(process);
    process.kill();
  }

  private forget(process: WarmProcess): void {
    const at = this.idle.indexOf(process);
    if (at >= 0) this.idle.splice(at, 1);
  }
}
