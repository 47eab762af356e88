import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from './testing/stand-in-api';

// The target's dependsOn builds the cli before its tests run.
const BUILT_CLI = join(__dirname, '../../../dist/apps/cli/main.js');

function updraft(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [BUILT_CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env['PATH'] ?? '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the built cli (dist/apps/cli/main.js)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`nx build cli\` first`);
  });
  beforeEach(() => (dir = makeTempDir('updraft-built-cli-')));
  afterEach(() => dir.remove());

  it('keeps esbuild out of its bundle (a native package, loaded from the installed copy at run time)', () => {
    const source = readFileSync(BUILT_CLI, 'utf8');
    expect(source).toMatch(/import\("esbuild"\)|require\("esbuild"\)/);
    expect(source).not.toContain('ESBUILD_BINARY_PATH');
  });

  it('`updraft init` then `updraft dags test` works in a fresh folder where @updraft/sdk resolves only through the cli', () => {
    const project = join(dir.path, 'fresh');
    const resolveSdk = spawnSync(process.execPath, ['-e', "require.resolve('@updraft/sdk')"], {
      cwd: dir.path,
      encoding: 'utf8',
    });
    expect(resolveSdk.status).not.toBe(0);
    expect(resolveSdk.stderr).toContain("Cannot find module '@updraft/sdk'");

    const init = updraft(dir.path, 'init', 'fresh');
    expect(init).toMatchObject({ code: 0, stderr: '' });

    const test = updraft(project, 'dags', 'test', 'dags/example_dag.ts', 'example_dag');
    expect(test.stderr).toBe('');
    expect(test.code).toBe(0);
    expect(test.stdout).toContain('[fetch] success, returned "3"\n');
    expect(test.stdout).toMatch(/\[count\] \| hello from example_dag on \d{4}-\d\d-\d\d\n/);
    expect(test.stdout).toContain('[count] success, returned {"people":2}\n');
    expect(test.stdout).toContain('[report] | 2 people counted\n');
    expect(test.stdout).toMatch(/\nRun test__\S+: success\n$/);
  });

  it('exits 1 and points at the user file and line when a task fails in the built cli', () => {
    const project = join(dir.path, 'failing');
    expect(updraft(dir.path, 'init', 'failing').code).toBe(0);
    const dagPath = join(project, 'dags/example_dag.ts');
    const source = readFileSync(dagPath, 'utf8').replace(
      'return { people: lines - 1 };',
      "throw new Error('no people');",
    );
    writeFileSync(dagPath, source);
    const line = source.split('\n').findIndex((l) => l.includes('no people')) + 1;

    const test = updraft(project, 'dags', 'test', 'dags/example_dag.ts', 'example_dag', '--json');

    expect(test.code).toBe(1);
    expect(JSON.parse(test.stdout).state).toBe('failed');
    expect(test.stderr).toBe(
      `error: DAG example_dag run failed: task 'count' failed: no people (dags/example_dag.ts:${line})\n`,
    );
  });
});
