import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from './workspace-root';

export interface BuiltCliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `updraft` cli (dist/apps/cli/main.js) in `cwd` with only the given environment. */
export function runBuiltCli(cwd: string, env: Record<string, string>, ...args: string[]): Promise<BuiltCliResult> {
  const cli = join(workspaceRoot(), 'dist', 'apps', 'cli', 'main.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build the cli first (npx nx build cli)`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd,
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
