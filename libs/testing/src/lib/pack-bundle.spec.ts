import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Parser, ReadEntry } from 'tar';
import { packBundle } from './pack-bundle';

async function listEntries(archive: Buffer): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const parser = new Parser({
    onReadEntry: (entry: ReadEntry) => {
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () => {
        if (entry.type === 'File') files[entry.path] = Buffer.concat(chunks).toString('utf8');
      });
    },
  });
  await pipeline(Readable.from([archive]), parser);
  return files;
}

describe('packBundle', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pack-bundle-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('packs the folder contents with updraft.json at the archive root', async () => {
    writeFileSync(join(dir, 'updraft.json'), '{"name":"b","entries":["dags/a.ts"]}');
    mkdirSync(join(dir, 'dags'));
    writeFileSync(join(dir, 'dags', 'a.ts'), 'export default 1;');

    const archive = await packBundle(dir);

    expect(archive.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(await listEntries(archive)).toEqual({
      'updraft.json': '{"name":"b","entries":["dags/a.ts"]}',
      'dags/a.ts': 'export default 1;',
    });
  });

  it('refuses an empty folder rather than upload an empty bundle', async () => {
    await expect(packBundle(dir)).rejects.toThrow(/Nothing to pack/);
  });
});
