/**
 * The process that runs tenant code. It holds no platform secret (its environment is scrubbed),
 * may read only its bundle, may write only its scratch folder, and talks to its worker only
 * through the IPC channel.
 */
import * as sdk from '@updraft/sdk';
import Module from 'node:module';
import { getHeapStatistics } from 'node:v8';
import { isAbsolute, join, relative } from 'node:path';
import { renderFields, taskAccessors } from '@updraft/operators';
import {
  tryEndMarker,
  type CodeProblem,
  type ParsedFile,
  type PlatformCall,
  type SandboxMessage,
  type SandboxReply,
  type SandboxRequest,
  type WarmTry,
} from '../lib/protocol';

const moduleLoader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = moduleLoader._load;
moduleLoader._load = function (request: string, ...rest: unknown[]) {
  if (request === '@updraft/sdk') return sdk;
  return load.call(this, request, ...rest);
};

const pendingSends = new Set<Promise<void>>();

function send(message: SandboxMessage): Promise<void> {
  const sent = new Promise<void>((resolve) =>
    process.send ? process.send(message, undefined, undefined, () => resolve()) : resolve(),
  );
  pendingSends.add(sent);
  void sent.then(() => pendingSends.delete(sent));
  return sent;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const denied = error as Error & { code?: string; permission?: string; resource?: string };
  if (denied.code === 'ERR_ACCESS_DENIED') {
    return `permission denied: tenant code may not use ${denied.permission || 'this API'}${denied.resource ? ` on ${denied.resource}` : ''}`;
  }
  if (error instanceof RangeError && /allocation failed/i.test(error.message)) return `out of memory: ${error.message}`;
  return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
}

/** The first stack frame inside the bundle, as a bundle-relative file and line. */
function locate(root: string, error: unknown, fallbackFile: string): CodeProblem {
  const message = describe(error).split(`${root}/`).join('');
  // A DAG definition error names where the task or DAG was declared, which beats where dag() was called.
  const declaredFirst = error instanceof sdk.DagDefinitionError ? /\(([^()]+):(\d+)\): /.exec(message) : null;
  if (declaredFirst && !isAbsolute(declaredFirst[1]) && !declaredFirst[1].startsWith('..'))
    return { file: declaredFirst[1], line: Number(declaredFirst[2]), message };
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  for (const match of stack.matchAll(/\(?((?:file:\/\/)?[^()\s]+):(\d+):\d+\)?/g)) {
    const path = match[1].replace(/^file:\/\//, '');
    const rel = relative(root, path);
    if (!rel.startsWith('..') && !isAbsolute(rel) && !rel.startsWith('.compiled')) {
      return { file: rel, line: Number(match[2]), message };
    }
  }
  const declared = /\(([^()]+):(\d+)\): /.exec(message);
  if (declared) {
    const rel = relative(root, declared[1]);
    if (!rel.startsWith('..')) return { file: rel, line: Number(declared[2]), message };
  }
  return { file: fallbackFile, message };
}

function relativeSource(root: string, source: string | null): string | null {
  if (!source) return null;
  const match = /^(.*):(\d+)$/.exec(source);
  return match ? `${relative(root, match[1])}:${match[2]}` : source;
}

async function parse(root: string, files: string[]): Promise<void> {
  const parsed: ParsedFile[] = [];
  const problems: CodeProblem[] = [];
  for (const file of files) {
    const before = sdk.definedDags().length;
    try {
      require(join(root, file));
      const dags = sdk
        .definedDags()
        .slice(before)
        .map((d) => {
          const serialized = d.serialize();
          return {
            ...serialized,
            source: relativeSource(root, serialized.source),
            tasks: serialized.tasks.map((t) => ({ ...t, source: relativeSource(root, t.source) })),
          };
        });
      parsed.push({ file, dags });
    } catch (error) {
      problems.push(locate(root, error, file));
    }
  }
  await send({ kind: 'parsed', files: parsed, problems });
}

type RunRequest = Extract<SandboxRequest, { kind: 'run' }>;

async function run(request: RunRequest): Promise<void> {
  const warm = request.warm;
  if (warm) enterScratch(warm);
  require(join(request.root, request.file));
  const dag = sdk.definedDags().find((d) => d.dagId === request.dagId);
  const callable = dag?.callable(request.taskId);
  if (!callable) {
    await finishTry(request, {
      kind: 'done',
      outcome: 'error',
      message: `task '${request.taskId}' of DAG '${request.dagId}' has no function in this bundle version`,
    });
    return;
  }
  // Taken once the bundle is loaded, so what its modules set up at import counts as the baseline.
  baseline ??= fingerprint();
  const resourcesBefore = process.getActiveResourcesInfo();
  const tryId = warm?.tryId;
  // Tenant code reaches XCom, variables and connections only through its worker, for its own tenant and run.
  const platform = taskAccessors((call) => callPlatform(call, tryId));
  const log = (...values: unknown[]) =>
    void send({
      kind: 'log',
      message: values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' '),
      tryId,
    });
  let done: SandboxMessage;
  try {
    const value = await callable({ ...request.context, log, ...platform });
    const valueJson = value === undefined ? null : JSON.stringify(value);
    done = { kind: 'done', outcome: 'success', valueJson: valueJson ?? null };
  } catch (error) {
    const outcome = error instanceof sdk.TaskFail ? 'fail' : error instanceof sdk.TaskSkip ? 'skip' : 'error';
    const problem = locate(request.root, error, request.file);
    const where = problem.line ? ` (${problem.file}:${problem.line})` : '';
    done = { kind: 'done', outcome, message: `${problem.message}${where}` };
  }
  await finishTry(request, warm ? { ...done, retire: await unfitForReuse(resourcesBefore) } : done);
}

