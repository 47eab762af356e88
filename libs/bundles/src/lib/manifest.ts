import { checkManifest, entriesToLookFor, MANIFEST_FILE, type BundleManifest } from '@updraft/contracts';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BundleRejected, rejectBundle } from './bundle-error';

export { MANIFEST_FILE, type BundleManifest } from '@updraft/contracts';

/** Reads and checks `updraft.json` at the root of an extracted bundle (the schema the CLI checks with too). */
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
  const existing = new Set<string>();
  for (const entry of entriesToLookFor(raw)) {
    if (
      await stat(join(root, entry)).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      existing.add(entry);
  }
  const { manifest, problems } = checkManifest(raw, (entry) => existing.has(entry));
  if (!manifest) throw new BundleRejected(problems.map((message) => ({ file: MANIFEST_FILE, message })));
  return manifest;
}
