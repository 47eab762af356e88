import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { apiPath as templatePath, ApiBody, ApiPath, ApiResult } from '@updraft/api-client';
import { Observable } from 'rxjs';

export const API_BASE = '/api/v1';

type PathParams = Record<string, string | number>;

/** The URL of an operation of the api's OpenAPI document, its `{parameters}` filled in and encoded whole. */
export function apiUrl<P extends ApiPath>(template: P, params: PathParams = {}): string {
  return templatePath(template, params);
}

/** Joins path segments under the api's prefix, encoding each one (run ids contain ':' and '+'): the feature services' calls, not yet on the generated client's paths. */
export function apiPath(...segments: (string | number)[]): string {
  return `${API_BASE}/${segments.map((s) => encodeURIComponent(String(s))).join('/')}`;
}

function pageParams(limit: number, offset = 0): HttpParams {
  return new HttpParams().set('limit', limit).set('offset', offset);
}

/** The console's calls, by the paths and types of the generated client (so they cannot drift from the api); sent through HttpClient for its interceptors. */
@Injectable({ providedIn: 'root' })
export class ApiService {
  private readonly http = inject(HttpClient);

  login(body: ApiBody<'/api/v1/auth/login', 'post'>) {
    return this.post('/api/v1/auth/login', {}, body);
  }

  refresh(refreshToken: string) {
    return this.post('/api/v1/auth/refresh', {}, { refreshToken });
  }

  verifyEmail(token: string) {
    return this.post('/api/v1/auth/verifyEmail', {}, { token });
  }

  confirmPasswordReset(token: string, password: string) {
    return this.post('/api/v1/auth/passwordReset/confirm', {}, { token, password });
  }

  acceptInvitation(token: string, password?: string) {
    return this.post('/api/v1/auth/invitations/accept', {}, password === undefined ? { token } : { token, password });
  }

  logout(refreshToken: string) {
    return this.post('/api/v1/auth/logout', {}, { refreshToken });
  }

  listDags(tenant: string, limit = 100, offset = 0) {
    return this.get('/api/v1/tenants/{tenant}/dags', { tenant }, pageParams(limit, offset));
  }

  getDag(tenant: string, dagId: string) {
    return this.get('/api/v1/tenants/{tenant}/dags/{dagId}', { tenant, dagId });
  }

  listRuns(tenant: string, dagId: string, limit = 25, offset = 0) {
    return this.get('/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns', { tenant, dagId }, pageParams(limit, offset));
  }

  triggerRun(tenant: string, dagId: string, conf?: Record<string, unknown>) {
    return this.post('/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns', { tenant, dagId }, conf ? { conf } : {});
  }

  listTaskInstances(tenant: string, dagId: string, runId: string, limit = 100, offset = 0) {
    return this.get(
      '/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns/{runId}/taskInstances',
      { tenant, dagId, runId },
      pageParams(limit, offset),
    );
  }

  getTaskLog(tenant: string, dagId: string, runId: string, taskId: string, tryNumber: number, after?: string) {
    return this.get(
      '/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns/{runId}/taskInstances/{taskId}/logs/{try}',
      { tenant, dagId, runId, taskId, try: tryNumber },
      after ? new HttpParams().set('after', after) : undefined,
    );
  }

  private get<P extends ApiPath>(path: P, params: PathParams, query?: HttpParams): Observable<ApiResult<P, 'get'>> {
    return this.http.get<ApiResult<P, 'get'>>(apiUrl(path, params), query ? { params: query } : {});
  }

  private post<P extends ApiPath>(
    path: P,
    params: PathParams,
    body: ApiBody<P, 'post'>,
  ): Observable<ApiResult<P, 'post'>> {
    return this.http.post<ApiResult<P, 'post'>>(apiUrl(path, params), body);
  }
}
