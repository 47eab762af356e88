import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BundleProblem, BundleRejected, rejectBundle } from './bundle-error';

export const MANIFEST_FILE = 'updraft.json';
const NAME_PATTERN = /^[A-Za-z0-9_.-]{1,100}$/;
const CODE_FILE = /\.(ts|mts|cts|js|mjs|cjs)$/;

export interface BundleManifest {
  name: string;
  entries: string[];
  /** Glob patterns (relative to the project root) of the other files `updraft deploy` packed; informative here, the files are in the archive. */
  files: string[];
}

/** Reads and checks `updraft.json` at the root of an extracted bundle. */
export async function readManifest(root: string): Promise<BundleManifest> {
  let text: string;
  try {
    text = await readFile(join(root, MANIFEST_FILE), 'utf8');
  } catch {
    return rejectBundle(MANIFEST_FILE, 'missing: a bundle needs updraft.json at its root');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return rejectBundle(MANIFEST_FILE, `not valid JSON: ${(error as Error).message}`);
  }
  const manifest = raw as Partial<BundleManifest>;
  const problems: BundleProblem[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) rejectBundle(MANIFEST_FILE, 'must be a JSON object with "name" and "entries"');
  if (typeof manifest.name !== 'string' || !NAME_PATTERN.test(manifest.name)) {
    problems.push({ file: MANIFEST_FILE, message: '"name" must be 1-100 letters, digits, _ . or -' });
  }
  if (!Array.isArray(manifest.entries) || manifest.entries.length === 0 || !manifest.entries.every((e) => typeof e === 'string')) {
    problems.push({ file: MANIFEST_FILE, message: '"entries" must be a non-empty list of file paths' });
  } else {
    for (const entry of manifest.entries) {
      if (entry.startsWith('/') || entry.split(/[\\/]/).includes('..')) problems.push({ file: MANIFEST_FILE, message: `entry '${entry}' must be a relative path inside the bundle` });
      else if (!CODE_FILE.test(entry)) problems.push({ file: MANIFEST_FILE, message: `entry '${entry}' must be a .ts or .js file` });
      else if (!(await stat(join(root, entry)).then((s) => s.isFile(), () => false))) problems.push({ file: MANIFEST_FILE, message: `entry '${entry}' does not exist in the bundle` });
    }
  }
  problems.push(...filesProblems(manifest.files));
  if (problems.length > 0) throw new BundleRejected(problems);
  return { name: manifest.name as string, entries: manifest.entries as string[], files: (manifest.files as string[] | undefined) ?? [] };
}

/** `files` is optional; when present, a list of relative glob patterns that stay inside the bundle. */
function filesProblems(files: unknown): BundleProblem[] {
  if (files === undefined) return [];
  if (!Array.isArray(files) || !files.every((f) => typeof f === 'string' && f.trim() !== '')) {
    return [{ file: MANIFEST_FILE, message: '"files" must be a list of glob patterns (non-empty strings), e.g. ["scripts/**", "sql/*.sql"]' }];
  }
  return (files as string[]).flatMap((pattern) => {
    const path = pattern.replace(/^!/, '');
    if (path.includes('\0') || path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.split(/[\\/]/).includes('..')) {
      return [{ file: MANIFEST_FILE, message: `"files": pattern '${pattern}' must be relative to the bundle root and stay inside it (no leading /, no '..')` }];
    }
    return [];
  });
}
