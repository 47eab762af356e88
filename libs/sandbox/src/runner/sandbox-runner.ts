/**
 * The process that runs tenant code. It holds no platform secret (its environment is scrubbed),
 * may read only its bundle, may write only its scratch folder, and talks to its worker only
 * through the IPC channel.
 */
import * as sdk from '@updraft/sdk';
import Module from 'node:module';
import { isAbsolute, join, relative } from 'node:path';
import type { CodeProblem, ParsedFile, PlatformCall, SandboxMessage, SandboxReply, SandboxRequest } from '../lib/protocol';

const moduleLoader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = moduleLoader._load;
moduleLoader._load = function (request: string, ...rest: unknown[]) {
  if (request === '@updraft/sdk') return sdk;
  return load.call(this, request, ...rest);
};

function send(message: SandboxMessage): Promise<void> {
  return new Promise((resolve) => (process.send ? process.send(message, undefined, undefined, () => resolve()) : resolve()));
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
  const stack = error instanceof Error ? error.stack ?? '' : '';
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
      const dags = sdk.definedDags().slice(before).map((d) => {
        const serialized = d.serialize();
        return { ...serialized, source: relativeSource(root, serialized.source), tasks: serialized.tasks.map((t) => ({ ...t, source: relativeSource(root, t.source) })) };
      });
      parsed.push({ file, dags });
    } catch (error) {
      problems.push(locate(root, error, file));
    }
  }
  await send({ kind: 'parsed', files: parsed, problems });
}

async function run(request: Extract<SandboxRequest, { kind: 'run' }>): Promise<void> {
  require(join(request.root, request.file));
  const dag = sdk.definedDags().find((d) => d.dagId === request.dagId);
  const callable = dag?.callable(request.taskId);
  if (!callable) {
    await send({ kind: 'done', outcome: 'error', message: `task '${request.taskId}' of DAG '${request.dagId}' has no function in this bundle version` });
    return;
  }
  const ti = { xcomPull: (taskId: string, key = 'return_value') => callPlatform({ method: 'xcomPull', taskId, key }) };
  const log = (...values: unknown[]) => void send({ kind: 'log', message: values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' ') });
  try {
    const value = await callable({ ...request.context, log, ti });
    const valueJson = value === undefined ? null : JSON.stringify(value);
    await send({ kind: 'done', outcome: 'success', valueJson: valueJson ?? null });
  } catch (error) {
    const outcome = error instanceof sdk.TaskFail ? 'fail' : error instanceof sdk.TaskSkip ? 'skip' : 'error';
    const problem = locate(request.root, error, request.file);
    const where = problem.line ? ` (${problem.file}:${problem.line})` : '';
    await send({ kind: 'done', outcome, message: `${problem.message}${where}` });
  }
}

const pendingCalls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
let nextCallId = 1;

/** Asks the worker for something only it can reach (XCom of this run), and waits for its reply. */
function callPlatform(call: PlatformCall): Promise<unknown> {
  const id = nextCallId++;
  return new Promise((resolve, reject) => {
    pendingCalls.set(id, { resolve, reject });
    void send({ kind: 'call', id, call });
  });
}

let started = false;
process.on('message', (message: SandboxRequest | SandboxReply) => {
  if (message.kind === 'reply') {
    const pending = pendingCalls.get(message.id);
    pendingCalls.delete(message.id);
    if (message.ok) pending?.resolve(message.value);
    else pending?.reject(new Error(message.error));
    return;
  }
  if (started) return;
  started = true;
  const request = message;
  const work = request.kind === 'parse' ? parse(request.root, request.files) : run(request);
  work
    .catch((error) => send({ kind: 'done', outcome: 'error', message: locate(request.root, error, 'file' in request ? request.file : '(bundle)').message }))
    .finally(() => process.disconnect?.());
});
