import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Permission, Role } from '@updraft/domain';

export const ACCESS_KEY = 'updraft:access';

/** How a route is protected; every route declares one (a route without one is refused). */
export type AccessRule =
  { kind: 'public' } | { kind: 'authenticated' } | { kind: 'tenant'; permission: Permission; filtersByTeam?: boolean };

/** Anyone, without a token (sign-up, log-in, health). */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);

/** Any logged-in user, outside a tenant (their own profile). */
export const Authenticated = () => SetMetadata(ACCESS_KEY, { kind: 'authenticated' } satisfies AccessRule);

/**
 * A member of the `:tenant` in the path whose role grants `permission`. A DAG permission granted
 * only by team roles admits routes with a `:dagId` of those teams' DAGs, and routes marked
 * `filtersByTeam`, which must limit what they return to `TenantContext.teams`.
 */
export const RequirePermission = (permission: Permission, options: { filtersByTeam?: boolean } = {}) =>
  SetMetadata(ACCESS_KEY, { kind: 'tenant', permission, ...options } satisfies AccessRule);

export interface AuthenticatedUser {
  id: string;
  email: string;
  /** The log-in session of the access token (absent for an API token). */
  sessionId?: string;
}

export interface TenantContext {
  id: string;
  slug: string;
  name: string;
  role: Role;
  /** The teams whose DAGs this request may act on; null when the role covers every DAG. */
  teams: readonly string[] | null;
  /** Set when the caller is an API token (acting for its creator, within its scopes). */
  apiTokenId: string | null;
}

export interface AccessRequest {
  user?: AuthenticatedUser;
  tenant?: TenantContext;
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthenticatedUser => {
  return ctx.switchToHttp().getRequest<AccessRequest>().user as AuthenticatedUser;
});

/** The tenant resolved (and membership checked) by the AccessGuard. */
export const CurrentTenant = createParamDecorator((_: unknown, ctx: ExecutionContext): TenantContext => {
  return ctx.switchToHttp().getRequest<AccessRequest>().tenant as TenantContext;
});
