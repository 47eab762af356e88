import { Injectable, inject } from '@angular/core';
import { Observable, forkJoin, map, of, switchMap } from 'rxjs';
import { ApiService } from '../core/api.service';
import { DagRun, DagRunState, TaskInstance } from '../core/api.types';

export interface RunWithTasks {
  run: DagRun;
  taskInstances: TaskInstance[];
}

export const RUN_HISTORY_SIZE = 25;

export function isActiveRunState(state: DagRunState): boolean {
  return state === 'queued' || state === 'running';
}

/** A DAG's newest runs, each with its task instances. */
@Injectable({ providedIn: 'root' })
export class RunHistoryService {
  private readonly api = inject(ApiService);

  /**
   * Task instances of a run that was already finished at the previous load cannot change,
   * so they are reused instead of fetched again on every poll.
   */
  load(tenant: string, dagId: string, previous: readonly RunWithTasks[] = []): Observable<RunWithTasks[]> {
    const settled = new Map(
      previous.filter((p) => p.run.dagId === dagId && !isActiveRunState(p.run.state)).map((p) => [p.run.runId, p]),
    );

    return this.api.listRuns(tenant, dagId, RUN_HISTORY_SIZE).pipe(
      switchMap((page) => {
        if (page.items.length === 0) return of([]);
        return forkJoin(
          page.items.map((run) => {
            const known = settled.get(run.runId);
            if (known && known.run.state === run.state) {
              return of({ run, taskInstances: known.taskInstances });
            }
            return this.api
              .listTaskInstances(tenant, dagId, run.runId)
              .pipe(map((tis) => ({ run, taskInstances: tis.items })));
          }),
        );
      }),
    );
  }
}
