import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testOutputDir, workspaceRoot } from './workspace-root';

/**
 * Migrates with the built api's own `migrate` command, as a deployment does. For suites that
 * run the built apps anyway; pass it as `createTestDatabase({ migrate: migrateWithBuiltApi })`.
 */
export async function migrateWithBuiltApi(url: string, suite = 'migrate'): Promise<void> {
  const root = workspaceRoot();
  const main = join(root, 'dist', 'apps', 'api', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: build it first (npx nx run api:build)`);
  const outDir = testOutputDir(suite);
  mkdirSync(outDir, { recursive: true });
  const logFile = join(outDir, 'migrate.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [main, 'migrate'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  await new Promise<void>((resolve) => log.end(resolve));
  if (code !== 0) {
    const tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-20).join('\n');
    throw new Error(`node dist/apps/api/main.js migrate exited ${code}; ${logFile}:\n${tail}`);
  }
}
