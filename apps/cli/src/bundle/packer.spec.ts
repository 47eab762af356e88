import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Parser, type ReadEntry } from 'tar';
import { listArchive } from '../testing/archive';
import { makeTempDir } from '../testing/stand-in-api';
import { buildBundle } from './bundle';
import { readManifest } from './manifest';
import { isSkippedPath, packDirectory } from './packer';

function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

describe('bundle packing', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.remove());

  it('bundles each entry with its npm dependencies into a gzipped tar whose manifest names the built files', async () => {
    writeTree(dir.path, {
      'updraft.json': JSON.stringify({ name: 'nice', entries: ['dags/nice.ts'] }),
      'dags/nice.ts': "import { dag } from '@updraft/sdk';\nimport pad from 'left-pad';\nimport { x } from '../lib/helpers';\nexport default dag(pad('nice', x), {}, () => undefined);\n",
      'lib/helpers.ts': 'export const x = 6;',
      'node_modules/left-pad/package.json': JSON.stringify({ name: 'left-pad', main: 'index.js' }),
      'node_modules/left-pad/index.js': 'module.exports = function leftPadMarker(s, n) { return String(s).padStart(n, "_"); };',
      '.git/HEAD': 'ref: refs/heads/main',
    });

    const bundle = await buildBundle(dir.path);

    expect(bundle.archive.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(bundle.fileName).toBe('nice.tar.gz');
    const files = await listArchive(bundle.archive);
    expect([...files.keys()].sort()).toEqual(['dags/nice.js', 'updraft.json']);
    expect(JSON.parse(files.get('updraft.json') ?? '')).toEqual({ name: 'nice', entries: ['dags/nice.js'] });
    const built = files.get('dags/nice.js') ?? '';
    expect(built).toContain('leftPadMarker');
    expect(built).toContain('require("@updraft/sdk")');
    const map = JSON.parse(Buffer.from(/sourceMappingURL=data:application\/json;base64,(\S+)/.exec(built)?.[1] ?? '', 'base64').toString());
    expect(map.sources.sort()).toEqual(['../lib/helpers.ts', '../node_modules/left-pad/index.js', 'nice.ts']);
  });

  it('names the file and line of what does not build', async () => {
    writeTree(dir.path, { 'updraft.json': JSON.stringify({ name: 'nice', entries: ['dags/nice.ts'] }), 'dags/nice.ts': "\nimport 'not-installed';\n" });
    await expect(buildBundle(dir.path)).rejects.toThrow(/the bundle does not build \(1 error\):\n {2}dags\/nice\.ts:2 Could not resolve "not-installed"/);
  });

  it('stores paths relative to the folder, without owner ids', async () => {
    writeTree(dir.path, { 'a.ts': 'a' });
    const archive = await packDirectory(dir.path);
    const entries: ReadEntry[] = [];
    await new Promise<void>((resolve) => {
      const parser = new Parser({ onReadEntry: (e) => (entries.push(e), e.resume()) });
      parser.on('end', resolve);
      parser.end(archive);
    });
    expect(entries.map((e) => e.path)).toEqual(['a.ts']);
    expect(entries[0].uid ?? 0).toBe(0);
  });

  it.each([
    ['node_modules/x.js', true],
    ['src/.git/config', true],
    ['dist', true],
    ['dags/distance.ts', false],
    ['dags/x.ts', false],
  ])('isSkippedPath(%s) is %s', (path, skipped) => {
    expect(isSkippedPath(path)).toBe(skipped);
  });
});

describe('readManifest', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.remove());

  it('reads name and entries', () => {
    writeTree(dir.path, { 'updraft.json': '{"name":"n","entries":["a.ts"]}', 'a.ts': '' });
    expect(readManifest(dir.path)).toEqual({ name: 'n', entries: ['a.ts'] });
  });

  it.each([
    [{}, /updraft\.json not found/],
    [{ 'updraft.json': '{name:' }, /is not valid JSON/],
    [{ 'updraft.json': '{"entries":["a.ts"]}', 'a.ts': '' }, /"name" must be a non-empty string/],
    [{ 'updraft.json': '{"name":"n","entries":[]}' }, /"entries" must be a non-empty list/],
    [{ 'updraft.json': '{"name":"n","entries":["missing.ts"]}' }, /entry "missing.ts" does not exist/],
    [{ 'updraft.json': '{"name":"n","entries":["../outside.ts"]}' }, /must be a path inside the bundle folder/],
    [{ 'updraft.json': '{"name":"n","entries":["dist/a.js"]}', 'dist/a.js': '' }, /deploy leaves out/],
  ])('rejects a bad bundle folder %#', (files, message) => {
    writeTree(dir.path, files as Record<string, string>);
    expect(() => readManifest(dir.path)).toThrow(message);
  });
});
