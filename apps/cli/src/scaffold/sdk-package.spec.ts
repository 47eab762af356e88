import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BUILT_CLI } from '../testing/built-cli';
import { makeTempDir } from '../testing/stand-in-api';
import { SDK_TARBALL } from './vendor';

/** The SDK tarball the cli ships (the cli's build packs it): both module formats work and agree, and the types carry TSDoc. */
describe('the @updraft/sdk package', () => {
  const dir = makeTempDir('updraft-sdk-package-');
  afterAll(() => dir.remove());

  it('loads as CommonJS and as an ES module with the same exports, and declares them with their docs', () => {
    execFileSync('tar', ['xzf', join(dirname(BUILT_CLI), 'packages', SDK_TARBALL), '-C', dir.path]);
    const root = join(dir.path, 'package');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.exports['.']).toEqual({
      types: './types/index.d.ts',
      import: './dist/index.mjs',
      require: './dist/index.cjs',
    });
    expect(pkg.dependencies).toBeUndefined();

    const script = [
      `const cjs = Object.keys(require(${JSON.stringify(join(root, 'dist/index.cjs'))})).sort();`,
      `import(${JSON.stringify(join(root, 'dist/index.mjs'))}).then((esm) => console.log(JSON.stringify({ cjs, esm: Object.keys(esm).sort() })));`,
    ].join('\n');
    const { cjs, esm } = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    expect(esm).toEqual(cjs);
    expect(cjs).toEqual(expect.arrayContaining(['dag', 'task', 'bash', 'chain', 'TaskFail', 'SDK_VERSION']));

    const context = readFileSync(join(root, 'types/lib/context.d.ts'), 'utf8');
    expect(context).toContain("/** Writes a line to the task's log. */");
    expect(context).toMatch(/tryNumber: number;/);
  });
});
