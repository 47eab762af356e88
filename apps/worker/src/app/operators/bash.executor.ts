import { Inject, Injectable } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { prepareScratch, runBash, TaskOutcome } from '@updraft/sandbox';
import { resolve, sep } from 'node:path';
import type { OperatorExecutor, TryContext } from './operator-executor';

@Injectable()
export class BashExecutor implements OperatorExecutor {
  readonly operators = ['bash'] as const;

  constructor(@Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig) {}

  async execute({ task, scratch, sink, signal, timeoutMs }: TryContext): Promise<TaskOutcome> {
    const config = task.config as { command: string; env: Record<string, string>; cwd: string | null };
    await prepareScratch(scratch);
    const cwd = resolve(scratch, config.cwd ?? '.');
    if (cwd !== scratch && !cwd.startsWith(scratch + sep)) return { outcome: 'fail', message: `cwd '${config.cwd}' must stay inside the task's scratch folder` };
    return runBash({
      command: config.command, env: config.env, cwd, scratchDir: scratch, timeoutMs,
      isolateNetwork: this.config.sandboxNetworkIsolation, onOutput: sink.write.bind(sink), signal,
    });
  }
}
