import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ClearResult, DagRun, MarkPreview, Page, TaskInstance } from '@updraft/api-types';
import { Observable } from 'rxjs';
import { apiPath } from '../core/api.service';

export interface ClearRequest {
  taskIds?: string[];
  upstream?: boolean;
  downstream?: boolean;
  onlyFailed?: boolean;
}

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

  taskInstances(tenant: string, dagId: string, runId: string, limit = 1000, offset = 0): Observable<Page<TaskInstance>> {
    return this.http.get<Page<TaskInstance>>(this.runPath(tenant, dagId, runId, 'taskInstances'), { params: new HttpParams().set('limit', limit).set('offset', offset) });
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
    return this.http.post<DagRun>(apiPath('tenants', tenant, 'dags', dagId, 'dagRuns'), logicalDate ? { conf, logicalDate } : { conf });
  }
}
