import { DagRun, PageInfo } from './api-types';

/** `POST /tenants/{tenant}/dags/{dagId}/backfills`: logical dates from `from` to `to`, both included. */
export class CreateBackfillRequest {
  from!: string;
  to!: string;
  /** Clear and run again the finished runs already in the range (default: leave them as they are). */
  reprocess?: boolean;
}

export class Backfill {
  id!: string;
  dagId!: string;
  from!: string;
  to!: string;
  reprocess!: boolean;
  createdAt!: string;
  /** How many of its runs are in each state. */
  runs!: Record<'queued' | 'running' | 'success' | 'failed', number>;
}

export class BackfillCreated extends Backfill {
  /** New runs of type `backfill`, oldest first; they start as `maxActiveRuns` allows. */
  created!: DagRun[];
  /** Existing runs cleared to run again (with `reprocess`). */
  reprocessed!: DagRun[];
  /** Logical dates left alone: they already had a run (unfinished, or `reprocess` was not asked). */
  skipped!: string[];
}

export class BackfillPage extends PageInfo {
  items!: Backfill[];
}
