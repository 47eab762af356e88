import { build, Message, Plugin } from 'esbuild';
import { builtinModules } from 'node:module';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { BundleProblem, BundleRejected } from './bundle-error';

export const COMPILED_DIR = '.compiled';
export const SDK_MODULE = '@updraft/sdk';
const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

export interface CompiledEntry {
  entry: string;
  /** Path of the compiled CommonJS file, relative to the bundle root. */
  compiled: string;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Keeps compilation inside the bundle: an import that resolves elsewhere on the platform is an error. */
function confine(root: string): Plugin {
  return {
    name: 'updraft-confine',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'confined') return undefined;
        if (args.path === SDK_MODULE || args.path.startsWith(`${SDK_MODULE}/`))
          return { path: args.path, external: true };
        if (BUILTINS.has(args.path)) return { path: args.path, external: true };
        if (args.kind === 'entry-point') return undefined;
        const result = await b.resolve(args.path, {
          resolveDir: args.resolveDir,
          kind: args.kind,
          importer: args.importer,
          pluginData: 'confined',
        });
        if (result.errors.length > 0) return { errors: result.errors };
        if (!result.external && !inside(root, result.path)) {
          return { errors: [{ text: `import '${args.path}' resolves outside the bundle` }] };
        }
        return result;
      });
    },
  };
}

function toProblem(root: string, message: Message): BundleProblem {
  const file = message.location?.file ? relative(root, resolve(root, message.location.file)) : '(bundle)';
  return { file: file.split(sep).join('/'), line: message.location?.line, message: message.text };
}

/**
 * Transpiles and bundles each entry (TypeScript or JavaScript, with the bundle's own relative
 * imports and node_modules) into one CommonJS file under `.compiled/`. `@updraft/sdk` and Node's
 * built-ins stay external: the sandbox provides them.
 */
export async function compileBundle(root: string, entries: string[]): Promise<CompiledEntry[]> {
  const outdir = join(root, COMPILED_DIR);
  try {
    const result = await build({
      absWorkingDir: root,
      entryPoints: entries.map((entry) => ({ in: entry, out: entry.replace(/\.[^.]+$/, '') })),
      outdir,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      logLevel: 'silent',
      nodePaths: [],
      plugins: [confine(root)],
    });
    if (result.errors.length > 0) throw new BundleRejected(result.errors.map((m) => toProblem(root, m)));
  } catch (error) {
    const failure = error as { errors?: Message[] };
    if (error instanceof BundleRejected) throw error;
    if (Array.isArray(failure.errors)) throw new BundleRejected(failure.errors.map((m) => toProblem(root, m)));
    throw error;
  }
  return entries.map((entry) => ({ entry, compiled: join(COMPILED_DIR, `${entry.replace(/\.[^.]+$/, '')}.js`) }));
}
