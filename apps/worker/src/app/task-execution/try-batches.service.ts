import { Inject, Injectable, Logger } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { FinishedTry, RunEvaluator } from '@updraft/orchestration';
import { TaskInstanceEntity, TaskInstanceRef, TaskInstanceRepository, TaskLogRepository, TryEnd, TryLogLines } from '@updraft/persistence';
import { hostname } from 'node:os';
import { GroupCommit } from './group-commit';

/** A try that ends for good hands off in its end's batch. */
export interface TryHandOff {
  finished: FinishedTry;
  /** Called once the end is committed, just before the batch's dispatch (which may pass the try's slot on). */
  beforeDispatch(): void;
}

export interface TryEnded {
  /** False when the try was no longer running (cleared, reaped or marked meanwhile). */
  applied: boolean;
  /** With a hand-off: settles once its run's end has been checked (never rejects). */
  runEndChecked: Promise<void> | null;
}

interface EndWithHandOff {
  tryEnd: TryEnd;
  handOff: TryHandOff | null;
}

/**
 * The worker's writes on the path of every try, each gathered across the tries running at the
 * same moment: claims, log lines, outcomes and the hand-off to what runs next each cost one
 * statement per batch, not one per try. This is what lets many short tasks share a worker.
 */
@Injectable()
export class TryBatches {
  readonly host: string;
  private readonly claims: GroupCommit<TaskInstanceRef, TaskInstanceEntity | null>;
  private readonly ends: GroupCommit<EndWithHandOff, TryEnded>;
  private readonly logLines: GroupCommit<TryLogLines, void>;

  constructor(@Inject(UPDRAFT_CONFIG) config: UpdraftConfig, taskInstances: TaskInstanceRepository, logs: TaskLogRepository, evaluator: RunEvaluator) {
    const host = (this.host = config.workerHostname || `${hostname()}:${process.pid}`);
    this.claims = new GroupCommit(function claims(refs) { return taskInstances.claimMany(refs, host); });
    // The hand-off rides in its end's batch: ending and dispatching are one stage, so every try that
    // ends meanwhile joins the next batch whole and the slots pass on together, in few round trips.
    // A batch is done once it has dispatched: it does not wait for the runs' end checks.
    this.ends = new GroupCommit<EndWithHandOff, TryEnded>(async (items) => {
      // What the hand-offs decide on next is read by the same statement, when nothing else can change it (a chain's next task).
      const read = evaluator.readWithEnds(items.flatMap((i) => (i.handOff ? [i.handOff.finished] : [])));
      const { applied, instances } = await taskInstances.finishManyReading(items.map((i) => i.tryEnd), read);
      const finished = items.flatMap((i, n) =>
        i.handOff ? [{ ...i.handOff.finished, ended: applied[n] ? { taskInstanceId: i.tryEnd.taskInstanceId, state: i.tryEnd.state } : undefined }] : [],
      );
      if (finished.length === 0) return applied.map((a) => ({ applied: a, runEndChecked: null }));
      for (const item of items) item.handOff?.beforeDispatch();
      const { dispatched, ended } = evaluator.afterTries(finished, { read, instances });
      // The outcomes are stored: the scheduler's sweep evaluates the runs again and queues what is ready.
      await dispatched.catch((error) => Logger.warn(`hand-off after ${finished.length} try(s) failed, left to the sweep: ${(error as Error).message}`, TryBatches.name));
      return items.map((i, n) => ({ applied: applied[n], runEndChecked: i.handOff ? ended : null }));
    });
    this.logLines = new GroupCommit<TryLogLines, void>(async (batches) => {
      await logs.appendMany(batches);
      return batches.map(() => undefined);
    });
  }

  /** The instance, now running this worker's next try of it; null when it was not queued any more. */
  claim(ref: TaskInstanceRef): Promise<TaskInstanceEntity | null> {
    return this.claims.submit(ref);
  }

  /** Stores the try's outcome; with `handOff`, then decides and dispatches what follows it. */
  end(tryEnd: TryEnd, handOff: TryHandOff | null = null): Promise<TryEnded> {
    return this.ends.submit({ tryEnd, handOff });
  }

  appendLog(lines: TryLogLines): Promise<void> {
    return this.logLines.submit(lines);
  }
}
