import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { CliError } from '../errors';
import { filePatternProblem } from './files';
import { isSkippedPath } from './packer';

export const MANIFEST_FILE = 'updraft.json';

export interface BundleManifest {
  name: string;
  entries: string[];
  /** Glob patterns of the other project files (scripts, SQL, templates…) deploy packs as they are. */
  files: string[];
}

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

/** Reads and checks `dir/updraft.json`, so that a bad manifest fails here rather than after an upload. */
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
  const { name, entries, files } = (raw ?? {}) as { name?: unknown; entries?: unknown; files?: unknown };
  if (typeof name !== 'string' || !name.trim()) {
    throw new CliError(`${path}: "name" must be a non-empty string`);
  }
  if (!Array.isArray(entries) || entries.length === 0 || !entries.every((e) => typeof e === 'string' && e.trim())) {
    throw new CliError(`${path}: "entries" must be a non-empty list of file paths`);
  }
  for (const entry of entries as string[]) checkEntry(dir, entry);
  return { name: name.trim(), entries: entries as string[], files: checkFiles(path, files) };
}

function checkFiles(path: string, files: unknown): string[] {
  if (files === undefined) return [];
  if (!Array.isArray(files) || !files.every((f) => typeof f === 'string')) {
    throw new CliError(`${path}: "files" must be a list of glob patterns, e.g. ["scripts/**", "sql/*.sql"]`);
  }
  for (const pattern of files as string[]) {
    const problem = filePatternProblem(pattern);
    if (problem) throw new CliError(`${path}: ${problem}`);
  }
  return files as string[];
}

function checkEntry(dir: string, entry: string): void {
  const normalised = normalize(entry);
  if (isAbsolute(entry) || normalised === '..' || normalised.startsWith(`..${sep}`)) {
    throw new CliError(`${MANIFEST_FILE}: entry "${entry}" must be a path inside the bundle folder`);
  }
  if (isSkippedPath(normalised.split(sep).join('/'))) {
    throw new CliError(`${MANIFEST_FILE}: entry "${entry}" is in a folder deploy leaves out (node_modules, .git, dist)`);
  }
  let isFile = false;
  try {
    isFile = statSync(join(dir, entry)).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) throw new CliError(`${MANIFEST_FILE}: entry "${entry}" does not exist`);
}
