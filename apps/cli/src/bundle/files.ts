import { MANIFEST_FILE } from '@updraft/contracts';
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { CliError } from '../errors';
import { isSkippedPath } from './packer';

/** The platform's extraction limits (libs/bundles DEFAULT_EXTRACTION_LIMITS): deploy refuses what the server would. */
export const PLATFORM_LIMITS = {
  maxFiles: 5_000,
  maxTotalBytes: 200 * 1024 * 1024,
  maxCompressionRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

/** A project file a `files` pattern matched, to be packed at `path` (relative, `/`-separated) with its mode. */
export interface ProjectFile {
  path: string;
  source: string;
  mode: number;
  size: number;
}

interface Pattern {
  text: string;
  matches: (path: string) => boolean;
  hits: number;
}

/** A pattern naming a folder (no glob characters) stands for everything in it. */
function compile(dir: string, text: string): Pattern {
  let glob = text.replace(/^\.\//, '').replace(/\/+$/, '');
  if (!picomatch.scan(glob).isGlob && statSync(join(dir, glob), { throwIfNoEntry: false })?.isDirectory())
    glob = `${glob}/**`;
  return { text, matches: picomatch(glob, { strictBrackets: true }), hits: 0 };
}

/**
 * The project files `patterns` match, sorted by path: regular files only, found without following
 * links, outside node_modules, .git and dist. A matched link or special file, and a pattern that
 * matches nothing, are errors naming the pattern.
 */
export function collectProjectFiles(dir: string, patterns: string[]): ProjectFile[] {
  const includes = patterns.filter((p) => !p.startsWith('!')).map((p) => compile(dir, p));
  const excludes = patterns.filter((p) => p.startsWith('!')).map((p) => compile(dir, p.slice(1)));
  const found: ProjectFile[] = [];
  const visit = (relativeDir: string) => {
    const entries = readdirSync(join(dir, relativeDir), { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const entry of entries) {
      const path = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (isSkippedPath(path)) continue;
      if (entry.isDirectory()) {
        visit(path);
        continue;
      }
      const matchedBy = includes.filter((p) => p.matches(path));
      if (matchedBy.length === 0) continue;
      for (const pattern of matchedBy) pattern.hits++;
      if (excludes.some((p) => p.matches(path)) || path === MANIFEST_FILE) continue;
      found.push(projectFile(dir, path, entry, matchedBy[0].text));
    }
  };
  visit('');
  const unmatched = includes.find((p) => p.hits === 0);
  if (unmatched) throw new CliError(`${MANIFEST_FILE}: "files": pattern '${unmatched.text}' matches no file in ${dir}`);
  return found;
}

function projectFile(dir: string, path: string, entry: Dirent, pattern: string): ProjectFile {
  const where = `${MANIFEST_FILE}: "files": '${path}' (matched by '${pattern}')`;
  if (entry.isSymbolicLink())
    throw new CliError(
      `${where} is a symbolic link; deploy packs no links (the platform refuses them): copy the file in or narrow the pattern`,
    );
  if (!entry.isFile()) throw new CliError(`${where} is not a regular file`);
  const source = join(dir, path);
  const stat = statSync(source);
  return { path, source, mode: stat.mode & 0o777, size: stat.size };
}
