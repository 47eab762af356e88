/** Thrown by a DAG definition that is invalid; names the DAG, the task and the source line. */
export class DagDefinitionError extends Error {
  constructor(
    readonly dagId: string,
    readonly taskId: string | null,
    readonly source: string | null,
    reason: string,
  ) {
    super(`DAG '${dagId}'${taskId ? `, task '${taskId}'` : ''}${source ? ` (${source})` : ''}: ${reason}`);
    this.name = 'DagDefinitionError';
  }
}

/** Throw from a task to fail it at once, without retries. */
export class TaskFail extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaskFail';
  }
}

/** Throw from a task to mark it skipped. */
export class TaskSkip extends Error {
  constructor(message = 'skipped') {
    super(message);
    this.name = 'TaskSkip';
  }
}
