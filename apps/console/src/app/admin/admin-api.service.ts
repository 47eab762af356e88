import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { apiPath } from '../core/api.service';
import { SessionService } from '../core/session.service';

type Query = Record<string, string | number | boolean | null | undefined>;

function params(query: Query = {}): HttpParams {
  return Object.entries(query).reduce(
    (p, [key, value]) => (value === null || value === undefined || value === '' ? p : p.set(key, value)),
    new HttpParams(),
  );
}

/** Calls to the selected tenant's resources (`/api/v1/tenants/:tenant/…`) for the administration pages. */
@Injectable({ providedIn: 'root' })
export class AdminApiService {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionService);

  private url(segments: (string | number)[]): string {
    return apiPath('tenants', this.session.tenant()?.slug ?? '', ...segments);
  }

  get<T>(segments: (string | number)[], query?: Query): Observable<T> {
    return this.http.get<T>(this.url(segments), { params: params(query) });
  }

  post<T>(segments: (string | number)[], body: unknown = {}): Observable<T> {
    return this.http.post<T>(this.url(segments), body);
  }

  patch<T>(segments: (string | number)[], body: unknown): Observable<T> {
    return this.http.patch<T>(this.url(segments), body);
  }

  put<T>(segments: (string | number)[], body: unknown): Observable<T> {
    return this.http.put<T>(this.url(segments), body);
  }

  delete(segments: (string | number)[]): Observable<void> {
    return this.http.delete<void>(this.url(segments));
  }
}
