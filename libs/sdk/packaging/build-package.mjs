// Builds @updraft/sdk as a publishable package in dist/libs/sdk: one CommonJS and one ES module
// file (its npm dependencies bundled in, so that it installs with no registry), declaration files
// with the TSDoc comments, README, CHANGELOG and a package.json with an `exports` map; then packs
// it to dist/packages/updraft-sdk-<version>.tgz, the file `updraft init` vendors into a project.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const lib = join(root, 'libs', 'sdk');
const out = join(root, 'dist', 'libs', 'sdk');
const packages = join(root, 'dist', 'packages');
const source = JSON.parse(readFileSync(join(lib, 'package.json'), 'utf8'));

rmSync(out, { recursive: true, force: true });
const common = {
  entryPoints: [join(lib, 'src', 'index.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  legalComments: 'inline',
  logLevel: 'warning',
};
await build({ ...common, format: 'cjs', outfile: join(out, 'dist', 'index.cjs') });
await build({ ...common, format: 'esm', outfile: join(out, 'dist', 'index.mjs') });
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
execFileSync(
  process.execPath,
  [
    tsc,
    '-p',
    join(lib, 'tsconfig.lib.json'),
    '--emitDeclarationOnly',
    '--declaration',
    '--declarationMap',
    'false',
    '--sourceMap',
    'false',
    '--rootDir',
    join(lib, 'src'),
    '--outDir',
    join(out, 'types'),
  ],
  { stdio: 'inherit' },
);

const pkg = {
  name: source.name,
  version: source.version,
  description: source.description,
  license: source.license,
  keywords: ['updraft', 'dag', 'workflow', 'airflow'],
  engines: source.engines,
  main: './dist/index.cjs',
  module: './dist/index.mjs',
  types: './types/index.d.ts',
  exports: {
    '.': { types: './types/index.d.ts', import: './dist/index.mjs', require: './dist/index.cjs' },
    './package.json': './package.json',
  },
  files: ['dist', 'types', 'README.md', 'CHANGELOG.md'],
};
writeFileSync(join(out, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
for (const file of ['README.md', 'CHANGELOG.md']) copyFileSync(join(lib, file), join(out, file));

mkdirSync(packages, { recursive: true });
const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', packages], { cwd: out, encoding: 'utf8' })
  .trim()
  .split('\n')
  .pop();
console.log(`${source.name}@${source.version}: ${join('dist', 'packages', packed)}`);
