import { Injectable, inject } from '@angular/core';
import type { Backfill, BackfillCreated, BackfillPlan, CreateBackfillRequest } from '@updraft/api-types';
import { Observable } from 'rxjs';
import { ApiHttp } from '../core/api.service';

const BACKFILLS = '/api/v1/tenants/{tenant}/dags/{dagId}/backfills';

@Injectable({ providedIn: 'root' })
export class BackfillApiService {
  private readonly api = inject(ApiHttp);

  preview(tenant: string, dagId: string, request: CreateBackfillRequest): Observable<BackfillPlan> {
    // With dryRun the route answers the plan (200).
    return this.api.post(BACKFILLS, { tenant, dagId }, { ...request, dryRun: true }) as Observable<BackfillPlan>;
  }

  create(tenant: string, dagId: string, request: CreateBackfillRequest): Observable<BackfillCreated> {
    return this.api.post(BACKFILLS, { tenant, dagId }, request) as Observable<BackfillCreated>;
  }

  get(tenant: string, dagId: string, backfillId: string): Observable<Backfill> {
    // The document declares `runs` as counts by state name; every run state is there.
    return this.api.get(`${BACKFILLS}/{backfillId}`, { tenant, dagId, backfillId }) as Observable<Backfill>;
  }
}
