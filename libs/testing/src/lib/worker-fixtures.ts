import { build } from 'esbuild';
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { packBundle } from './pack-bundle';
import { workspaceRoot } from './workspace-root';

/**
 * Bundles the sandbox runner from source into `dir` (as the build does) and returns its path. The
 * folder is opened to everyone: the sandbox runs as nobody when the tests run as root.
 */
export async function buildSandboxRunner(dir: string): Promise<string> {
  await chmod(dir, 0o755);
  const root = workspaceRoot();
  const outfile = join(dir, 'sandbox-runner.js');
  await build({
    entryPoints: [join(root, 'libs/sandbox/src/runner/sandbox-runner.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    tsconfig: join(root, 'tsconfig.base.json'),
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

/** A bundle archive (.tar.gz) of the given files, written to a fresh folder under `scratch` first. */
export async function packBundleFiles(scratch: string, files: Record<string, string>): Promise<Buffer> {
  const dir = await mkdtemp(join(scratch, 'bundle-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return packBundle(dir);
}
