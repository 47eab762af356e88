import { Inject, Injectable } from '@nestjs/common';
import { compileBundle, CompiledEntry, extractArchive, readManifest } from '@updraft/bundles';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { BundleRepository } from '@updraft/persistence';
import { randomUUID } from 'node:crypto';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const READY_MARKER = '.updraft-ready.json';

export interface MaterializedBundle {
  root: string;
  compiled: CompiledEntry[];
}

/**
 * Each worker keeps one extracted, compiled copy of a bundle version on local disk, made from
 * the archive in Postgres the first time it is needed. Versions are immutable, so a copy never
 * goes stale; it is built in a temporary folder and renamed into place, so readers never see half.
 */
@Injectable()
export class BundleCache {
  private readonly pending = new Map<string, Promise<MaterializedBundle>>();
  /** Versions are immutable: once a copy is ready, later tries skip even the disk check. */
  private readonly ready = new Map<string, MaterializedBundle>();

  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    private readonly bundles: BundleRepository,
  ) {}

  root(tenantId: string, bundleVersionId: string): string {
    return join(this.config.dataDir, 'bundles', tenantId, bundleVersionId);
  }

  materialize(tenantId: string, bundleVersionId: string): Promise<MaterializedBundle> {
    const key = `${tenantId}/${bundleVersionId}`;
    const known = this.ready.get(key);
    if (known) return Promise.resolve(known);
    let promise = this.pending.get(key);
    if (!promise) {
      promise = this.build(tenantId, bundleVersionId)
        .then((bundle) => (this.ready.set(key, bundle), bundle))
        .finally(() => this.pending.delete(key));
      this.pending.set(key, promise);
    }
    return promise;
  }

  private async build(tenantId: string, bundleVersionId: string): Promise<MaterializedBundle> {
    const root = this.root(tenantId, bundleVersionId);
    const ready = await this.readMarker(root);
    if (ready) return ready;
    const archive = await this.bundles.archive(tenantId, bundleVersionId);
    if (!archive) throw new Error(`bundle version ${bundleVersionId} not found`);
    const staging = `${root}.${randomUUID()}.tmp`;
    try {
      await extractArchive(archive, staging);
      const manifest = await readManifest(staging);
      const compiled = await compileBundle(staging, manifest.entries);
      await writeFile(join(staging, READY_MARKER), JSON.stringify(compiled));
      await mkdir(join(root, '..'), { recursive: true });
      await rename(staging, root).catch(async (error) => {
        if (!(await this.readMarker(root))) throw error;
      });
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    const built = await this.readMarker(root);
    if (!built) throw new Error(`bundle version ${bundleVersionId} could not be prepared`);
    return built;
  }

  private async readMarker(root: string): Promise<MaterializedBundle | null> {
    try {
      await access(join(root, READY_MARKER));
      return { root, compiled: JSON.parse(await readFile(join(root, READY_MARKER), 'utf8')) };
    } catch {
      return null;
    }
  }
}
