import { Inject, Injectable } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { resolveParams } from '@updraft/domain';
import type { TaskOutcome } from '@updraft/sandbox';
import { BundleCache } from '../bundle-cache/bundle-cache.service';
import type { OperatorExecutor, TryContext } from './operator-executor';
import { WarmSandboxes } from './warm-sandboxes.service';
import { PlatformCalls } from './platform-calls.service';
import { AssetOutlets } from '../assets/asset-outlets.service';

/** Operators whose body is tenant code: run in a (warm, when one is free) sandbox process of the task's tenant and bundle version. */
@Injectable()
export class FunctionExecutor implements OperatorExecutor {
  readonly operators = ['task', 'branch', 'short_circuit'] as const;

  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    private readonly sandboxes: WarmSandboxes,
    private readonly platform: PlatformCalls,
    private readonly cache: BundleCache,
    private readonly outlets: AssetOutlets,
  ) {}

  async execute({ ti, task, loaded, mapped, sink, signal, timeoutMs }: TryContext): Promise<TaskOutcome> {
    const bundle = await this.cache.materialize(ti.tenantId, loaded.bundleVersionId);
    const run = loaded.run;
    const logicalDate = run.logicalDate.toISOString();
    const { params } = resolveParams(loaded.serialized.params, run.conf);
    const triggeringAssetEvents = await this.outlets.triggeringEvents(loaded);
    return this.sandboxes.run(
      {
        kind: 'run',
        root: bundle.root,
        file: loaded.entryFile,
        dagId: run.dagId,
        taskId: task.taskId,
        context: {
          dagId: run.dagId,
          taskId: task.taskId,
          runId: run.runId,
          logicalDate,
          ds: logicalDate.slice(0, 10),
          dataIntervalStart: run.dataIntervalStart.toISOString(),
          dataIntervalEnd: run.dataIntervalEnd.toISOString(),
          tryNumber: ti.tryNumber,
          mapIndex: ti.mapIndex,
          mapped,
          params,
          conf: run.conf,
          triggeringAssetEvents,
        },
      },
      {
        tenantId: ti.tenantId,
        bundleVersionId: loaded.bundleVersionId,
        readable: [bundle.root],
        memoryMb: this.config.sandboxMemoryMb,
        timeoutMs,
        isolateNetwork: this.config.sandboxNetworkIsolation,
        onOutput: sink.write.bind(sink),
        signal,
        // Tenant code reaches XCom, variables and connections only through its worker, for its own tenant and run.
        onCall: (call) => this.platform.answer(ti, call, sink, task),
      },
    );
  }
}
