import { Injectable } from '@nestjs/common';
import type { ApiToken, ApiTokenList, CreatedApiToken } from '@updraft/api-types';
import { AuthenticatedUser, newApiToken, TenantContext } from '@updraft/auth';
import { PERMISSIONS, permissionsOf, roleHasPermission, scopePermissions } from '@updraft/domain';
import { ApiTokenEntity, ApiTokenRepository } from '@updraft/persistence';
import type { CreateApiTokenDto } from './api-tokens.dto';
import { ApiTokenException } from './api-tokens.exception';

const DEFAULT_TOKEN_DAYS = 90;
const DAY_MS = 86_400_000;

function toView(t: ApiTokenEntity): ApiToken {
  return {
    id: t.id,
    name: t.name,
    hint: t.tokenHint,
    scopes: t.scopes,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  };
}

/** Those who manage members see and revoke every token of the tenant; others only their own. */
function ownOnly(tenant: TenantContext, user: AuthenticatedUser): string | undefined {
  return roleHasPermission(tenant.role, PERMISSIONS.membersManage) ? undefined : user.id;
}

/** Tokens for machines: a token acts for its creator, within its scopes and never beyond the creator's current role. */
@Injectable()
export class ApiTokensService {
  constructor(private readonly tokens: ApiTokenRepository) {}

  async list(tenant: TenantContext, user: AuthenticatedUser): Promise<ApiTokenList> {
    return { items: (await this.tokens.list(tenant.id, ownOnly(tenant, user))).map(toView) };
  }

  async create(tenant: TenantContext, user: AuthenticatedUser, body: CreateApiTokenDto): Promise<CreatedApiToken> {
    if (tenant.apiTokenId) throw new ApiTokenException('tokenCannotCreate', 'an API token cannot create API tokens');
    const allowed = permissionsOf(tenant.role);
    const beyond = body.scopes.filter((scope) => scopePermissions([scope]).some((p) => !allowed.includes(p)));
    if (beyond.length > 0)
      throw new ApiTokenException(
        'scopesBeyondRole',
        `your role '${tenant.role}' cannot grant the scopes ${beyond.join(', ')}`,
        [{ field: 'scopes', problems: beyond.map((s) => `beyond your role: ${s}`) }],
      );
    const { token, hash, hint } = newApiToken();
    const expiresAt = new Date(Date.now() + (body.expiresInDays ?? DEFAULT_TOKEN_DAYS) * DAY_MS);
    const created = await this.tokens.create(tenant.id, {
      createdBy: user.id,
      name: body.name,
      tokenHash: hash,
      tokenHint: hint,
      scopes: [...new Set(body.scopes)],
      expiresAt,
    });
    return { ...toView(created), token };
  }

  async revoke(tenant: TenantContext, user: AuthenticatedUser, id: string): Promise<void> {
    if (!(await this.tokens.revoke(tenant.id, id, ownOnly(tenant, user))))
      throw new ApiTokenException('tokenNotFound', `API token '${id}' not found`);
  }
}
