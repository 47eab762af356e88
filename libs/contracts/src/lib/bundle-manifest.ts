import picomatch from 'picomatch';

/** The manifest at the root of a bundle project, and of the archive `updraft deploy` uploads. */
export const MANIFEST_FILE = 'updraft.json';

export const BUNDLE_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,100}$/;
const NAME_RULE = '"name" must be 1-100 letters, digits, _ . or -';
const CODE_FILE = /\.(ts|mts|cts|js|mjs|cjs)$/;

export interface BundleManifest {
  name: string;
  /** The DAG files, relative to the bundle root. */
  entries: string[];
  /** Glob patterns (relative to the bundle root) of the other files deploy packs as they are: scripts, SQL, templates. */
  files: string[];
}

export type ManifestCheck = { manifest: BundleManifest; problems: [] } | { manifest: null; problems: string[] };

/**
 * Checks a parsed `updraft.json` against the schema, returning every problem at once. `entryExists`
 * (asked only of entries that stay inside the bundle) is the caller's, who knows where the files are.
 */
export function checkManifest(raw: unknown, entryExists: (entry: string) => boolean = () => true): ManifestCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { manifest: null, problems: ['must be a JSON object with "name" and "entries"'] };
  }
  const { name, entries, files } = raw as Partial<Record<keyof BundleManifest, unknown>>;
  const problems: string[] = [];
  if (typeof name !== 'string' || !BUNDLE_NAME_PATTERN.test(name)) {
    problems.push(typeof name === 'string' && name ? `${NAME_RULE} (got '${name}')` : NAME_RULE);
  }
  if (
    !Array.isArray(entries) ||
    entries.length === 0 ||
    !entries.every((e) => typeof e === 'string' && e.trim() !== '')
  ) {
    problems.push('"entries" must be a non-empty list of file paths');
  } else {
    for (const entry of entries as string[]) {
      if (leavesRoot(entry)) problems.push(`entry '${entry}' must be a relative path inside the bundle`);
      else if (!CODE_FILE.test(entry)) problems.push(`entry '${entry}' must be a .ts or .js file`);
      else if (!entryExists(entry)) problems.push(`entry '${entry}' does not exist in the bundle`);
    }
  }
  problems.push(...filesProblems(files));
  if (problems.length > 0) return { manifest: null, problems };
  return {
    manifest: { name: name as string, entries: entries as string[], files: (files as string[] | undefined) ?? [] },
    problems: [],
  };
}

/** A bundle name the schema accepts, made from a folder or project name ("My DAGs" → "My-DAGs"). */
export function bundleNameFrom(text: string): string {
  const name = text
    .trim()
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
  return name || 'dags';
}

/** The entries worth looking for on disk: strings that stay inside the bundle. */
export function entriesToLookFor(raw: unknown): string[] {
  const entries = (raw as { entries?: unknown } | null)?.entries;
  return Array.isArray(entries)
    ? entries.filter((e): e is string => typeof e === 'string' && e.trim() !== '' && !leavesRoot(e))
    : [];
}

/** `files` is optional; when present, a list of relative glob patterns that stay inside the bundle. */
function filesProblems(files: unknown): string[] {
  if (files === undefined) return [];
  if (!Array.isArray(files) || !files.every((f) => typeof f === 'string' && f.trim() !== '')) {
    return ['"files" must be a list of glob patterns (non-empty strings), e.g. ["scripts/**", "sql/*.sql"]'];
  }
  return (files as string[]).flatMap((pattern) => {
    const path = pattern.replace(/^!/, '');
    if (!path.trim()) return [`"files": pattern '${pattern}' is empty`];
    if (leavesRoot(path))
      return [
        `"files": pattern '${pattern}' must be relative to the bundle root and stay inside it (no leading /, no '..')`,
      ];
    try {
      picomatch(path, { strictBrackets: true });
    } catch (error) {
      return [`"files": pattern '${pattern}' is not a valid glob: ${(error as Error).message}`];
    }
    return [];
  });
}

/** True for a path that is absolute or climbs out of the folder it is relative to. */
export function leavesRoot(path: string): boolean {
  return (
    path.includes('\0') ||
    path.startsWith('/') ||
    path.startsWith('\\') ||
    /^[A-Za-z]:/.test(path) ||
    path.split(/[\\/]/).includes('..')
  );
}
