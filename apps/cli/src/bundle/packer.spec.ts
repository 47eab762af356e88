import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
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
      'dags/nice.ts':
        "import { dag } from '@updraft/sdk';\nimport pad from 'left-pad';\nimport { x } from '../lib/helpers';\nexport default dag(pad('nice', x), {}, () => undefined);\n",
      'lib/helpers.ts': 'export const x = 6;',
      'node_modules/left-pad/package.json': JSON.stringify({ name: 'left-pad', main: 'index.js' }),
      'node_modules/left-pad/index.js':
        'module.exports = function leftPadMarker(s, n) { return String(s).padStart(n, "_"); };',
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
    const map = JSON.parse(
      Buffer.from(/sourceMappingURL=data:application\/json;base64,(\S+)/.exec(built)?.[1] ?? '', 'base64').toString(),
    );
    expect(map.sources.sort()).toEqual(['../lib/helpers.ts', '../node_modules/left-pad/index.js', 'nice.ts']);
  });

  it('names the file and line of what does not build', async () => {
    writeTree(dir.path, {
      'updraft.json': JSON.stringify({ name: 'nice', entries: ['dags/nice.ts'] }),
      'dags/nice.ts': "\nimport 'not-installed';\n",
    });
    await expect(buildBundle(dir.path)).rejects.toThrow(
      /the bundle does not build \(1 error\):\n {2}dags\/nice\.ts:2 Could not resolve "not-installed"/,
    );
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

/** Each entry of a .tar.gz by path: its type and permission bits. */
async function archiveModes(archive: Buffer): Promise<Record<string, string>> {
  const modes: Record<string, string> = {};
  await new Promise<void>((resolve, reject) => {
    const parser = new Parser({
      onReadEntry: (e) => ((modes[e.path] = `${e.type} ${((e.mode ?? 0) & 0o777).toString(8)}`), e.resume()),
    });
    parser.on('end', resolve);
    parser.on('error', reject);
    parser.end(archive);
  });
  return modes;
}

describe('bundle packing with "files"', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.remove());

  const DAG =
    "import { dag, bash } from '@updraft/sdk';\nexport default dag('d', {}, () => { bash('b', { command: '\"$UPDRAFT_BUNDLE_DIR/scripts/hello.sh\"' }); });\n";
  const project = (files: unknown, extra: Record<string, string> = {}) =>
    writeTree(dir.path, {
      'updraft.json': JSON.stringify({ name: 'with-files', entries: ['dags/d.ts'], files }),
      'dags/d.ts': DAG,
      ...extra,
    });

  it('packs the matched files at their paths with their modes, next to the built entries', async () => {
    project(['scripts/**', 'sql/*.sql', 'templates', '!scripts/*.bak'], {
      'scripts/hello.sh': '#!/usr/bin/env bash\necho hello\n',
      'scripts/lib/common.sh': 'greet() { echo hi; }\n',
      'scripts/old.bak': 'left out by !',
      'sql/load.sql': 'select 1;',
      'sql/nested/deep.sql': 'not matched by sql/*.sql',
      'templates/mail.html': '<p>{{ ds }}</p>',
      'notes.txt': 'not matched',
      'node_modules/pkg/scripts/x.sh': 'never packed',
    });
    chmodSync(join(dir.path, 'scripts/hello.sh'), 0o755);
    chmodSync(join(dir.path, 'scripts/lib/common.sh'), 0o640);

    const bundle = await buildBundle(dir.path);

    const files = await listArchive(bundle.archive);
    expect([...files.keys()].sort()).toEqual([
      'dags/d.js',
      'scripts/hello.sh',
      'scripts/lib/common.sh',
      'sql/load.sql',
      'templates/mail.html',
      'updraft.json',
    ]);
    expect(files.get('scripts/hello.sh')).toBe('#!/usr/bin/env bash\necho hello\n');
    expect(files.get('sql/load.sql')).toBe('select 1;');
    expect(JSON.parse(files.get('updraft.json') ?? '')).toEqual({
      name: 'with-files',
      entries: ['dags/d.js'],
      files: ['scripts/**', 'sql/*.sql', 'templates', '!scripts/*.bak'],
    });
    const modes = await archiveModes(bundle.archive);
    expect(modes['scripts/hello.sh']).toBe('File 755');
    expect(modes['scripts/lib/common.sh']).toBe('File 640');
    expect(modes['sql/load.sql']).toMatch(/^File 6[04]4$/);
  });

  it.each([
    [
      'a pattern outside the project',
      ['../secrets/*'],
      /updraft\.json: "files": pattern '\.\.\/secrets\/\*' must be relative to the bundle root and stay inside it/,
    ],
    ['an absolute pattern', ['/etc/passwd'], /"files": pattern '\/etc\/passwd' must be relative to the bundle root/],
    [
      'a pattern that is not a glob',
      ['scripts/[a'],
      /"files": pattern 'scripts\/\[a' is not a valid glob: Missing closing: "\]"/,
    ],
    ['files that is not a list', 'scripts/**', /"files" must be a list of glob patterns/],
    [
      'a pattern that matches nothing',
      ['scripts/**', 'sql/*.sql'],
      /"files": pattern 'sql\/\*\.sql' matches no file in /,
    ],
  ])('refuses %s with a clear error', async (_name, files, message) => {
    project(files, { 'scripts/hello.sh': 'echo hello' });
    await expect(buildBundle(dir.path)).rejects.toThrow(message);
  });

  it('refuses a matched symbolic link, even one that points inside the project', async () => {
    project(['scripts/**'], { 'scripts/hello.sh': 'echo hello', 'shared/real.sh': 'echo real' });
    symlinkSync('../shared/real.sh', join(dir.path, 'scripts/linked.sh'));
    await expect(buildBundle(dir.path)).rejects.toThrow(
      /"files": 'scripts\/linked\.sh' \(matched by 'scripts\/\*\*'\) is a symbolic link/,
    );
  });

  it('refuses a matched file that would stand where a built entry goes', async () => {
    project(['dags/*'], { 'dags/d.js': 'an old build' });
    await expect(buildBundle(dir.path)).rejects.toThrow(/"files" matches dags\/d\.js, where deploy puts a built entry/);
  });

  it('refuses what the platform would refuse: more files than its limit', async () => {
    const many = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`data/f${i}.txt`, '']));
    project(['data/**'], many);
    await expect(buildBundle(dir.path)).rejects.toThrow(
      /the platform would refuse this bundle: narrow "files" in updraft\.json \(5002 files; at most 5000\)/,
    );
  }, 30_000);
});

