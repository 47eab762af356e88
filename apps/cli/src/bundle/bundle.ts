import { build, type Message, type OutputFile } from 'esbuild';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CliError } from '../errors';
import { MANIFEST_FILE, readManifest, type BundleManifest } from './manifest';
import { packDirectory } from './packer';

export interface BuiltBundle {
  manifest: BundleManifest;
  fileName: string;
  archive: Buffer;
}

const SDK_MODULE = '@updraft/sdk';
const toPosix = (path: string) => path.split(sep).join('/');
const compiledName = (entry: string) => `${entry.replace(/\.[^./]+$/, '')}.js`;

/**
 * Turns a bundle folder into the archive deploy uploads: each entry is bundled with esbuild,
 * its npm dependencies included (the platform provides only `@updraft/sdk` and Node's built-ins),
 * into a staging folder with a manifest naming the built files. Source maps go inline and point
 * at the project's own paths, so the platform's errors name `dags/x.ts` and its line.
 */
export async function buildBundle(dir: string): Promise<BuiltBundle> {
  const manifest = readManifest(dir);
  const staging = await mkdtemp(join(tmpdir(), 'updraft-deploy-'));
  try {
    const outputs = await bundleEntries(dir, staging, manifest.entries);
    for (const output of outputs) {
      await mkdir(dirname(output.path), { recursive: true });
      await writeFile(output.path, output.text);
    }
    await writeFile(join(staging, MANIFEST_FILE), JSON.stringify({ name: manifest.name, entries: manifest.entries.map(compiledName) }, null, 2));
    const archive = await packDirectory(staging);
    return { manifest, fileName: `${safeFileName(manifest.name)}.tar.gz`, archive };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function bundleEntries(dir: string, staging: string, entries: string[]): Promise<{ path: string; text: string }[]> {
  let files: OutputFile[];
  try {
    const result = await build({
      absWorkingDir: dir,
      entryPoints: entries.map((entry) => ({ in: entry, out: entry.replace(/\.[^./]+$/, '') })),
      outdir: staging,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: [SDK_MODULE, `${SDK_MODULE}/*`],
      sourcemap: 'external',
      write: false,
      logLevel: 'silent',
    });
    files = result.outputFiles;
  } catch (error) {
    const messages = (error as { errors?: Message[] }).errors;
    if (!messages?.length) throw error;
    const lines = messages.map((m) => `  ${m.location ? `${toPosix(m.location.file)}:${m.location.line}` : '(bundle)'} ${m.text}`);
    throw new CliError(`the bundle does not build (${messages.length} error${messages.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
  }
  const maps = new Map(files.filter((f) => f.path.endsWith('.map')).map((f) => [f.path.slice(0, -'.map'.length), f]));
  return files
    .filter((f) => f.path.endsWith('.js'))
    .map((js) => {
      const map = maps.get(js.path);
      if (!map) return { path: js.path, text: js.text };
      const parsed = JSON.parse(map.text) as { sources: string[] };
      const builtDir = dirname(relative(staging, js.path));
      // The archive mirrors the project, so a source's path relative to the built file is its project path relative to the entry's folder.
      parsed.sources = parsed.sources.map((source) => toPosix(relative(builtDir, relative(dir, resolve(dirname(map.path), source)))));
      const inline = `//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(parsed)).toString('base64')}`;
      return { path: js.path, text: `${js.text.trimEnd()}\n${inline}\n` };
    });
}

function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_') || 'bundle';
}
