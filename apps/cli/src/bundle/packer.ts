import { readdirSync } from 'node:fs';
import { create } from 'tar';

const SKIPPED_NAMES = new Set(['node_modules', '.git', 'dist']);

/** True for paths (relative, `/`-separated) inside a folder deploy never uploads. */
export function isSkippedPath(relativePath: string): boolean {
  return relativePath.split('/').some((segment) => SKIPPED_NAMES.has(segment));
}

/** Packs `dir` into a gzipped tarball in memory, with paths relative to `dir`. */
export async function packDirectory(dir: string): Promise<Buffer> {
  const topLevel = readdirSync(dir)
    .filter((name) => !SKIPPED_NAMES.has(name))
    .sort();
  const pack = create(
    {
      gzip: true,
      cwd: dir,
      portable: true,
      filter: (path) => !isSkippedPath(path.replace(/^\.\//, '')),
    },
    topLevel,
  );
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
