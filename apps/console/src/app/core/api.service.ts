import { HttpClient, HttpEvent, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  apiPath as templatePath,
  ApiBody,
  ApiMethod,
  ApiPath,
  ApiPathFor,
  ApiPathParams,
  ApiQuery,
  ApiResult,
} from '@updraft/api-client';
import { Observable } from 'rxjs';

export const API_BASE = '/api/v1';

type PathParams = Record<string, string | number>;
/** A body the operation takes, or `{}` / `undefined` for one that takes none. */
export type BodyOf<P extends ApiPath, M extends ApiMethod> = [ApiBody<P, M>] extends [never]
  ? Record<string, never> | undefined
  : ApiBody<P, M>;
type ParamsOf<P extends ApiPath, M extends ApiMethod> = [ApiPathParams<P, M>] extends [never]
  ? PathParams
  : ApiPathParams<P, M>;

/** The URL of an operation of the api's OpenAPI document, its `{parameters}` filled in and encoded whole. */
export function apiUrl<P extends ApiPath>(template: P, params: PathParams = {}): string {
  return templatePath(template, params);
}

/** A query as HttpParams: empty values left out, lists comma-separated (as the api reads them). */
export function queryParams(query: object = {}): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    params = params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return params;
}

function pageParams(limit: number, offset = 0): HttpParams {
  return new HttpParams().set('limit', limit).set('offset', offset);
}

/**
 * Calls to operations of the api's OpenAPI document by method and path template (the generated client's `paths`):
 * path parameters, query, body and answer are the document's types, so a route or field the api changes breaks the
 * console's compile. Sent through HttpClient, for the auth interceptor.
 */
@Injectable({ providedIn: 'root' })
export class ApiHttp {
  private readonly http = inject(HttpClient);

  get<P extends ApiPathFor<'get'>>(
    path: P,
    params: ParamsOf<P, 'get'>,
    query?: ApiQuery<P, 'get'>,
  ): Observable<ApiResult<P, 'get'>> {
    return this.http.get<ApiResult<P, 'get'>>(url(path, params), { params: queryParams(query) });
  }

  post<P extends ApiPathFor<'post'>>(
    path: P,
    params: ParamsOf<P, 'post'>,
    body: BodyOf<P, 'post'>,
    query?: ApiQuery<P, 'post'>,
  ): Observable<ApiResult<P, 'post'>> {
    return this.http.post<ApiResult<P, 'post'>>(url(path, params), body ?? {}, { params: queryParams(query) });
  }

  patch<P extends ApiPathFor<'patch'>>(
    path: P,
    params: ParamsOf<P, 'patch'>,
    body: BodyOf<P, 'patch'>,
    query?: ApiQuery<P, 'patch'>,
  ): Observable<ApiResult<P, 'patch'>> {
    return this.http.patch<ApiResult<P, 'patch'>>(url(path, params), body, { params: queryParams(query) });
  }

  put<P extends ApiPathFor<'put'>>(
    path: P,
    params: ParamsOf<P, 'put'>,
    body: BodyOf<P, 'put'>,
  ): Observable<ApiResult<P, 'put'>> {
    return this.http.put<ApiResult<P, 'put'>>(url(path, params), body);
  }

  delete<P extends ApiPathFor<'delete'>>(path: P, params: ParamsOf<P, 'delete'>): Observable<ApiResult<P, 'delete'>> {
    return this.http.delete<ApiResult<P, 'delete'>>(url(path, params));
  }

  /** A multipart upload, reporting progress events, then the answer. */
  upload<P extends ApiPathFor<'post'>>(
    path: P,
    params: ParamsOf<P, 'post'>,
    form: FormData,
  ): Observable<HttpEvent<ApiResult<P, 'post'>>> {
    return this.http.post<ApiResult<P, 'post'>>(url(path, params), form, { reportProgress: true, observe: 'events' });
  }
}

function url(path: ApiPath, params: unknown): string {
  return templatePath(path, params as PathParams);
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

  private get<P extends ApiPathFor<'get'>>(
    path: P,
    params: PathParams,
    query?: HttpParams,
  ): Observable<ApiResult<P, 'get'>> {
    return this.http.get<ApiResult<P, 'get'>>(apiUrl(path, params), query ? { params: query } : {});
  }

  private post<P extends ApiPathFor<'post'>>(
    path: P,
    params: PathParams,
    body: ApiBody<P, 'post'>,
  ): Observable<ApiResult<P, 'post'>> {
    return this.http.post<ApiResult<P, 'post'>>(apiUrl(path, params), body);
  }
}
