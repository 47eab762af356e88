import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Backfill, BackfillCreated, BackfillPlan, CreateBackfillRequest } from '@updraft/api-types';
import { Observable } from 'rxjs';
import { apiPath } from '../core/api.service';

@Injectable({ providedIn: 'root' })
export class BackfillApiService {
  private readonly http = inject(HttpClient);

  preview(tenant: string, dagId: string, request: CreateBackfillRequest): Observable<BackfillPlan> {
    return this.http.post<BackfillPlan>(apiPath('tenants', tenant, 'dags', dagId, 'backfills'), {
      ...request,
      dryRun: true,
    });
  }

  create(tenant: string, dagId: string, request: CreateBackfillRequest): Observable<BackfillCreated> {
    return this.http.post<BackfillCreated>(apiPath('tenants', tenant, 'dags', dagId, 'backfills'), request);
  }

  get(tenant: string, dagId: string, backfillId: string): Observable<Backfill> {
    return this.http.get<Backfill>(apiPath('tenants', tenant, 'dags', dagId, 'backfills', backfillId));
  }
}
