import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Permission, Role } from '@updraft/domain';

export const ACCESS_KEY = 'updraft:access';

/** How a route is protected; every route declares one (a route without one is refused). */
export type AccessRule = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'tenant'; permission: Permission };

/** Anyone, without a token (sign-up, log-in, health). */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);

/** Any logged-in user, outside a tenant (their own profile). */
export const Authenticated = () => SetMetadata(ACCESS_KEY, { kind: 'authenticated' } satisfies AccessRule);

/** A member of the `:tenant` in the path whose role grants `permission`. */
export const RequirePermission = (permission: Permission) => SetMetadata(ACCESS_KEY, { kind: 'tenant', permission } satisfies AccessRule);

export interface AuthenticatedUser {
  id: string;
  email: string;
}

export interface TenantContext {
  id: string;
  slug: string;
  name: string;
  role: Role;
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
