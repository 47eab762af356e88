// Installs the workspace's npm dependencies when they are missing. `npm ci` cannot work on these
// machines (other-platform optional packages are absent from the registry), so it is `npm install`;
// the committed package-lock.json is the one it resolves, so the install leaves it unchanged.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const INSTALL_ARGS = ['install', '--no-audit', '--no-fund'];

export function needsInstall(root) {
  return !(
    existsSync(join(root, 'node_modules', '.package-lock.json')) && existsSync(join(root, 'node_modules', 'nx'))
  );
}

export function ensureDependencies(root, log = console.log) {
  if (!needsInstall(root)) return false;
  log('node_modules is missing: npm install');
  const result = spawnSync('npm', INSTALL_ARGS, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm install failed (exit ${result.status})`);
  return true;
}
