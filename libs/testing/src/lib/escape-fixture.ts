import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Secrets a worker holds in its environment, planted for the escape corpora: tenant code must never see them. */
export const PLANTED_SECRETS = {
  DATABASE_URL: 'postgres://postgres:hunter2@127.0.0.1:5432/updraft',
  JWT_SECRET: 'jwt-secret-do-not-leak',
};
const TENANT_B_SECRET = 'tenant b secret';

export interface EscapeFixture {
  /** Everything lives under here (mode 0755: sandboxes run as other uids and must reach their bundle). */
  base: string;
  /** The attacking tenant's own bundle version. */
  bundleA: string;
  /** Another tenant's bundle version, holding secret.txt. */
  bundleB: string;
  /** A world-writable folder outside both bundles: still off limits. */
  outside: string;
  /** Restores the environment and removes everything. */
  dispose(): Promise<void>;
}

/** Plants the secrets in this process's environment and lays out two tenants' bundles and a folder outside them. */
export async function createEscapeFixture(prefix: string): Promise<EscapeFixture> {
  const saved = Object.fromEntries(Object.keys(PLANTED_SECRETS).map((name) => [name, process.env[name]]));
  Object.assign(process.env, PLANTED_SECRETS);
  const base = await mkdtemp(join(tmpdir(), prefix));
  await chmod(base, 0o755);
  const fixture = {
    base,
    bundleA: join(base, 'bundles', 'a', 'v1'),
    bundleB: join(base, 'bundles', 'b', 'v1'),
    outside: join(base, 'outside'),
  };
  for (const dir of [fixture.bundleA, fixture.bundleB, fixture.outside])
    await mkdir(dir, { recursive: true, mode: 0o755 });
  await chmod(fixture.outside, 0o777);
  await writeFile(join(fixture.bundleB, 'secret.txt'), TENANT_B_SECRET);
  return {
    ...fixture,
    async dispose() {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await rm(base, { recursive: true, force: true });
    },
  };
}

/**
 * What an escape attempt broke in the worker (the test process) or the other tenant: a stalled
 * event loop, a changed environment, tenant B's secret, files written into A's bundle or outside.
 * Empty when unharmed.
 */
export async function harmDone(fixture: EscapeFixture, bundleAFiles: string[]): Promise<string[]> {
  const harm: string[] = [];
  const started = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 5));
  if (Date.now() - started >= 1_000) harm.push(`the event loop stalled for ${Date.now() - started} ms`);
  if (process.env['DATABASE_URL'] !== PLANTED_SECRETS.DATABASE_URL) harm.push('the worker environment changed');
  if ((await readFile(join(fixture.bundleB, 'secret.txt'), 'utf8')) !== TENANT_B_SECRET)
    harm.push("tenant B's secret changed");
  const inBundle = (await readdir(fixture.bundleA)).filter((file) => !bundleAFiles.includes(file));
  if (inBundle.length > 0) harm.push(`written into tenant A's bundle: ${inBundle.join(', ')}`);
  const outside = await readdir(fixture.outside);
  if (outside.length > 0) harm.push(`written outside: ${outside.join(', ')}`);
  return harm;
}
