import { Inject, Injectable } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { resolveParams } from '@updraft/domain';
import { fieldsToRender } from '@updraft/operators';
import { prepareScratch, RenderOutcome, runInSandbox, TaskOutcome, TemplateContext } from '@updraft/sandbox';
import type { SerializedTask } from '@updraft/sdk';
import { AssetOutlets } from '../assets/asset-outlets.service';
import { PlatformCalls } from '../operators/platform-calls.service';
import type { TryContext } from '../operators/operator-executor';
import { SANDBOX_RUNNER } from '../sandbox-runner-path';

/** A render only formats text; it gets this long at most, whatever the task's own limit. */
const RENDER_TIMEOUT_MS = 30_000;

/** What templates (and tenant functions) see of the try's run. */
export function templateContextOf(
  { ti, task, loaded }: Pick<TryContext, 'ti' | 'task' | 'loaded'>,
  triggeringAssetEvents: TemplateContext['triggeringAssetEvents'] = {},
): TemplateContext {
  const run = loaded.run;
  const logicalDate = run.logicalDate.toISOString();
  return {
    dagId: run.dagId,
    taskId: task.taskId,
    operator: task.operator,
    runId: run.runId,
    logicalDate,
    ds: logicalDate.slice(0, 10),
    dataIntervalStart: run.dataIntervalStart.toISOString(),
    dataIntervalEnd: run.dataIntervalEnd.toISOString(),
    tryNumber: ti.tryNumber,
    mapIndex: ti.mapIndex,
    params: resolveParams(loaded.serialized.params, run.conf).params,
    conf: run.conf,
    triggeringAssetEvents,
  };
}

/**
 * Renders a task's declared template fields before its executor runs. Templates are tenant input,
 * so they render in a sandbox process of their own; a task whose fields hold no `{{` or `{%` costs
 * nothing. XCom, variables and connections reach the template through platform calls.
 */
@Injectable()
export class TemplateRenderer {
  constructor(
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
    @Inject(SANDBOX_RUNNER) private readonly runnerPath: string,
    private readonly platform: PlatformCalls,
    private readonly outlets: AssetOutlets,
  ) {}

  /** The task with its template fields rendered, or the failed outcome that ends the try. */
  async render(context: TryContext): Promise<SerializedTask | TaskOutcome> {
    const { task, ti, scratch, sink, signal, timeoutMs } = context;
    const fields = fieldsToRender(task);
    if (Object.keys(fields).length === 0) return task;
    await prepareScratch(scratch);
    const result = await runInSandbox(
      {
        kind: 'render',
        fields,
        context: templateContextOf(context, await this.outlets.triggeringEvents(context.loaded)),
      },
      {
        runnerPath: this.runnerPath,
        readable: [],
        scratchDir: scratch,
        memoryMb: this.config.sandboxMemoryMb,
        timeoutMs: Math.min(timeoutMs, RENDER_TIMEOUT_MS),
        isolateNetwork: this.config.sandboxNetworkIsolation,
        onOutput: sink.write.bind(sink),
        signal,
        allowCodeGeneration: true,
        onCall: (call) => this.platform.answer(ti, call, sink),
      },
    );
    if ('rendered' in result) return { ...task, config: { ...task.config, ...(result as RenderOutcome).rendered } };
    if ('outcome' in result && result.outcome !== 'success')
      return { outcome: 'fail', message: `rendering templates failed: ${result.message}` };
    return { outcome: 'fail', message: 'rendering templates failed: the sandbox gave no result' };
  }
}
