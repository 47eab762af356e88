import { HttpEvent } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Bundle, Page } from '@updraft/api-types';
import { Observable } from 'rxjs';
import { ApiHttp } from '../core/api.service';

@Injectable({ providedIn: 'root' })
export class BundleApiService {
  private readonly api = inject(ApiHttp);

  list(tenant: string, limit = 50, offset = 0): Observable<Page<Bundle>> {
    return this.api.get('/api/v1/tenants/{tenant}/bundles', { tenant }, { limit, offset });
  }

  /** Uploads an archive, reporting upload progress events, then the new version. */
  upload(tenant: string, file: File): Observable<HttpEvent<Bundle>> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.api.upload('/api/v1/tenants/{tenant}/bundles', { tenant }, form);
  }

  rollback(tenant: string, id: string): Observable<Bundle> {
    return this.api.post('/api/v1/tenants/{tenant}/bundles/{id}/rollback', { tenant, id }, {});
  }
}
