import { posix } from 'node:path';
import { withExtractedArchive } from './archive';
import { COMPILED_DIR } from './compile';

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
  const index = map.sources.findIndex(
    (source) => typeof source === 'string' && posix.normalize(posix.join(posix.dirname(builtPath), source)) === wanted,
  );
  const content = index >= 0 ? map.sourcesContent[index] : null;
  return typeof content === 'string' ? content : null;
}

/**
 * A DAG's source file from its bundle: the file itself, or its text from the source map of the
 * uploaded entry it was built into. `entryFile` is the platform's compiled entry
 * (`.compiled/dags/x.js`); the uploaded one is the same path without `.compiled/`.
 */
export async function readDagSource(archive: Buffer, file: string, entryFile: string): Promise<string | null> {
  const uploaded = entryFile.startsWith(`${COMPILED_DIR}/`) ? entryFile.slice(COMPILED_DIR.length + 1) : entryFile;
  return withExtractedArchive(archive, async (read) => {
    const direct = await read(file);
    if (direct !== null) return direct;
    const built = await read(uploaded);
    return built === null ? null : sourceFromInlineMap(built, uploaded, file);
  });
}
