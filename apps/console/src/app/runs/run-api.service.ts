import { Injectable, inject } from '@angular/core';
import type { ApiBody } from '@updraft/api-client';
import type { ClearResult, DagRun, MarkPreview, Page, TaskInstance } from '@updraft/api-types';
import { Observable, forkJoin, map, of, switchMap } from 'rxjs';
import { ApiHttp } from '../core/api.service';

const RUN = '/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns/{runId}';

export type ClearRequest = Omit<ApiBody<`${typeof RUN}/clear`, 'post'>, 'dryRun'>;

/** The most the API answers in one page. */
const TASK_PAGE = 500;

/** The run page's calls: one run, its task instances, and the operations on them (each with a dry run). */
@Injectable({ providedIn: 'root' })
export class RunApiService {
  private readonly api = inject(ApiHttp);

  getRun(tenant: string, dagId: string, runId: string): Observable<DagRun> {
    return this.api.get(RUN, { tenant, dagId, runId });
  }

  taskInstances(
    tenant: string,
    dagId: string,
    runId: string,
    limit = TASK_PAGE,
    offset = 0,
  ): Observable<Page<TaskInstance>> {
    return this.api.get(`${RUN}/taskInstances`, { tenant, dagId, runId }, { limit, offset });
  }

  /** Every task instance of the run: the first page, then the rest at once. */
  allTaskInstances(tenant: string, dagId: string, runId: string): Observable<TaskInstance[]> {
    return this.taskInstances(tenant, dagId, runId).pipe(
      switchMap((first) => {
        const rest = Array.from({ length: Math.ceil(first.total / TASK_PAGE) - 1 }, (_, i) =>
          this.taskInstances(tenant, dagId, runId, TASK_PAGE, (i + 1) * TASK_PAGE),
        );
        return rest.length
          ? forkJoin(rest).pipe(map((pages) => first.items.concat(...pages.map((p) => p.items))))
          : of(first.items);
      }),
    );
  }

  clear(tenant: string, dagId: string, runId: string, request: ClearRequest, dryRun: boolean): Observable<ClearResult> {
    return this.api.post(`${RUN}/clear`, { tenant, dagId, runId }, { ...request, dryRun });
  }

  previewMark(tenant: string, dagId: string, runId: string, state: 'success' | 'failed'): Observable<MarkPreview> {
    // With dryRun the route answers the preview.
    return this.api.patch(RUN, { tenant, dagId, runId }, { state, dryRun: true }) as Observable<MarkPreview>;
  }

  mark(tenant: string, dagId: string, runId: string, state: 'success' | 'failed'): Observable<DagRun> {
    return this.api.patch(RUN, { tenant, dagId, runId }, { state }) as Observable<DagRun>;
  }

  trigger(tenant: string, dagId: string, conf: Record<string, unknown>, logicalDate?: string): Observable<DagRun> {
    return this.api.post(
      '/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns',
      { tenant, dagId },
      logicalDate ? { conf, logicalDate } : { conf },
    );
  }
}
