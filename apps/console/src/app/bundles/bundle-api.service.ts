import { HttpClient, HttpEvent, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Bundle, Page } from '@updraft/api-types';
import { Observable } from 'rxjs';
import { apiPath } from '../core/api.service';

@Injectable({ providedIn: 'root' })
export class BundleApiService {
  private readonly http = inject(HttpClient);

  list(tenant: string, limit = 50, offset = 0): Observable<Page<Bundle>> {
    return this.http.get<Page<Bundle>>(apiPath('tenants', tenant, 'bundles'), {
      params: new HttpParams().set('limit', limit).set('offset', offset),
    });
  }

  /** Uploads an archive, reporting upload progress events, then the new version. */
  upload(tenant: string, file: File): Observable<HttpEvent<Bundle>> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.http.post<Bundle>(apiPath('tenants', tenant, 'bundles'), form, {
      reportProgress: true,
      observe: 'events',
    });
  }

  rollback(tenant: string, id: string): Observable<Bundle> {
    return this.http.post<Bundle>(apiPath('tenants', tenant, 'bundles', id, 'rollback'), {});
  }
}
