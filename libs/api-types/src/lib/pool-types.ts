import { PageInfo } from './api-types';

/** A tenant's pool: at most `slots` task slots of its tasks are queued or running at once. */
export class Pool {
  name!: string;
  slots!: number;
  description!: string;
  /** Slots held by running task instances. */
  runningSlots!: number;
  /** Slots held by task instances queued for a worker. */
  queuedSlots!: number;
  /** Slots still free. */
  openSlots!: number;
  /** Ready task instances waiting for a slot (of this pool, their tenant's limit or the platform's). */
  scheduledTasks!: number;
  updatedAt!: string;
}

export class CreatePoolRequest {
  name!: string;
  slots!: number;
  description?: string;
}

export class UpdatePoolRequest {
  slots?: number;
  description?: string;
}

export class PoolPage extends PageInfo {
  items!: Pool[];
}
