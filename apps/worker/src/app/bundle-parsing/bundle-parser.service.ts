import { Inject, Injectable, Logger } from '@nestjs/common';
import { BundleRejected } from '@updraft/bundles';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { BundleRepository, ParsedDag } from '@updraft/persistence';
import { ParseBundleJobData } from '@updraft/queues';
import { ParseOutcome, prepareScratch, runInSandbox } from '@updraft/sandbox';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BundleCache } from '../bundle-cache/bundle-cache.service';
import { SANDBOX_RUNNER } from '../sandbox-runner-path';

/** Turns an uploaded bundle version into serialized DAGs by loading its code in the sandbox. */
@Injectable()
export class BundleParser {
  private readonly logger = new Logger(BundleParser.name);
  private claiming = true;

  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    @Inject(SANDBOX_RUNNER) private readonly runnerPath: string,
    private readonly bundles: BundleRepository,
    private readonly cache: BundleCache,
  ) {}

  /**
   * Parses what is waiting, claimed fairly between tenants (docs/scheduling.md, "Bundle parsing"),
   * until nothing can be claimed. Parse jobs are only a hint that something waits: whichever job
   * runs parses the next version in turn, not necessarily the one it was queued for.
   */
  async parseWaiting(): Promise<void> {
    while (this.claiming) {
      const next = await this.bundles.claimNextParse(this.config.parseTimeoutMs);
      if (!next) return;
      await this.parseClaimed(next);
    }
  }

  /** A draining worker finishes the parses it has but claims no more. */
  stopClaiming(): void {
    this.claiming = false;
  }

  /** Parses this version now, whatever else waits. */
  async parse({ tenantId, bundleVersionId }: ParseBundleJobData): Promise<void> {
    if (await this.bundles.markParsing(tenantId, bundleVersionId))
      await this.parseClaimed({ tenantId, bundleVersionId });
  }

  private async parseClaimed({ tenantId, bundleVersionId }: ParseBundleJobData): Promise<void> {
    const started = Date.now();
    let materialized;
    try {
      materialized = await this.cache.materialize(tenantId, bundleVersionId);
    } catch (error) {
      if (error instanceof BundleRejected) return this.bundles.fail(tenantId, bundleVersionId, error.problems);
      throw error;
    }
    const scratch = join(this.config.dataDir, 'scratch', `parse-${bundleVersionId}`);
    await prepareScratch(scratch);
    const output: string[] = [];
    const result = await runInSandbox(
      { kind: 'parse', root: materialized.root, files: materialized.compiled.map((c) => c.compiled) },
      {
        runnerPath: this.runnerPath,
        readable: [materialized.root],
        scratchDir: scratch,
        memoryMb: this.config.sandboxMemoryMb,
        timeoutMs: this.config.parseTimeoutMs,
        isolateNetwork: this.config.sandboxNetworkIsolation,
        onOutput: (stream, message) => output.length < 20 && stream !== 'stdout' && output.push(message),
      },
    ).finally(() => rm(scratch, { recursive: true, force: true }));
    if ('outcome' in result) {
      const detail = result.outcome === 'error' ? result.message : 'the bundle did not finish loading';
      return this.bundles.fail(tenantId, bundleVersionId, [
        { file: '(bundle)', message: `loading the bundle failed: ${detail}` },
      ]);
    }
    const parsed = result as ParseOutcome;
    const sourceOf = new Map(materialized.compiled.map((c) => [c.compiled, c.entry]));
    if (parsed.problems.length > 0) {
      return this.bundles.fail(
        tenantId,
        bundleVersionId,
        parsed.problems.map((p) => ({ ...p, file: sourceOf.get(p.file) ?? p.file })),
      );
    }
    const dags: ParsedDag[] = parsed.files.flatMap((f) =>
      f.dags.map((serialized) => ({ dagId: serialized.dagId, entryFile: f.file, serialized })),
    );
    if (dags.length === 0) {
      return this.bundles.fail(tenantId, bundleVersionId, [
        { file: '(bundle)', message: 'the bundle defines no DAG: call dag(...) in an entry file' },
      ]);
    }
    const version = await this.bundles.activate(tenantId, bundleVersionId, dags);
    this.logger.log(
      `bundle version ${bundleVersionId} of tenant ${tenantId}: ${version?.status} with ${dags.length} DAG(s) in ${Date.now() - started} ms`,
    );
  }
}
