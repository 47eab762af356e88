import { spawn } from 'node:child_process';
import { join } from 'node:path';

// The test and integration targets build the cli before their tests run.
export const BUILT_CLI = join(__dirname, '../../../../dist/apps/cli/main.js');

export interface BuiltCliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/apps/cli/main.js …` as its own process, without blocking this one (its loopback servers keep answering). */
export function runBuiltCli(cwd: string, args: string[], env: Record<string, string> = {}): Promise<BuiltCliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args], {
      cwd,
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
