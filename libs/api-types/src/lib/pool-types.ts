/** A tenant's pool: at most `slots` task slots of its tasks are queued or running at once. */
export interface Pool {
  name: string;
  slots: number;
  description: string;
  /** Slots held by running task instances. */
  runningSlots: number;
  /** Slots held by task instances queued for a worker. */
  queuedSlots: number;
  /** Slots still free. */
  openSlots: number;
  /** Ready task instances waiting for a slot (of this pool, their tenant's limit or the platform's). */
  scheduledTasks: number;
  updatedAt: string;
}

export interface CreatePoolRequest {
  name: string;
  slots: number;
  description?: string;
}

export interface UpdatePoolRequest {
  slots?: number;
  description?: string;
}
