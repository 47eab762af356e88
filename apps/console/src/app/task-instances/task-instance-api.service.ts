import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { MarkPreview, TaskDependencies, TaskInstance, TaskLog, TaskTry, XComEntry } from '@updraft/api-types';
import { Observable } from 'rxjs';
import { apiPath } from '../core/api.service';

export interface TaskInstanceRef {
  tenant: string;
  dagId: string;
  runId: string;
  taskId: string;
  mapIndex: number;
}

/** The task instance page's calls. The log route may grow paging fields (`next`, `truncated`); they are read when present. */
@Injectable({ providedIn: 'root' })
export class TaskInstanceApiService {
  private readonly http = inject(HttpClient);

  path(ref: TaskInstanceRef, ...rest: (string | number)[]): string {
    return apiPath(
      'tenants',
      ref.tenant,
      'dags',
      ref.dagId,
      'dagRuns',
      ref.runId,
      'taskInstances',
      ref.taskId,
      ...rest,
    );
  }

  private params(ref: TaskInstanceRef): HttpParams {
    return ref.mapIndex >= 0 ? new HttpParams().set('mapIndex', ref.mapIndex) : new HttpParams();
  }

  get(ref: TaskInstanceRef): Observable<TaskInstance> {
    return this.http.get<TaskInstance>(this.path(ref), { params: this.params(ref) });
  }

  tries(ref: TaskInstanceRef): Observable<{ items: TaskTry[] }> {
    return this.http.get<{ items: TaskTry[] }>(this.path(ref, 'tries'), { params: this.params(ref) });
  }

  dependencies(ref: TaskInstanceRef): Observable<TaskDependencies> {
    return this.http.get<TaskDependencies>(this.path(ref, 'dependencies'), { params: this.params(ref) });
  }

  xcom(ref: TaskInstanceRef): Observable<{ items: XComEntry[] }> {
    return this.http.get<{ items: XComEntry[] }>(this.path(ref, 'xcomEntries'));
  }

  log(ref: TaskInstanceRef, tryNumber: number, after?: string): Observable<TaskLog> {
    const params = after ? this.params(ref).set('after', after) : this.params(ref);
    return this.http.get<TaskLog>(this.path(ref, 'logs', tryNumber), { params });
  }

  logStreamUrl(ref: TaskInstanceRef, tryNumber: number): string {
    const query = ref.mapIndex >= 0 ? `?mapIndex=${ref.mapIndex}` : '';
    return `${this.path(ref, 'logs', tryNumber, 'stream')}${query}`;
  }

  previewMark(ref: TaskInstanceRef, state: 'success' | 'failed'): Observable<MarkPreview> {
    return this.http.patch<MarkPreview>(this.path(ref), { state, dryRun: true }, { params: this.params(ref) });
  }

  mark(ref: TaskInstanceRef, state: 'success' | 'failed'): Observable<TaskInstance> {
    return this.http.patch<TaskInstance>(this.path(ref), { state }, { params: this.params(ref) });
  }
}
