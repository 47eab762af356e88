import { SDK_VERSION } from '@updraft/sdk';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { create } from 'tar';
import { CliError } from '../errors';

export const VENDOR_DIR = 'vendor';
export const SDK_TARBALL = `updraft-sdk-${SDK_VERSION}.tgz`;
export const CLI_TARBALL = `updraft-cli-${SDK_VERSION}.tgz`;

/**
 * Puts the SDK and this CLI, as npm tarballs, into the project's vendor/ folder, so that the project
 * installs them as `file:` dependencies with no registry holding them. The SDK's tarball ships
 * inside the CLI (packages/); the CLI's own is packed from the folder it runs from.
 */
export async function vendorPackages(installDir: string, projectDir: string): Promise<{ sdk: string; cli: string }> {
  const sdkSource = join(installDir, 'packages', SDK_TARBALL);
  if (!existsSync(sdkSource) || !existsSync(join(installDir, 'package.json'))) {
    throw new CliError(
      `this updraft (${installDir}) was not built as a package: it lacks packages/${SDK_TARBALL}; run \`npx nx build cli\``,
    );
  }
  const vendor = join(projectDir, VENDOR_DIR);
  mkdirSync(vendor, { recursive: true });
  copyFileSync(sdkSource, join(vendor, SDK_TARBALL));
  writeFileSync(join(vendor, CLI_TARBALL), await packCli(installDir));
  return { sdk: `${VENDOR_DIR}/${SDK_TARBALL}`, cli: `${VENDOR_DIR}/${CLI_TARBALL}` };
}

/** The files its package.json lists, under `package/` as npm lays a tarball out. */
async function packCli(installDir: string): Promise<Buffer> {
  const { files } = JSON.parse(readFileSync(join(installDir, 'package.json'), 'utf8')) as { files?: string[] };
  const present = new Set(readdirSync(installDir));
  const entries = ['package.json', ...(files ?? []).filter((file) => present.has(file))].sort();
  const chunks: Buffer[] = [];
  for await (const chunk of create({ gzip: true, cwd: installDir, portable: true, prefix: 'package' }, entries))
    chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
