import { Injectable, inject } from '@angular/core';
import type { ApiMethod, ApiPathFor, ApiPathParams, ApiQuery } from '@updraft/api-client';
import { Observable } from 'rxjs';
import { ApiHttp, type BodyOf } from '../core/api.service';
import { SessionService } from '../core/session.service';

const TENANT = '/api/v1/tenants/{tenant}';
type Tenant = typeof TENANT;

/** A route under the selected tenant that answers `M`, without its `/api/v1/tenants/{tenant}` prefix: `/pools/{name}`. */
export type TenantRoute<M extends ApiMethod> =
  ApiPathFor<M> extends infer P ? (P extends `${Tenant}${infer R}` ? R : never) : never;
type Full<R extends string, M extends ApiMethod> = Extract<ApiPathFor<M>, `${Tenant}${R}`>;
/** The route's path parameters besides the tenant. */
type Params<R extends string, M extends ApiMethod> = Omit<ApiPathParams<Full<R, M>, M>, 'tenant'>;

/**
 * Calls to the selected tenant's resources (`/api/v1/tenants/{tenant}/…`) for the administration pages: routes of the
 * api's OpenAPI document, typed by it (parameters, query, body and answer).
 */
@Injectable({ providedIn: 'root' })
export class AdminApiService {
  private readonly api = inject(ApiHttp);
  private readonly session = inject(SessionService);

  private full<R extends string, M extends ApiMethod>(route: R): Full<R, M> {
    return `${TENANT}${route}` as Full<R, M>;
  }

  private params<R extends string, M extends ApiMethod>(params: Params<R, M> | object = {}): never {
    return { ...params, tenant: this.session.tenant()?.slug ?? '' } as never;
  }

  get<R extends TenantRoute<'get'>>(route: R, params: Params<R, 'get'>, query?: ApiQuery<Full<R, 'get'>, 'get'>) {
    return this.api.get(this.full<R, 'get'>(route), this.params(params), query);
  }

  post<R extends TenantRoute<'post'>>(route: R, params: Params<R, 'post'>, body: BodyOf<Full<R, 'post'>, 'post'>) {
    return this.api.post(this.full<R, 'post'>(route), this.params(params), body as never);
  }

  patch<R extends TenantRoute<'patch'>>(route: R, params: Params<R, 'patch'>, body: BodyOf<Full<R, 'patch'>, 'patch'>) {
    return this.api.patch(this.full<R, 'patch'>(route), this.params(params), body as never);
  }

  put<R extends TenantRoute<'put'>>(route: R, params: Params<R, 'put'>, body: BodyOf<Full<R, 'put'>, 'put'>) {
    return this.api.put(this.full<R, 'put'>(route), this.params(params), body as never);
  }

  delete<R extends TenantRoute<'delete'>>(route: R, params: Params<R, 'delete'>): Observable<unknown> {
    return this.api.delete(this.full<R, 'delete'>(route), this.params(params));
  }
}