/** A warm try works in its own folder; HOME and TMPDIR follow it, as for a fresh process. */
function enterScratch(warm: WarmTry): void {
  process.chdir(warm.scratchDir);
  process.env['HOME'] = warm.scratchDir;
  process.env['TMPDIR'] = warm.scratchDir;
}

/** Ends a try; a warm one first marks the end of its output on both streams and waits until all of it is handed to the pipes. */
async function finishTry(request: RunRequest, done: SandboxMessage): Promise<void> {
  if (request.warm) {
    const marker = tryEndMarker(request.warm.tryId);
    await Promise.all(
      [process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write(marker, resolve))),
    );
  }
  await send(done);
}

let baseline: unknown[] | undefined;
const FINGERPRINTED: [string, object][] = [
  ['globalThis', globalThis],
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Number.prototype', Number.prototype],
  ['Promise.prototype', Promise.prototype],
  ['JSON', JSON],
  ['Math', Math],
  ['console', console],
  ['process', process],
];

/** Every own property (by identity) of the shared globals and prototypes, process listeners and environment. */
function fingerprint(): unknown[] {
  const values: unknown[] = [];
  for (const [name, target] of FINGERPRINTED) {
    for (const key of Reflect.ownKeys(target)) {
      const descriptor = Object.getOwnPropertyDescriptor(target, key);
      values.push(name, key, descriptor?.value, descriptor?.get, descriptor?.set);
    }
  }
  for (const event of process.eventNames()) values.push(event, process.listenerCount(event));
  values.push(JSON.stringify(Object.entries(process.env).filter(([name]) => name !== 'HOME' && name !== 'TMPDIR')));
  return values;
}

/**
 * Why this process must not run another try, if it must not: the try changed shared globals,
 * left timers, sockets or file operations running, or grew the heap past half its limit.
 */
async function unfitForReuse(resourcesBefore: string[]): Promise<string | undefined> {
  await Promise.all(pendingSends);
  const now = fingerprint();
  if (
    !baseline ||
    now.length !== baseline.length ||
    now.some((value, i) => !Object.is(value, (baseline as unknown[])[i]))
  )
    return 'the task changed global objects';
  const left = [...process.getActiveResourcesInfo()];
  for (const resource of resourcesBefore) left.splice(left.indexOf(resource), left.includes(resource) ? 1 : 0);
  if (left.length > 0) return `the task left work running (${[...new Set(left)].join(', ')})`;
  if (process.memoryUsage().heapUsed > getHeapStatistics().heap_size_limit / 2)
    return 'the task left the heap over half its limit';
  return undefined;
}

/** Materialises Node's lazily defined globals (fetch, crypto, …) so that a task's first use of one does not look like a change. */
function touchGlobals(): void {
  for (const key of Reflect.ownKeys(globalThis)) {
    try {
      void (globalThis as Record<PropertyKey, unknown>)[key];
    } catch {
      // a global the permission model refuses stays as it is
    }
  }
}

const pendingCalls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
let nextCallId = 1;

/** Asks the worker for something only it can reach (XCom of this run), and waits for its reply. */
function callPlatform(call: PlatformCall, tryId?: string): Promise<unknown> {
  const id = nextCallId++;
  return new Promise((resolve, reject) => {
    pendingCalls.set(id, { resolve, reject });
    void send({ kind: 'call', id, call, tryId });
  });
}

async function render(request: Extract<SandboxRequest, { kind: 'render' }>): Promise<void> {
  try {
    await send({
      kind: 'rendered',
      fields: await renderFields(request.fields, request.context, (call) => callPlatform(call)),
    });
  } catch (error) {
    await send({ kind: 'done', outcome: 'fail', message: describe(error) });
  }
}

let started = false;
let busy = false;
let warmProcess = false;
process.on('message', (message: SandboxRequest | SandboxReply) => {
  if (message.kind === 'reply') {
    const pending = pendingCalls.get(message.id);
    pendingCalls.delete(message.id);
    if (message.ok) pending?.resolve(message.value);
    else pending?.reject(new Error(message.error));
    return;
  }
  // One request at a time; only a warm process takes another one after it.
  if (busy || (!warmProcess && started)) return;
  busy = true;
  started = true;
  const request = message;
  warmProcess = request.kind === 'run' && request.warm !== undefined;
  if (warmProcess) touchGlobals();
  const work =
    request.kind === 'parse'
      ? parse(request.root, request.files)
      : request.kind === 'render'
        ? render(request)
        : run(request);
  work
    .catch((error) =>
      send({
        kind: 'done',
        outcome: 'error',
        message:
          'root' in request
            ? locate(request.root, error, 'file' in request ? request.file : '(bundle)').message
            : describe(error),
        retire: 'the runner failed',
      }),
    )
    .finally(() => {
      busy = false;
      if (!warmProcess) process.disconnect?.();
    });
});
