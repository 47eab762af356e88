import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BundleRejected } from './bundle-error';
import { COMPILED_DIR, compileBundle } from './compile';
import { readManifest } from './manifest';

const WORKSPACE_ROOT = join(__dirname, '..', '..', '..', '..');

let base: string;
let n = 0;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'updraft-compile-spec-'));
  // Stands in for the platform's own node_modules above the bundle (as with DATA_DIR inside the repo).
  await write(join(base, 'node_modules', 'platform-secret', 'index.js'), 'module.exports = "platform secret";');
  await write(join(base, 'outside.ts'), 'export const stolen = "outside the bundle";');
});
afterAll(() => rm(base, { recursive: true, force: true }));

async function write(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

/** A fresh bundle folder with the given files. */
async function bundle(files: Record<string, string>): Promise<string> {
  const root = join(base, `bundle-${++n}`);
  await mkdir(root);
  for (const [path, text] of Object.entries(files)) await write(join(root, path), text);
  return root;
}

async function rejection(work: Promise<unknown>): Promise<BundleRejected> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof BundleRejected))
    throw new Error(`expected a BundleRejected, got ${error === undefined ? 'success' : String(error)}`);
  return error;
}

const DAG = 'export const ok = 1;\n';

describe('readManifest refuses a bad updraft.json, naming it', () => {
  const cases: [name: string, files: Record<string, string>, message: RegExp][] = [
    ['no manifest', { 'dag.ts': DAG }, /missing: a bundle needs updraft.json/],
    ['manifest not JSON', { 'updraft.json': '{ name: "x", ', 'dag.ts': DAG }, /not valid JSON/],
    ['manifest a JSON array', { 'updraft.json': '["dag.ts"]', 'dag.ts': DAG }, /must be a JSON object/],
    ['manifest null', { 'updraft.json': 'null', 'dag.ts': DAG }, /must be a JSON object/],
    [
      'manifest without entries',
      { 'updraft.json': '{"name":"x"}', 'dag.ts': DAG },
      /"entries" must be a non-empty list/,
    ],
    [
      'empty entries',
      { 'updraft.json': '{"name":"x","entries":[]}', 'dag.ts': DAG },
      /"entries" must be a non-empty list/,
    ],
    [
      'entries not strings',
      { 'updraft.json': '{"name":"x","entries":[42]}', 'dag.ts': DAG },
      /"entries" must be a non-empty list/,
    ],
    [
      'bad name',
      { 'updraft.json': '{"name":"../evil","entries":["dag.ts"]}', 'dag.ts': DAG },
      /"name" must be 1-100 letters/,
    ],
    [
      'entry missing',
      { 'updraft.json': '{"name":"x","entries":["dags/nope.ts"]}' },
      /entry 'dags\/nope.ts' does not exist in the bundle/,
    ],
    [
      'entry a folder',
      { 'updraft.json': '{"name":"x","entries":["dir.ts"]}', 'dir.ts/a.ts': DAG },
      /entry 'dir.ts' does not exist in the bundle/,
    ],
    [
      'entry not .ts/.js',
      { 'updraft.json': '{"name":"x","entries":["dag.py"]}', 'dag.py': 'print(1)' },
      /entry 'dag.py' must be a .ts or .js file/,
    ],
    [
      'entry with ..',
      { 'updraft.json': '{"name":"x","entries":["../outside.ts"]}' },
      /entry '..\/outside.ts' must be a relative path inside the bundle/,
    ],
    [
      'entry with .. in the middle',
      { 'updraft.json': '{"name":"x","entries":["a/../../outside.ts"]}' },
      /must be a relative path inside the bundle/,
    ],
    [
      'entry with a Windows ..',
      { 'updraft.json': '{"name":"x","entries":["..\\\\outside.ts"]}' },
      /must be a relative path inside the bundle/,
    ],
    [
      'absolute entry',
      { 'updraft.json': '{"name":"x","entries":["/etc/passwd.js"]}' },
      /entry '\/etc\/passwd.js' must be a relative path inside the bundle/,
    ],
    [
      'files not a list',
      { 'updraft.json': '{"name":"x","entries":["dag.ts"],"files":"scripts/**"}', 'dag.ts': DAG },
      /^"files" must be a list of glob patterns/,
    ],
    [
      'files with an empty pattern',
      { 'updraft.json': '{"name":"x","entries":["dag.ts"],"files":["scripts/**",""]}', 'dag.ts': DAG },
      /^"files" must be a list of glob patterns/,
    ],
    [
      'files with a pattern outside the bundle',
      { 'updraft.json': '{"name":"x","entries":["dag.ts"],"files":["../secrets/*"]}', 'dag.ts': DAG },
      /^"files": pattern '..\/secrets\/\*' must be relative to the bundle root and stay inside it/,
    ],
    [
      'files with an absolute pattern',
      { 'updraft.json': '{"name":"x","entries":["dag.ts"],"files":["/etc/**"]}', 'dag.ts': DAG },
      /^"files": pattern '\/etc\/\*\*' must be relative/,
    ],
  ];

  it.each(cases)('%s', async (...[, files, message]: (typeof cases)[number]) => {
    const error = await rejection(readManifest(await bundle(files)));
    expect(error.problems).toEqual([{ file: 'updraft.json', message: expect.stringMatching(message) }]);
  });

  it('reports every bad entry at once', async () => {
    const error = await rejection(
      readManifest(await bundle({ 'updraft.json': '{"name":"x","entries":["a.py","b.ts","/c.js"]}' })),
    );
    expect(error.problems.map((p) => p.message)).toEqual([
      "entry 'a.py' must be a .ts or .js file",
      "entry 'b.ts' does not exist in the bundle",
      "entry '/c.js' must be a relative path inside the bundle",
    ]);
  });

  it('accepts a good manifest', async () => {
    const root = await bundle({
      'updraft.json': '{"name":"my-dags","entries":["dags/a.ts","b.js"]}',
      'dags/a.ts': DAG,
      'b.js': DAG,
    });
    expect(await readManifest(root)).toEqual({ name: 'my-dags', entries: ['dags/a.ts', 'b.js'], files: [] });
  });

  it('accepts a manifest with files patterns', async () => {
    const root = await bundle({
      'updraft.json': '{"name":"my-dags","entries":["b.js"],"files":["scripts/**","!scripts/*.bak"]}',
      'b.js': DAG,
      'scripts/load.sh': 'echo hi',
    });
    expect(await readManifest(root)).toEqual({
      name: 'my-dags',
      entries: ['b.js'],
      files: ['scripts/**', '!scripts/*.bak'],
    });
  });
});

