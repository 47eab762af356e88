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
import { ApiHttp } from '../core/api.service';

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

/** The API calls behind the DAG list and the DAG page. */
@Injectable({ providedIn: 'root' })
export class DagApiService {
  private readonly api = inject(ApiHttp);

  list(tenant: string, query: DagListQuery): Observable<Page<DagListItem>> {
    return this.api.get('/api/v1/tenants/{tenant}/dags', { tenant }, query);
  }

  get(tenant: string, dagId: string): Observable<DagDetail> {
    return this.api.get('/api/v1/tenants/{tenant}/dags/{dagId}', { tenant, dagId });
  }

  setPaused(tenant: string, dagId: string, isPaused: boolean): Observable<DagDetail> {
    return this.api.patch('/api/v1/tenants/{tenant}/dags/{dagId}', { tenant, dagId }, { isPaused });
  }

  grid(tenant: string, dagId: string, runs: number): Observable<GridData> {
    // The document declares `mapped` as a free-form object; its keys are task indexes.
    return this.api.get(
      '/api/v1/tenants/{tenant}/dags/{dagId}/grid',
      { tenant, dagId },
      { runs },
    ) as Observable<GridData>;
  }

  runs(tenant: string, dagId: string, query: RunListQuery): Observable<Page<DagRun>> {
    return this.api.get('/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns', { tenant, dagId }, query);
  }

  /** Runs of every DAG the user may see. */
  allRuns(tenant: string, query: Omit<RunListQuery, 'logicalDateFrom' | 'logicalDateTo'>): Observable<Page<DagRun>> {
    return this.api.get('/api/v1/tenants/{tenant}/dagRuns', { tenant }, query);
  }

  taskInstances(tenant: string, dagId: string, runId: string): Observable<Page<TaskInstance>> {
    return this.api.get(
      '/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns/{runId}/taskInstances',
      { tenant, dagId, runId },
      { limit: 500 },
    );
  }

  source(tenant: string, dagId: string, at: { runId?: string; versionId?: string } = {}): Observable<DagSource> {
    return this.api.get('/api/v1/tenants/{tenant}/dags/{dagId}/source', { tenant, dagId }, at);
  }

  versions(tenant: string, dagId: string): Observable<DagVersionView[]> {
    return this.api.get('/api/v1/tenants/{tenant}/dags/{dagId}/versions', { tenant, dagId });
  }

  diff(tenant: string, dagId: string, from: string, to: string): Observable<DagVersionDiff> {
    return this.api.get('/api/v1/tenants/{tenant}/dags/{dagId}/versions/diff', { tenant, dagId }, { from, to });
  }

  rollbackBundle(tenant: string, bundleVersionId: string): Observable<Bundle> {
    return this.api.post('/api/v1/tenants/{tenant}/bundles/{id}/rollback', { tenant, id: bundleVersionId }, {});
  }
}
