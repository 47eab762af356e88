import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_CLI } from '../testing/built-cli';
import { makeTempDir } from '../testing/stand-in-api';

interface Ran {
  code: number | null;
  out: string;
}

/** Runs a command with this process's environment (npm needs its HOME and cache), stdout and stderr together. */
function sh(cwd: string, command: string, args: string[], env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out }));
  });
}

/**
 * A new user's first minutes: `updraft init`, `npm install`, `npm run typecheck`, `npm test`, in an
 * empty folder. The @updraft scope points at a dead registry, so the SDK and the CLI can only come
 * from the tarballs init vendored; typescript and esbuild come from the npm cache or registry.
 */
describe('a project made by `updraft init`', () => {
  const dir = makeTempDir('updraft-scaffold-');
  const project = join(dir.path, 'my-dags');
  const noRegistryForUpdraft = { 'npm_config_@updraft:registry': 'http://127.0.0.1:9/' };
  afterAll(() => dir.remove());

  it('installs with no registry holding the SDK, type-checks and tests its example DAG with its own updraft', async () => {
    expect(await sh(dir.path, process.execPath, [BUILT_CLI, 'init', 'my-dags'])).toMatchObject({ code: 0 });

    const install = await sh(
      project,
      'npm',
      ['install', '--prefer-offline', '--fetch-retries=0', '--no-audit', '--no-fund'],
      noRegistryForUpdraft,
    );
    expect(install).toEqual({ code: 0, out: expect.any(String) });
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8'));
    expect(lock.packages['node_modules/@updraft/sdk']).toMatchObject({
      resolved: expect.stringMatching(/^file:vendor\/updraft-sdk-.*\.tgz$/),
    });

    const typecheck = await sh(project, 'npm', ['run', 'typecheck']);
    expect(typecheck).toEqual({ code: 0, out: expect.any(String) });

    // PATH without the workspace's node_modules/.bin: `updraft` is the project's own.
    const test = await sh(project, 'npm', ['test'], {
      PATH:
        process.env['PATH']
          ?.split(':')
          .filter((p) => !p.includes('node_modules'))
          .join(':') ?? '',
    });
    expect(test).toEqual({ code: 0, out: expect.stringContaining('example_dag') });
    expect(test.out).toMatch(/report.*success|success.*report/);
  }, 240_000);

  it('refuses a type error in npm run typecheck and in deploy (file:line), and deploys unchecked with --no-typecheck', async () => {
    const dagFile = join(project, 'dags/example_dag.ts');
    const source = readFileSync(dagFile, 'utf8');
    const bad = source.replace('ctx.log(`${people} people counted`);', 'ctx.log(`try ${ctx.ti.tryNumber}`);');
    expect(bad).not.toBe(source);
    writeFileSync(dagFile, bad);
    const line = bad.split('\n').findIndex((l) => l.includes('ctx.ti.tryNumber')) + 1;

    const typecheck = await sh(project, 'npm', ['run', 'typecheck']);
    expect(typecheck.code).not.toBe(0);
    expect(typecheck.out).toContain(`dags/example_dag.ts(${line},`);

    const session = {
      UPDRAFT_URL: 'http://127.0.0.1:9',
      UPDRAFT_TOKEN: 'token',
      UPDRAFT_TENANT: 'acme',
      UPDRAFT_CONFIG_DIR: project,
    };
    const deploy = await sh(project, 'npx', ['updraft', 'deploy'], session);
    expect(deploy.code).toBe(1);
    expect(deploy.out).toMatch(
      new RegExp(`^dags/example_dag\\.ts:${line}:\\d+ - error: Property 'tryNumber' does not exist on type`, 'm'),
    );
    expect(deploy.out).toContain('error: 1 type error: nothing uploaded (fix it, or deploy with --no-typecheck)');

    const unchecked = await sh(project, 'npx', ['updraft', 'deploy', '--no-typecheck'], session);
    expect(unchecked.code).toBe(1);
    expect(unchecked.out).toContain('cannot reach http://127.0.0.1:9');
  }, 120_000);
});
