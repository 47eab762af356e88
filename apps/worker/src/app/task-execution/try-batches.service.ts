import { Inject, Injectable } from '@nestjs/common';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { EndingTry, RunEvaluator } from '@updraft/orchestration';
import {
  isDatabaseUnreachable,
  TaskInstanceEntity,
  TaskInstanceRef,
  TaskInstanceRepository,
  TaskLogRepository,
  TryEnd,
  TryLogLines,
} from '@updraft/persistence';
import { hostname } from 'node:os';
import { GroupCommit, Isolation } from './group-commit';

export interface TryEnded {
  /** False when the try was no longer running (cleared, reaped or marked meanwhile). */
  applied: boolean;
  /** With a hand-off: settles once what follows it is dispatched and its run's end checked (never rejects). */
  runEndChecked: Promise<void> | null;
}

/** A failed batch is written again item by item unless PostgreSQL is unreachable (then every item is retried by its try alike). */
const itemByItem = <T>(again?: (item: T) => T): Isolation<T> => ({
  when: (error) => !isDatabaseUnreachable(error),
  again,
});

/**
 * The worker's writes on the path of every try, each gathered across the tries running at the
 * same moment: claims, log lines, outcomes and the hand-off to what runs next each cost one
 * statement per batch, not one per try. This is what lets many short tasks share a worker.
 * A batch carries many tenants' tries, so one that fails is written again item by item: only the
 * try at fault fails (what tenant code produces is made storable first, see `storable-values`).
 */
@Injectable()
export class TryBatches {
  readonly host: string;
  private readonly claims: GroupCommit<TaskInstanceRef, TaskInstanceEntity | null>;
  private readonly ends: GroupCommit<EndingTry, TryEnded>;
  private readonly logLines: GroupCommit<TryLogLines, void>;

  constructor(
    @Inject(UPDRAFT_CONFIG) config: UpdraftConfig,
    taskInstances: TaskInstanceRepository,
    logs: TaskLogRepository,
    evaluator: RunEvaluator,
  ) {
    const host = (this.host = config.workerHostname || `${hostname()}:${process.pid}`);
    this.claims = new GroupCommit(
      function claims(refs) {
        return taskInstances.claimMany(refs, host);
      },
      256,
      1,
      itemByItem(),
    );
    // The hand-off rides in its end's batch, and the batch's slots pass on together. Two batches may
    // be in flight, so the worker runs tries while PostgreSQL stores others. A batch is done once it
    // has dispatched what its ends decided: it does not wait for the rest (a join's decision, the
    // runs' end checks). Written alone after its batch failed, an end passes no slot: the failed
    // batch's dispatch freed them.
    this.ends = new GroupCommit<EndingTry, TryEnded>(
      async (items) => {
        const { applied, ended } = await evaluator.endTries(items);
        return items.map((i, n) => ({ applied: applied[n], runEndChecked: i.handOff ? ended : null }));
      },
      256,
      2,
      itemByItem((item) =>
        item.handOff?.passesSlot ? { ...item, handOff: { ...item.handOff, passesSlot: false } } : item,
      ),
    );
    this.logLines = new GroupCommit<TryLogLines, void>(
      async (batches) => {
        await logs.appendMany(batches);
        return batches.map(() => undefined);
      },
      256,
      1,
      itemByItem(),
    );
  }

  /** The instance, now running this worker's next try of it; null when it was not queued any more. */
  claim(ref: TaskInstanceRef): Promise<TaskInstanceEntity | null> {
    return this.claims.submit(ref);
  }

  /** Stores the try's outcome; with `handOff`, then decides and dispatches what follows it. */
  end(end: TryEnd, handOff: EndingTry['handOff'] = null): Promise<TryEnded> {
    return this.ends.submit({ end, handOff });
  }

  appendLog(lines: TryLogLines): Promise<void> {
    return this.logLines.submit(lines);
  }
}
