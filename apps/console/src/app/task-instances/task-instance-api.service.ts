import { Injectable, inject } from '@angular/core';
import type { MarkPreview, TaskDependencies, TaskInstance, TaskLog, TaskTry, XComEntry } from '@updraft/api-types';
import { Observable } from 'rxjs';
import { ApiHttp, apiUrl, queryParams } from '../core/api.service';

export interface TaskInstanceRef {
  tenant: string;
  dagId: string;
  runId: string;
  taskId: string;
  mapIndex: number;
}

const TI = '/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns/{runId}/taskInstances/{taskId}';

/** The task instance page's calls. */
@Injectable({ providedIn: 'root' })
export class TaskInstanceApiService {
  private readonly api = inject(ApiHttp);

  private params(ref: TaskInstanceRef) {
    return { tenant: ref.tenant, dagId: ref.dagId, runId: ref.runId, taskId: ref.taskId };
  }

  private mapIndex(ref: TaskInstanceRef): { mapIndex?: number } {
    return ref.mapIndex >= 0 ? { mapIndex: ref.mapIndex } : {};
  }

  get(ref: TaskInstanceRef): Observable<TaskInstance> {
    return this.api.get(TI, this.params(ref), this.mapIndex(ref));
  }

  tries(ref: TaskInstanceRef): Observable<{ items: TaskTry[] }> {
    return this.api.get(`${TI}/tries`, this.params(ref), this.mapIndex(ref));
  }

  dependencies(ref: TaskInstanceRef): Observable<TaskDependencies> {
    return this.api.get(`${TI}/dependencies`, this.params(ref), this.mapIndex(ref));
  }

  xcom(ref: TaskInstanceRef): Observable<{ items: XComEntry[] }> {
    return this.api.get(`${TI}/xcomEntries`, this.params(ref));
  }

  log(ref: TaskInstanceRef, tryNumber: number, after?: string): Observable<TaskLog> {
    return this.api.get(
      `${TI}/logs/{try}`,
      { ...this.params(ref), try: tryNumber },
      after ? { ...this.mapIndex(ref), after } : this.mapIndex(ref),
    );
  }

  /** The log stream's URL (Server-Sent Events, read with fetch by the page's follower). */
  logStreamUrl(ref: TaskInstanceRef, tryNumber: number): string {
    const query = queryParams(this.mapIndex(ref)).toString();
    return `${apiUrl(`${TI}/logs/{try}/stream`, { ...this.params(ref), try: tryNumber })}${query ? `?${query}` : ''}`;
  }

  previewMark(ref: TaskInstanceRef, state: 'success' | 'failed'): Observable<MarkPreview> {
    // With dryRun the route answers the preview.
    return this.api.patch(TI, this.params(ref), { state, dryRun: true }, this.mapIndex(ref)) as Observable<MarkPreview>;
  }

  mark(ref: TaskInstanceRef, state: 'success' | 'failed'): Observable<TaskInstance> {
    return this.api.patch(TI, this.params(ref), { state }, this.mapIndex(ref)) as Observable<TaskInstance>;
  }
}
