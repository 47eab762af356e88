import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import {
  Dag,
  DagDetail,
  DagRun,
  LoginRequest,
  LoginResponse,
  Page,
  SessionTokens,
  TaskInstance,
  TaskLog,
} from './api.types';

export const API_BASE = '/api/v1';

/** Joins path segments, encoding each one: run ids contain ':' and '+'. */
export function apiPath(...segments: (string | number)[]): string {
  return `${API_BASE}/${segments.map((s) => encodeURIComponent(String(s))).join('/')}`;
}

function pageParams(limit: number, offset = 0): HttpParams {
  return new HttpParams().set('limit', limit).set('offset', offset);
}

@Injectable({ providedIn: 'root' })
export class ApiService {
  private readonly http = inject(HttpClient);

  login(body: LoginRequest): Observable<LoginResponse> {
    return this.http.post<LoginResponse>(apiPath('auth', 'login'), body);
  }

  refresh(refreshToken: string): Observable<SessionTokens> {
    return this.http.post<SessionTokens>(apiPath('auth', 'refresh'), { refreshToken });
  }

  verifyEmail(token: string): Observable<unknown> {
    return this.http.post(apiPath('auth', 'verifyEmail'), { token });
  }

  confirmPasswordReset(token: string, password: string): Observable<unknown> {
    return this.http.post(apiPath('auth', 'passwordReset', 'confirm'), { token, password });
  }

  acceptInvitation(token: string, password?: string): Observable<unknown> {
    return this.http.post(apiPath('auth', 'invitations', 'accept'), password === undefined ? { token } : { token, password });
  }

  logout(refreshToken: string): Observable<void> {
    return this.http.post<void>(apiPath('auth', 'logout'), { refreshToken });
  }

  listDags(tenant: string, limit = 100, offset = 0): Observable<Page<Dag>> {
    return this.http.get<Page<Dag>>(apiPath('tenants', tenant, 'dags'), {
      params: pageParams(limit, offset),
    });
  }

  getDag(tenant: string, dagId: string): Observable<DagDetail> {
    return this.http.get<DagDetail>(apiPath('tenants', tenant, 'dags', dagId));
  }

  listRuns(tenant: string, dagId: string, limit = 25, offset = 0): Observable<Page<DagRun>> {
    return this.http.get<Page<DagRun>>(apiPath('tenants', tenant, 'dags', dagId, 'dagRuns'), {
      params: pageParams(limit, offset),
    });
  }

  triggerRun(tenant: string, dagId: string, conf?: Record<string, unknown>): Observable<DagRun> {
    return this.http.post<DagRun>(
      apiPath('tenants', tenant, 'dags', dagId, 'dagRuns'),
      conf ? { conf } : {},
    );
  }

  listTaskInstances(
    tenant: string,
    dagId: string,
    runId: string,
    limit = 100,
    offset = 0,
  ): Observable<Page<TaskInstance>> {
    return this.http.get<Page<TaskInstance>>(
      apiPath('tenants', tenant, 'dags', dagId, 'dagRuns', runId, 'taskInstances'),
      { params: pageParams(limit, offset) },
    );
  }

  getTaskLog(
    tenant: string,
    dagId: string,
    runId: string,
    taskId: string,
    tryNumber: number,
    after?: string,
  ): Observable<TaskLog> {
    return this.http.get<TaskLog>(
      apiPath(
        'tenants', tenant, 'dags', dagId, 'dagRuns', runId,
        'taskInstances', taskId, 'logs', tryNumber,
      ),
      after ? { params: { after } } : {},
    );
  }
}
