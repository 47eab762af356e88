import { build, type Message, type OutputFile } from 'esbuild';
import { chmod, copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CliError } from '../errors';
import { collectProjectFiles, PLATFORM_LIMITS, type ProjectFile } from './files';
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
 * at the project's own paths, so the platform's errors name `dags/x.ts` and its line. The project
 * files the manifest's `files` patterns match go in as they are, at their paths, with their modes.
 */
export async function buildBundle(dir: string): Promise<BuiltBundle> {
  const manifest = readManifest(dir);
  const extras = collectProjectFiles(dir, manifest.files);
  const staging = await mkdtemp(join(tmpdir(), 'updraft-deploy-'));
  try {
    const outputs = await bundleEntries(dir, staging, manifest.entries);
    checkCollisions(staging, outputs, extras);
    const uploaded = {
      name: manifest.name,
      entries: manifest.entries.map(compiledName),
      ...(manifest.files.length ? { files: manifest.files } : {}),
    };
    const manifestText = JSON.stringify(uploaded, null, 2);
    const uncompressed =
      outputs.reduce((sum, o) => sum + Buffer.byteLength(o.text), 0) +
      extras.reduce((sum, f) => sum + f.size, 0) +
      manifestText.length;
    checkLimits(outputs.length + extras.length + 1, uncompressed);
    for (const output of outputs) {
      await mkdir(dirname(output.path), { recursive: true });
      await writeFile(output.path, output.text);
    }
    for (const file of extras) {
      const target = join(staging, file.path);
      await mkdir(dirname(target), { recursive: true });
      await copyFile(file.source, target);
      await chmod(target, file.mode);
    }
    await writeFile(join(staging, MANIFEST_FILE), manifestText);
    const archive = await packDirectory(staging);
    checkRatio(uncompressed, archive.length);
    return { manifest, fileName: `${safeFileName(manifest.name)}.tar.gz`, archive };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** A `files` match may not stand where a built entry goes: the upload would carry one of them only. */
function checkCollisions(staging: string, outputs: { path: string }[], extras: ProjectFile[]): void {
  const built = new Set(outputs.map((o) => toPosix(relative(staging, o.path))));
  const clash = extras.find((f) => built.has(f.path));
  if (clash)
    throw new CliError(
      `${MANIFEST_FILE}: "files" matches ${clash.path}, where deploy puts a built entry: rename it or narrow the pattern`,
    );
}

const TOO_BIG = `the platform would refuse this bundle: narrow "files" in ${MANIFEST_FILE}`;

function checkLimits(files: number, bytes: number): void {
  if (files > PLATFORM_LIMITS.maxFiles)
    throw new CliError(`${TOO_BIG} (${files} files; at most ${PLATFORM_LIMITS.maxFiles})`);
  if (bytes > PLATFORM_LIMITS.maxTotalBytes)
    throw new CliError(`${TOO_BIG} (${bytes} bytes uncompressed; at most ${PLATFORM_LIMITS.maxTotalBytes})`);
}

function checkRatio(uncompressed: number, compressed: number): void {
  const ratio = uncompressed / Math.max(compressed, 1);
  if (uncompressed > PLATFORM_LIMITS.ratioFloorBytes && ratio > PLATFORM_LIMITS.maxCompressionRatio) {
    throw new CliError(
      `${TOO_BIG} (compresses ${Math.round(ratio)}:1; at most ${PLATFORM_LIMITS.maxCompressionRatio}:1 past the first MB)`,
    );
  }
}

async function bundleEntries(
  dir: string,
  staging: string,
  entries: string[],
): Promise<{ path: string; text: string }[]> {
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
    const lines = messages.map(
      (m) => `  ${m.location ? `${toPosix(m.location.file)}:${m.location.line}` : '(bundle)'} ${m.text}`,
    );
    throw new CliError(
      `the bundle does not build (${messages.length} error${messages.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
    );
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
      parsed.sources = parsed.sources.map((source) =>
        toPosix(relative(builtDir, relative(dir, resolve(dirname(map.path), source)))),
      );
      const inline = `//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(parsed)).toString('base64')}`;
      return { path: js.path, text: `${js.text.trimEnd()}\n${inline}\n` };
    });
}

function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_') || 'bundle';
}