describe('compileBundle stays inside the bundle and names file and line', () => {
  const platformFile = join(WORKSPACE_ROOT, 'package.json');
  const cases: [
    name: string,
    files: Record<string, string>,
    file: string,
    line: number | undefined,
    message: RegExp,
  ][] = [
    ['syntax error in the entry', { 'dag.ts': 'const a = 1;\nconst b = ;\n' }, 'dag.ts', 2, /Unexpected ";"/],
    [
      'syntax error in an imported helper',
      {
        'dag.ts': "import { x } from './lib/helper';\nexport default x;\n",
        'lib/helper.ts': 'export const x = 1;\n\nexport const y = ;\nexport const z = 2;\n',
      },
      'lib/helper.ts',
      3,
      /Unexpected ";"/,
    ],
    [
      'import of /etc/passwd through ../',
      {
        'dag.ts':
          "// reading the host\nimport secret from '../../../../../../../../etc/passwd';\nexport default secret;\n",
      },
      'dag.ts',
      2,
      /import '(\.\.\/)+etc\/passwd' resolves outside the bundle/,
    ],
    [
      'import of a sibling file outside the bundle',
      { 'dag.ts': "import { stolen } from '../outside';\nexport default stolen;\n" },
      'dag.ts',
      1,
      /import '..\/outside' resolves outside the bundle/,
    ],
    [
      'import of a platform file by absolute path',
      { 'dag.ts': `\n\nimport pkg from '${platformFile}';\nexport default pkg;\n` },
      'dag.ts',
      3,
      /resolves outside the bundle/,
    ],
    [
      'require() of a platform file by absolute path',
      { 'dag.ts': `export default require('${platformFile}');\n` },
      'dag.ts',
      1,
      /resolves outside the bundle/,
    ],
    [
      "a package from the platform's node_modules",
      { 'dag.ts': "import secret from 'platform-secret';\nexport default secret;\n" },
      'dag.ts',
      1,
      /import 'platform-secret' resolves outside the bundle/,
    ],
    [
      'an unknown package',
      { 'dag.ts': "\nimport leftPad from 'left-pad-that-does-not-exist';\nexport default leftPad;\n" },
      'dag.ts',
      2,
      /Could not resolve "left-pad-that-does-not-exist"/,
    ],
    [
      'a relative import that does not exist',
      { 'dag.ts': "import { y } from './nope';\nexport default y;\n" },
      'dag.ts',
      1,
      /Could not resolve "\.\/nope"/,
    ],
  ];

  it.each(cases)('rejects %s', async (...[, files, file, line, message]: (typeof cases)[number]) => {
    const root = await bundle(files);
    const error = await rejection(compileBundle(root, ['dag.ts']));
    expect(error.problems).toContainEqual({ file, line, message: expect.stringMatching(message) });
    expect(error.message).toContain(`${file}:${line}`);
    // Nothing from outside made it into an output file.
    if (existsSync(join(root, COMPILED_DIR, 'dag.js')))
      expect(await readFile(join(root, COMPILED_DIR, 'dag.js'), 'utf8')).not.toMatch(
        /root:x:0|platform secret|outside the bundle/,
      );
  });

  it('reports errors in several entries at once', async () => {
    const root = await bundle({ 'a.ts': 'const = 1;\n', 'b.ts': '\n\nimport x from "nope-pkg";\nexport default x;\n' });
    const error = await rejection(compileBundle(root, ['a.ts', 'b.ts']));
    expect(error.problems.map((p) => `${p.file}:${p.line}`).sort()).toEqual(['a.ts:1', 'b.ts:3']);
  });

  it('compiles TypeScript with types, a relative import within the bundle, the SDK and Node built-ins kept external', async () => {
    const root = await bundle({
      'dags/dag.ts': [
        "import { add, Shape } from '../lib/math';",
        "import { join } from 'node:path';",
        "import type { TaskContext } from '@updraft/sdk';",
        'enum Colour { Red = "red" }',
        'interface Row<T> { value: T }',
        'const row: Row<number> = { value: add<number>(40, 2) };',
        'export const shape: Shape = { kind: "square", side: 2 } as const;',
        'export const colour = Colour.Red;',
        'export const answer = row.value;',
        'export const where = join("a", "b");',
        'export const usesSdk = (ctx: TaskContext) => ctx.ds;',
      ].join('\n'),
      'lib/math.ts':
        'export type Shape = { kind: "square"; side: number };\nexport function add<T extends number>(a: T, b: T): number { return a + b; }\n',
    });
    const compiled = await compileBundle(root, ['dags/dag.ts']);
    expect(compiled).toEqual([{ entry: 'dags/dag.ts', compiled: join(COMPILED_DIR, 'dags/dag.js') }]);
    const output = join(root, compiled[0].compiled);
    const text = await readFile(output, 'utf8');
    expect(text).toContain('require("node:path")');
    expect(text).not.toMatch(/require\("[^"]*lib\/math"\)/); // inlined, not required at run time
    const run = spawnSync(
      process.execPath,
      [
        '-e',
        `const m = require(${JSON.stringify(output)}); console.log(JSON.stringify([m.answer, m.colour, m.where, m.shape]))`,
      ],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([42, 'red', 'a/b', { kind: 'square', side: 2 }]);
  });

  it("uses the bundle's own node_modules", async () => {
    const root = await bundle({
      'dag.ts': "import pad from 'tiny-pad';\nexport default pad('x');\n",
      'node_modules/tiny-pad/index.js': 'module.exports = (s) => `[${s}]`;',
    });
    const [compiled] = await compileBundle(root, ['dag.ts']);
    expect(await readFile(join(root, compiled.compiled), 'utf8')).toContain('[${s}]');
  });
});
