import { checkManifest, MANIFEST_FILE, type BundleManifest } from '@updraft/contracts';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { CliError } from '../errors';
import { isSkippedPath } from './packer';

export { MANIFEST_FILE, type BundleManifest } from '@updraft/contracts';

/**
 * The bundle folder a file of the project belongs to (what `updraft deploy` would be given): the
 * nearest folder at or above the file's own that holds an `updraft.json`, else the file's folder.
 */
export function bundleRootOf(file: string): string {
  const own = dirname(file);
  for (let dir = own; ; dir = dirname(dir)) {
    if (existsSync(join(dir, MANIFEST_FILE))) return dir;
    if (dirname(dir) === dir) return own;
  }
}

/**
 * Reads and checks `dir/updraft.json` with the platform's own schema (@updraft/contracts), so that a
 * manifest the server would refuse fails here, before an upload.
 */
export function readManifest(dir: string): BundleManifest {
  const path = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${path} not found: a bundle folder needs an ${MANIFEST_FILE}`);
    throw new CliError(`cannot read ${path}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new CliError(`${path} is not valid JSON: ${(err as Error).message}`);
  }
  const { manifest, problems } = checkManifest(raw, (entry) => isFile(join(dir, entry)));
  if (!manifest) throw new CliError(`${path}: ${problems.join('; ')}`);
  const skipped = manifest.entries.find((entry) => isSkippedPath(normalize(entry).split(sep).join('/')));
  if (skipped)
    throw new CliError(`${path}: entry '${skipped}' is in a folder deploy leaves out (node_modules, .git, dist)`);
  return manifest;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
