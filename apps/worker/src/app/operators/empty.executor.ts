import { Injectable } from '@nestjs/common';
import type { TaskOutcome } from '@updraft/sandbox';
import type { OperatorExecutor } from './operator-executor';

@Injectable()
export class EmptyExecutor implements OperatorExecutor {
  readonly operators = ['empty'] as const;

  async execute(): Promise<TaskOutcome> {
    return { outcome: 'success', valueJson: null };
  }
}
