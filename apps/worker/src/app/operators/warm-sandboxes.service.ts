import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { SandboxPool } from '@updraft/sandbox';
import { join } from 'node:path';
import { SANDBOX_RUNNER } from '../sandbox-runner-path';

/** The worker's pool of warm sandbox processes (SANDBOX_WARM_*); killed when the worker stops. */
@Injectable()
export class WarmSandboxes extends SandboxPool implements OnApplicationShutdown {
  constructor(@Inject(UPDRAFT_CONFIG) config: UpdraftConfig, @Inject(SANDBOX_RUNNER) runnerPath: string) {
    super({
      runnerPath,
      scratchRoot: join(config.dataDir, 'sandboxes'),
      maxIdle: config.sandboxWarmMaxIdle,
      idleTimeoutMs: config.sandboxWarmIdleMs,
      maxUses: config.sandboxWarmMaxUses,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
