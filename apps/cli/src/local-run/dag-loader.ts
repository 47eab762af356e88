import * as sdk from '@updraft/sdk';
import type { BuildFailure, Message, Plugin } from 'esbuild';
import { existsSync, statSync } from 'node:fs';
import { createRequire, type SourceMapPayload } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { format } from 'node:util';
import { CliError } from '../errors';
import { StackMapper } from './source-maps';

export type ConsoleSink = (stream: 'stdout' | 'stderr', line: string) => void;

export interface LoadedDagFile {
  file: string;
  /** The DAGs the file defined, in the order it defined them. */
  dags: sdk.Dag[];
  stacks: StackMapper;
  /** Forgets the file's DAGs, so the same file can be loaded again in this process. */
  unload(): void;
}

const SDK_PACKAGE = '@updraft/sdk';

/**
 * Where `console` in DAG code writes; the runner points it at the task that is running, so that
 * what a task prints is part of its log (as on the platform, where the sandbox captures stdout).
 */
export const dagConsole: { sink: ConsoleSink } = { sink: () => undefined };

/**
 * Bundles a DAG file with esbuild (its npm dependencies included, as `updraft deploy` will) and
 * runs it in this process. `@updraft/sdk` is left out of the bundle and given to the DAG from the
 * cli's own copy, so a DAG folder needs no installed SDK and the DAG shares the cli's registry
 * and error classes (TaskSkip, TaskFail).
 */
export async function loadDagFile(path: string): Promise<LoadedDagFile> {
  const file = resolve(path);
  if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`${path} not found`);
  const bundleName = join(dirname(file), `.${basename(file)}.updraft-test.js`);
  const { code, map } = await bundle(file, bundleName);

  const stacks = new StackMapper(bundleName, map, new Set([__filename]));
  const registry = sdk.definedDags();
  const before = registry.length;
  const unload = () => void registry.splice(before);
  const module = { exports: {} as unknown };
  const fileRequire = createRequire(file);
  const requireForDag = (id: string): unknown => (id === SDK_PACKAGE ? sdk : fileRequire(id));
  const consoleForDag = dagConsoleObject();

  stacks.install();
  try {
    // Compiled in this realm (not with vm), so errors and classes are the cli's own.
    const evaluate = new Function(
      'exports',
      'require',
      'module',
      '__filename',
      '__dirname',
      'console',
      `${code}\n//# sourceURL=${bundleName}`,
    );
    evaluate.call(module.exports, module.exports, requireForDag, module, file, dirname(file), consoleForDag);
  } catch (error) {
    unload();
    throw new CliError(`${relativeToCwd(file)} failed to load: ${describeWithPosition(stacks, error)}`);
  } finally {
    stacks.uninstall();
  }
  return { file, dags: registry.slice(before), stacks, unload };
}

async function bundle(file: string, bundleName: string): Promise<{ code: string; map: SourceMapPayload }> {
  const esbuild = await loadEsbuild();
  const sdkFromCli: Plugin = {
    name: 'updraft-sdk-from-cli',
    setup(build) {
      build.onResolve({ filter: /^@updraft\/sdk$/ }, (args) => ({ path: args.path, external: true }));
    },
  };
  try {
    const result = await esbuild.build({
      entryPoints: [file],
      outfile: bundleName,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: `node${process.versions.node.split('.')[0]}`,
      sourcemap: 'external',
      sourcesContent: false,
      write: false,
      logLevel: 'silent',
      plugins: [sdkFromCli],
    });
    const code = result.outputFiles.find((output) => output.path.endsWith('.js'))?.text ?? '';
    const map = result.outputFiles.find((output) => output.path.endsWith('.map'))?.text ?? '{}';
    return { code, map: JSON.parse(map) as SourceMapPayload };
  } catch (error) {
    const errors = (error as Partial<BuildFailure>).errors;
    if (!errors?.length) throw new CliError(`cannot bundle ${relativeToCwd(file)}: ${(error as Error).message}`);
    throw new CliError(
      `cannot bundle ${relativeToCwd(file)}: ${errors.slice(0, 3).map(describeBuildMessage).join('; ')}`,
    );
  }
}

/** esbuild ships a native binary, so the cli keeps it out of its bundle and loads the installed one. */
async function loadEsbuild(): Promise<typeof import('esbuild')> {
  try {
    return await import('esbuild');
  } catch (error) {
    throw new CliError(
      `\`updraft dags test\` needs esbuild next to the cli (npm install esbuild): ${(error as Error).message}`,
    );
  }
}

function describeBuildMessage(message: Message): string {
  const where = message.location
    ? `${message.location.file}:${message.location.line}:${message.location.column + 1} `
    : '';
  return `${where}${message.text}`;
}

export function describeWithPosition(stacks: StackMapper, error: unknown): string {
  const position = stacks.userPosition(error);
  const message = errorMessage(error);
  if (!position || message.includes(`${position.file}:${position.line}`)) return message;
  return `${message} (${relativeToCwd(position.file)}:${position.line})`;
}

export function errorMessage(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    const prefix = typeof name === 'string' && name !== 'Error' ? `${name}: ` : '';
    return `${prefix}${String(message)}`;
  }
  return String(error);
}

export function relativeToCwd(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

function dagConsoleObject(): Console {
  const write =
    (stream: 'stdout' | 'stderr') =>
    (...values: unknown[]) => {
      for (const line of format(...values).split('\n')) dagConsole.sink(stream, line);
    };
  return {
    ...globalThis.console,
    log: write('stdout'),
    info: write('stdout'),
    debug: write('stdout'),
    warn: write('stderr'),
    error: write('stderr'),
  };
}
