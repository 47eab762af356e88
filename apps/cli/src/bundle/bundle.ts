import { readManifest, type BundleManifest } from './manifest';
import { packDirectory } from './packer';

export interface BuiltBundle {
  manifest: BundleManifest;
  fileName: string;
  archive: Buffer;
}

/**
 * Turns a bundle folder into the archive deploy uploads. Today the folder is packed as it is;
 * bundling npm dependencies with esbuild will become a step between reading the manifest and
 * packing (build into a staging folder, then pack that folder instead).
 */
export async function buildBundle(dir: string): Promise<BuiltBundle> {
  const manifest = readManifest(dir);
  const archive = await packDirectory(dir);
  return { manifest, fileName: `${safeFileName(manifest.name)}.tar.gz`, archive };
}

function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_') || 'bundle';
}
