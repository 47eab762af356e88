// Makes dist/apps/cli (the bundled main.js) an installable package, @updraft/cli, with the SDK's
// tarball inside it (packages/), which `updraft init` copies into a new project; then packs it to
// dist/packages/updraft-cli-<version>.tgz. The CLI and the SDK share one version.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const out = join(root, 'dist', 'apps', 'cli');
const packages = join(root, 'dist', 'packages');
const sdk = JSON.parse(readFileSync(join(root, 'libs', 'sdk', 'package.json'), 'utf8'));
const workspace = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const sdkTarball = `updraft-sdk-${sdk.version}.tgz`;

rmSync(join(out, 'packages'), { recursive: true, force: true });
mkdirSync(join(out, 'packages'), { recursive: true });
copyFileSync(join(packages, sdkTarball), join(out, 'packages', sdkTarball));
copyFileSync(join(root, 'apps', 'cli', 'README.md'), join(out, 'README.md'));
const pkg = {
  name: '@updraft/cli',
  version: sdk.version,
  description:
    'The updraft command line: start a DAG project, test DAGs locally, deploy bundles, trigger runs, follow logs',
  license: workspace.license,
  bin: { updraft: './main.js' },
  main: './main.js',
  engines: workspace.engines,
  // esbuild runs DAG code and builds bundles; it has a native binary per platform, so it is not bundled into main.js.
  dependencies: { esbuild: workspace.dependencies.esbuild },
  files: ['main.js', 'packages', 'assets', 'README.md'],
};
writeFileSync(join(out, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
mkdirSync(packages, { recursive: true });
const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', packages], { cwd: out, encoding: 'utf8' })
  .trim()
  .split('\n')
  .pop();
console.log(`@updraft/cli@${pkg.version}: ${join('dist', 'packages', packed)}`);
