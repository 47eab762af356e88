import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, runCli } from '../testing/stand-in-api';

const sdkVersion = JSON.parse(readFileSync(join(__dirname, '../../../../libs/sdk/package.json'), 'utf8'))
  .version as string;

describe('updraft init', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.remove());

  const read = (path: string) => readFileSync(join(dir.path, path), 'utf8');

  it('writes a bundle project into a new folder', async () => {
    const target = join(dir.path, 'my-dags');
    const result = await runCli(['init', target], {});

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`Created bundle project my-dags in ${target}:`);
    expect(readdirSync(target).sort()).toEqual([
      '.github',
      '.gitignore',
      'dags',
      'package.json',
      'tsconfig.json',
      'updraft.json',
      'vendor',
    ]);
    expect(readdirSync(join(target, 'vendor')).sort()).toEqual([
      `updraft-cli-${sdkVersion}.tgz`,
      `updraft-sdk-${sdkVersion}.tgz`,
    ]);
    expect(JSON.parse(read('my-dags/updraft.json'))).toEqual({ name: 'my-dags', entries: ['dags/example_dag.ts'] });

    const pkg = JSON.parse(read('my-dags/package.json'));
    expect(pkg.scripts).toEqual({
      typecheck: 'tsc -p .',
      test: 'updraft dags test dags/example_dag.ts example_dag',
      deploy: 'updraft deploy',
    });
    expect(pkg.devDependencies).toEqual({
      '@updraft/cli': `file:vendor/updraft-cli-${sdkVersion}.tgz`,
      '@updraft/sdk': `file:vendor/updraft-sdk-${sdkVersion}.tgz`,
      typescript: '~5.9.3',
    });
    expect(read('my-dags/.github/workflows/updraft.yml')).toContain('npm run typecheck');
    expect(pkg.dependencies).toBeUndefined();

    const tsconfig = JSON.parse(read('my-dags/tsconfig.json'));
    expect(tsconfig.compilerOptions).toMatchObject({ strict: true, noEmit: true });
    expect(tsconfig.compilerOptions.paths).toBeUndefined();

    const example = read('my-dags/dags/example_dag.ts');
    expect(example).toContain("import { bash, chain, dag, task } from '@updraft/sdk';");
    expect(example).toContain("'example_dag'");
    expect(read('my-dags/.gitignore')).toContain('node_modules/');
  });

  it('uses --name for the bundle and an npm-safe form of it for package.json', async () => {
    const result = await runCli(['init', dir.path, '--name', 'Nice_Things', '--json'], {});
    expect(JSON.parse(result.stdout)).toMatchObject({ dir: dir.path, name: 'Nice_Things' });
    expect(JSON.parse(read('updraft.json')).name).toBe('Nice_Things');
    expect(JSON.parse(read('package.json')).name).toBe('nice_things');
  });

  it('refuses a --name the platform would refuse, before writing anything', async () => {
    const result = await runCli(['init', dir.path, '--name', 'Nice Things'], {});
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: --name: "name" must be 1-100 letters, digits, _ . or - (got 'Nice Things')\n`,
    });
    expect(readdirSync(dir.path)).toEqual([]);
  });

  it('makes a valid bundle name from a folder name the platform would refuse', async () => {
    const target = join(dir.path, 'My DAGs');
    expect((await runCli(['init', target], {})).code).toBe(0);
    expect(JSON.parse(read('My DAGs/updraft.json')).name).toBe('My-DAGs');
  });

  it('refuses a folder that is not empty, in one line, and writes nothing', async () => {
    writeFileSync(join(dir.path, 'notes.txt'), 'mine');
    mkdirSync(join(dir.path, 'dags'));

    const result = await runCli(['init', dir.path], {});

    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: ${dir.path} is not empty (2 entries): \`updraft init\` needs a new or empty folder\n`,
    });
    expect(existsSync(join(dir.path, 'updraft.json'))).toBe(false);
  });

  it('refuses a path that is a file', async () => {
    writeFileSync(join(dir.path, 'file'), '');
    const result = await runCli(['init', join(dir.path, 'file')], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: ${join(dir.path, 'file')} is a file: \`updraft init\` needs a new or empty folder\n`,
    );
  });

  it('vendors npm tarballs of the SDK this repository builds and of the CLI itself', async () => {
    await runCli(['init', dir.path], {});
    const listing = (tarball: string) =>
      execFileSync('tar', ['tzf', join(dir.path, 'vendor', tarball)], { encoding: 'utf8' }).split('\n');
    const manifest = (tarball: string) =>
      JSON.parse(
        execFileSync('tar', ['xzOf', join(dir.path, 'vendor', tarball), 'package/package.json'], { encoding: 'utf8' }),
      );
    expect(manifest(`updraft-sdk-${sdkVersion}.tgz`)).toMatchObject({
      name: '@updraft/sdk',
      version: sdkVersion,
      types: './types/index.d.ts',
    });
    expect(listing(`updraft-sdk-${sdkVersion}.tgz`)).toEqual(
      expect.arrayContaining([
        'package/dist/index.cjs',
        'package/dist/index.mjs',
        'package/types/index.d.ts',
        'package/README.md',
        'package/CHANGELOG.md',
      ]),
    );
    expect(manifest(`updraft-cli-${sdkVersion}.tgz`)).toMatchObject({
      name: '@updraft/cli',
      version: sdkVersion,
      bin: { updraft: './main.js' },
    });
    expect(listing(`updraft-cli-${sdkVersion}.tgz`)).toEqual(
      expect.arrayContaining(['package/main.js', `package/packages/updraft-sdk-${sdkVersion}.tgz`]),
    );
  });
});
