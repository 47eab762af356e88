import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { storableText } from '@updraft/domain';
import {
  BashConfinement,
  prepareBashRoot,
  prepareScratch,
  removeBashRoot,
  runBash,
  TaskOutcome,
} from '@updraft/sandbox';
import { join, resolve, sep } from 'node:path';
import { BundleCache } from '../bundle-cache/bundle-cache.service';
import type { OperatorExecutor, TryContext } from './operator-executor';

/**
 * Runs `bash` tasks: each try under a uid of its own with process and memory limits and, where the
 * host allows (root, mount and PID namespaces), confined to a root holding only system files, its
 * scratch folder and its bundle version. Where it does not, the worker says so once at boot.
 */
@Injectable()
export class BashExecutor implements OperatorExecutor, OnModuleInit, OnApplicationShutdown {
  readonly operators = ['bash'] as const;
  private readonly logger = new Logger(BashExecutor.name);
  private confinement: BashConfinement = { confined: false, reason: 'the bash root is not prepared yet' };

  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    private readonly cache: BundleCache,
  ) {}

  async onModuleInit(): Promise<void> {
    // Platform folders stay hidden even if they lie inside a system tree a try sees (an install under /usr); __dirname is the built worker's folder.
    const platform = [this.config.dataDir, process.cwd(), __dirname];
    this.confinement = await prepareBashRoot(join(this.config.dataDir, 'sandboxes', `bash-${process.pid}`), platform);
    if (!this.confinement.confined)
      this.logger.warn(`bash tasks are not confined to their files: ${this.confinement.reason}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await removeBashRoot(this.confinement);
  }

  async execute({ ti, task, loaded, scratch, sink, signal, timeoutMs }: TryContext): Promise<TaskOutcome> {
    const config = task.config as { command: string; env: Record<string, string>; cwd: string | null };
    await prepareScratch(scratch);
    const cwd = resolve(scratch, config.cwd ?? '.');
    if (cwd !== scratch && !cwd.startsWith(scratch + sep))
      return { outcome: 'fail', message: `cwd '${config.cwd}' must stay inside the task's scratch folder` };
    const bundle = await this.cache.materialize(ti.tenantId, loaded.bundleVersionId);
    const outcome = await runBash({
      command: config.command,
      env: config.env,
      cwd,
      scratchDir: scratch,
      bundleDir: bundle.root,
      confinement: this.confinement,
      timeoutMs,
      memoryMb: this.config.sandboxMemoryMb,
      maxProcesses: this.config.sandboxBashMaxProcesses,
      isolateNetwork: this.config.sandboxNetworkIsolation,
      onOutput: sink.write.bind(sink),
      signal,
    });
    // The last line of output is the XCom (as in Airflow): stored as its log line is, a NUL shown as U+FFFD, rather than failing the task.
    return outcome.outcome === 'success' && outcome.valueJson !== null
      ? { ...outcome, valueJson: JSON.stringify(storableText(JSON.parse(outcome.valueJson))) }
      : outcome;
  }
}
