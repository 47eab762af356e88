import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  Bundle,
  DagDetail,
  DagListItem,
  DagRun,
  DagRunState,
  DagSort,
  DagSource,
  DagVersionDiff,
  DagVersionView,
  GridData,
  Page,
  TaskInstance,
} from '@updraft/api-types';
import type { RunType } from '@updraft/domain';
import { Observable } from 'rxjs';
import { apiPath } from '../core/api.service';

export interface DagListQuery {
  search?: string;
  tags?: string[];
  team?: string;
  owner?: string;
  paused?: boolean;
  lastRunState?: DagRunState;
  sort?: DagSort;
  limit: number;
  offset: number;
  recentRuns: number;
}

export interface RunListQuery {
  state?: DagRunState;
  runType?: RunType;
  logicalDateFrom?: string;
  logicalDateTo?: string;
  limit: number;
  offset: number;
}

function toParams(query: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    params = params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return params;
}

/** The API calls behind the DAG list and the DAG page. */
@Injectable({ providedIn: 'root' })
export class DagApiService {
  private readonly http = inject(HttpClient);

  list(tenant: string, query: DagListQuery): Observable<Page<DagListItem>> {
    return this.http.get<Page<DagListItem>>(apiPath('tenants', tenant, 'dags'), { params: toParams(query) });
  }

  get(tenant: string, dagId: string): Observable<DagDetail> {
    return this.http.get<DagDetail>(apiPath('tenants', tenant, 'dags', dagId));
  }

  setPaused(tenant: string, dagId: string, isPaused: boolean): Observable<DagDetail> {
    return this.http.patch<DagDetail>(apiPath('tenants', tenant, 'dags', dagId), { isPaused });
  }

  grid(tenant: string, dagId: string, runs: number): Observable<GridData> {
    return this.http.get<GridData>(apiPath('tenants', tenant, 'dags', dagId, 'grid'), { params: toParams({ runs }) });
  }

  runs(tenant: string, dagId: string, query: RunListQuery): Observable<Page<DagRun>> {
    return this.http.get<Page<DagRun>>(apiPath('tenants', tenant, 'dags', dagId, 'dagRuns'), {
      params: toParams(query),
    });
  }

  /** Runs of every DAG the user may see. */
  allRuns(tenant: string, query: Omit<RunListQuery, 'logicalDateFrom' | 'logicalDateTo'>): Observable<Page<DagRun>> {
    return this.http.get<Page<DagRun>>(apiPath('tenants', tenant, 'dagRuns'), { params: toParams(query) });
  }

  taskInstances(tenant: string, dagId: string, runId: string): Observable<Page<TaskInstance>> {
    return this.http.get<Page<TaskInstance>>(
      apiPath('tenants', tenant, 'dags', dagId, 'dagRuns', runId, 'taskInstances'),
      {
        params: toParams({ limit: 500 }),
      },
    );
  }

  source(tenant: string, dagId: string, at: { runId?: string; versionId?: string } = {}): Observable<DagSource> {
    return this.http.get<DagSource>(apiPath('tenants', tenant, 'dags', dagId, 'source'), { params: toParams(at) });
  }

  versions(tenant: string, dagId: string): Observable<DagVersionView[]> {
    return this.http.get<DagVersionView[]>(apiPath('tenants', tenant, 'dags', dagId, 'versions'));
  }

  diff(tenant: string, dagId: string, from: string, to: string): Observable<DagVersionDiff> {
    return this.http.get<DagVersionDiff>(apiPath('tenants', tenant, 'dags', dagId, 'versions', 'diff'), {
      params: toParams({ from, to }),
    });
  }

  rollbackBundle(tenant: string, bundleVersionId: string): Observable<Bundle> {
    return this.http.post<Bundle>(apiPath('tenants', tenant, 'bundles', bundleVersionId, 'rollback'), {});
  }
}
