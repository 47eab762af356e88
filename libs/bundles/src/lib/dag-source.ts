import { posix } from 'node:path';
import { withExtractedArchive } from './archive';

const INLINE_MAP = /\/\/# sourceMappingURL=data:application\/json(?:;charset=[\w-]+)?;base64,([A-Za-z0-9+/=]+)\s*$/;

/**
 * The original text of `file` as embedded in the inline source map of a built file (`updraft deploy`
 * uploads built `.js` entries whose maps carry the project's `.ts` sources); null when not there.
 * The map's `sources` are relative to the built file's folder.
 */
export function sourceFromInlineMap(builtText: string, builtPath: string, file: string): string | null {
  const match = INLINE_MAP.exec(builtText);
  if (!match) return null;
  let map: { sources?: unknown; sourcesContent?: unknown };
  try {
    map = JSON.parse(Buffer.from(match[1], 'base64').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(map.sources) || !Array.isArray(map.sourcesContent)) return null;
  const wanted = posix.normalize(file);
  const index = map.sources.findIndex((source) => typeof source === 'string' && posix.normalize(posix.join(posix.dirname(builtPath), source)) === wanted);
  const content = index >= 0 ? map.sourcesContent[index] : null;
  return typeof content === 'string' ? content : null;
}

/** A DAG's source file from its bundle: the file itself, or its text from the source map of the entry built from it. */
export async function readDagSource(archive: Buffer, file: string, entryFile: string): Promise<string | null> {
  return withExtractedArchive(archive, async (read) => {
    const direct = await read(file);
    if (direct !== null) return direct;
    const built = await read(entryFile);
    return built === null ? null : sourceFromInlineMap(built, entryFile, file);
  });
}
