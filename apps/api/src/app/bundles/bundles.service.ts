import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { BundleRejected, detectArchiveFormat, extractArchive, readManifest } from '@updraft/bundles';
import { BundleRepository, BundleVersionEntity, PageRequest, RollbackRefused } from '@updraft/persistence';
import { JOBS, ParseBundleJobData, QUEUES } from '@updraft/queues';
import type { Bundle } from '@updraft/api-types';
import type { Queue } from 'bull';
import { BundleException, versionNotFound } from './bundles.exception';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WAIT_LIMIT_MS = 30_000;

export function toBundleView(b: BundleVersionEntity, deployers: Map<string, string>): Bundle {
  return {
    id: b.id,
    name: b.name,
    version: b.version,
    status: b.status,
    errors: b.errors,
    dagIds: b.dagIds,
    archiveSha256: b.archiveSha256,
    createdAt: b.createdAt.toISOString(),
    parsedAt: b.parsedAt ? b.parsedAt.toISOString() : null,
    deployedBy: (b.createdBy && deployers.get(b.createdBy)) ?? null,
  };
}

@Injectable()
export class BundlesService {
  constructor(
    private readonly bundles: BundleRepository,
    @InjectQueue(QUEUES.bundles) private readonly queue: Queue<ParseBundleJobData>,
  ) {}

  /**
   * Accepts an upload: the archive must extract safely and carry a valid manifest (else 400 and
   * nothing is stored); it is then kept as a new immutable version and parsed by a worker.
   */
  async upload(tenantId: string, userId: string, archive: Buffer | undefined, wait: boolean) {
    if (!archive || archive.length === 0)
      throw new BundleException(
        'archiveMissing',
        'file: a bundle archive (.tar.gz or .zip) is required in the multipart field "file"',
      );
    const scratch = await mkdtemp(join(tmpdir(), 'updraft-upload-'));
    let manifestName: string;
    let format: 'tar.gz' | 'zip';
    try {
      format = detectArchiveFormat(archive);
      await extractArchive(archive, scratch);
      manifestName = (await readManifest(scratch)).name;
    } catch (error) {
      if (error instanceof BundleRejected)
        throw new BundleException('bundleRejected', `bundle rejected: ${error.message}`, error.problems);
      throw error;
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    const version = await this.bundles.createVersion(tenantId, {
      name: manifestName,
      archive,
      format,
      createdBy: userId,
    });
    await this.queue.add(JOBS.parseBundle, { tenantId, bundleVersionId: version.id });
    return this.view(tenantId, wait ? await this.waitForParse(tenantId, version.id) : version);
  }

  async get(tenantId: string, id: string) {
    const version = await this.bundles.get(tenantId, id);
    if (!version) throw versionNotFound(id);
    return this.view(tenantId, version);
  }

  /** Makes an earlier, successfully parsed version active again (its DAGs as they were then). */
  async rollback(tenantId: string, id: string) {
    try {
      const version = await this.bundles.rollback(tenantId, id);
      if (!version) throw versionNotFound(id);
      return await this.view(tenantId, version);
    } catch (error) {
      if (error instanceof RollbackRefused)
        throw new BundleException('rollbackRefused', `cannot roll back to this version: ${error.message}`);
      throw error;
    }
  }

  async list(tenantId: string, page: PageRequest) {
    const result = await this.bundles.list(tenantId, page);
    const deployers = await this.bundles.deployerEmails(tenantId, [
      ...new Set(result.items.flatMap((b) => (b.createdBy ? [b.createdBy] : []))),
    ]);
    return { ...result, items: result.items.map((b) => toBundleView(b, deployers)) };
  }

  private async view(tenantId: string, version: BundleVersionEntity): Promise<Bundle> {
    return toBundleView(
      version,
      await this.bundles.deployerEmails(tenantId, version.createdBy ? [version.createdBy] : []),
    );
  }

  private async waitForParse(tenantId: string, id: string): Promise<BundleVersionEntity> {
    const deadline = Date.now() + WAIT_LIMIT_MS;
    for (;;) {
      const version = await this.bundles.get(tenantId, id);
      if (!version) throw versionNotFound(id);
      if (!['pending', 'parsing'].includes(version.status) || Date.now() > deadline) return version;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