describe('readManifest', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.remove());

  it('reads name and entries', () => {
    writeTree(dir.path, { 'updraft.json': '{"name":"n","entries":["a.ts"]}', 'a.ts': '' });
    expect(readManifest(dir.path)).toEqual({ name: 'n', entries: ['a.ts'], files: [] });
  });

  it.each([
    [{}, /updraft\.json not found/],
    [{ 'updraft.json': '{name:' }, /is not valid JSON/],
    [{ 'updraft.json': '{"entries":["a.ts"]}', 'a.ts': '' }, /"name" must be 1-100 letters, digits, _ \. or -/],
    [
      { 'updraft.json': '{"name":"My DAGs","entries":["a.ts"]}', 'a.ts': '' },
      /"name" must be 1-100 letters, digits, _ \. or - \(got 'My DAGs'\)/,
    ],
    [{ 'updraft.json': '{"name":"n","entries":[]}' }, /"entries" must be a non-empty list/],
    [{ 'updraft.json': '{"name":"n","entries":["missing.ts"]}' }, /entry 'missing.ts' does not exist/],
    [{ 'updraft.json': '{"name":"n","entries":["../outside.ts"]}' }, /must be a relative path inside the bundle/],
    [{ 'updraft.json': '{"name":"n","entries":["dist/a.js"]}', 'dist/a.js': '' }, /deploy leaves out/],
  ])('rejects a bad bundle folder %#', (files, message) => {
    writeTree(dir.path, files as Record<string, string>);
    expect(() => readManifest(dir.path)).toThrow(message);
  });
});
