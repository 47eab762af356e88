import { Inject, Injectable } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { FinishedTry, HandOff, RunEvaluator } from '@updraft/orchestration';
import { TaskInstanceEntity, TaskInstanceRef, TaskInstanceRepository, TaskLogRepository, TryEnd, TryLogLines } from '@updraft/persistence';
import { hostname } from 'node:os';
import { GroupCommit } from './group-commit';

/**
 * The worker's writes on the path of every try, each gathered across the tries running at the
 * same moment: claims, log lines, outcomes and the hand-off to what runs next each cost one
 * statement per batch, not one per try. This is what lets many short tasks share a worker.
 */
@Injectable()
export class TryBatches {
  readonly host: string;
  private readonly claims: GroupCommit<TaskInstanceRef, TaskInstanceEntity | null>;
  private readonly ends: GroupCommit<TryEnd, boolean>;
  private readonly logLines: GroupCommit<TryLogLines, void>;
  private readonly handOffs: GroupCommit<FinishedTry, Pick<HandOff, 'ended'>>;

  constructor(@Inject(UPDRAFT_CONFIG) config: UpdraftConfig, taskInstances: TaskInstanceRepository, logs: TaskLogRepository, evaluator: RunEvaluator) {
    const host = (this.host = config.workerHostname || `${hostname()}:${process.pid}`);
    this.claims = new GroupCommit(function claims(refs) { return taskInstances.claimMany(refs, host); });
    this.ends = new GroupCommit(function ends(tries) { return taskInstances.finishMany(tries); });
    this.logLines = new GroupCommit<TryLogLines, void>(async (batches) => {
      await logs.appendMany(batches);
      return batches.map(() => undefined);
    });
    // A batch is done once it has dispatched: the next batch does not wait for the runs' ends.
    this.handOffs = new GroupCommit<FinishedTry, Pick<HandOff, 'ended'>>(async (finished) => {
      const { dispatched, ended } = evaluator.afterTries(finished);
      await dispatched;
      return finished.map(() => ({ ended }));
    });
  }

  /** The instance, now running this worker's next try of it; null when it was not queued any more. */
  claim(ref: TaskInstanceRef): Promise<TaskInstanceEntity | null> {
    return this.claims.submit(ref);
  }

  /** False when the try was no longer running (cleared, reaped or marked meanwhile). */
  end(tryEnd: TryEnd): Promise<boolean> {
    return this.ends.submit(tryEnd);
  }

  appendLog(lines: TryLogLines): Promise<void> {
    return this.logLines.submit(lines);
  }

  /**
   * After the try's outcome is committed: decide and queue what follows it; resolves once that is
   * dispatched, with `ended` for the run's end (the scheduler's sweep is the safety net).
   */
  handOff(finished: FinishedTry): Promise<Pick<HandOff, 'ended'>> {
    return this.handOffs.submit(finished);
  }
}
