import { readdir } from 'node:fs/promises';
import { create } from 'tar';

/** A .tar.gz of the folder's contents (not the folder itself), as a DAG bundle upload expects. */
export async function packBundle(dir: string): Promise<Buffer> {
  const entries = await readdir(dir);
  if (entries.length === 0) throw new Error(`Nothing to pack in ${dir}`);
  const chunks: Buffer[] = [];
  const stream = create({ gzip: true, cwd: dir, portable: true }, entries.sort());
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
