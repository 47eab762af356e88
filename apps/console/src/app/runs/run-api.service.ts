import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ClearResult, DagRun, MarkPreview, Page, TaskInstance } from '@updraft/api-types';
import { Observable, forkJoin, map, of, switchMap } from 'rxjs';
import { apiPath } from '../core/api.service';

export interface ClearRequest {
  taskIds?: string[];
  upstream?: boolean;
  downstream?: boolean;
  onlyFailed?: boolean;
}

/** The most the API answers in one page. */
const TASK_PAGE = 500;

/** The run page's calls: one run, its task instances, and the operations on them (each with a dry run). */
@Injectable({ providedIn: 'root' })
export class RunApiService {
  private readonly http = inject(HttpClient);

  private runPath(tenant: string, dagId: string, runId: string, ...rest: string[]): string {
    return apiPath('tenants', tenant, 'dags', dagId, 'dagRuns', runId, ...rest);
  }

  getRun(tenant: string, dagId: string, runId: string): Observable<DagRun> {
    return this.http.get<DagRun>(this.runPath(tenant, dagId, runId));
  }

  taskInstances(
    tenant: string,
    dagId: string,
    runId: string,
    limit = TASK_PAGE,
    offset = 0,
  ): Observable<Page<TaskInstance>> {
    return this.http.get<Page<TaskInstance>>(this.runPath(tenant, dagId, runId, 'taskInstances'), {
      params: new HttpParams().set('limit', limit).set('offset', offset),
    });
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
    return this.http.post<ClearResult>(this.runPath(tenant, dagId, runId, 'clear'), { ...request, dryRun });
  }

  previewMark(tenant: string, dagId: string, runId: string, state: 'success' | 'failed'): Observable<MarkPreview> {
    return this.http.patch<MarkPreview>(this.runPath(tenant, dagId, runId), { state, dryRun: true });
  }

  mark(tenant: string, dagId: string, runId: string, state: 'success' | 'failed'): Observable<DagRun> {
    return this.http.patch<DagRun>(this.runPath(tenant, dagId, runId), { state });
  }

  trigger(tenant: string, dagId: string, conf: Record<string, unknown>, logicalDate?: string): Observable<DagRun> {
    return this.http.post<DagRun>(
      apiPath('tenants', tenant, 'dags', dagId, 'dagRuns'),
      logicalDate ? { conf, logicalDate } : { conf },
    );
  }
}
