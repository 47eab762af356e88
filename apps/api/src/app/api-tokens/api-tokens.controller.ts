import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import type { ApiToken, ApiTokenList, CreatedApiToken } from '@updraft/api-types';
import {
  AuthenticatedUser,
  CurrentTenant,
  CurrentUser,
  newApiToken,
  RequirePermission,
  TenantContext,
} from '@updraft/auth';
import { PERMISSIONS, permissionsOf, roleHasPermission, scopePermissions } from '@updraft/domain';
import { ApiTokenEntity, ApiTokenRepository } from '@updraft/persistence';
import { CreateApiTokenDto } from './api-tokens.dto';

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

/**
 * Tokens for machines (CI deploys). A token acts for its creator, within its scopes and never
 * beyond the creator's current role; it dies with the creator's membership.
 */
@Controller('tenants/:tenant/apiTokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokenRepository) {}

  /** List the tenant's API tokens. */
  @Get()
  @RequirePermission(PERMISSIONS.tokensManage)
  async list(@CurrentTenant() tenant: TenantContext, @CurrentUser() user: AuthenticatedUser): Promise<ApiTokenList> {
    return { items: (await this.tokens.list(tenant.id, this.ownOnly(tenant, user))).map(toView) };
  }

  /** Create an API token (shown once). */
  @Post()
  @RequirePermission(PERMISSIONS.tokensManage)
  async create(
    @CurrentTenant() tenant: TenantContext,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateApiTokenDto,
  ): Promise<CreatedApiToken> {
    if (tenant.apiTokenId) throw new ForbiddenException('an API token cannot create API tokens');
    const allowed = permissionsOf(tenant.role);
    const beyond = body.scopes.filter((scope) => scopePermissions([scope]).some((p) => !allowed.includes(p)));
    if (beyond.length > 0) {
      throw new BadRequestException({
        message: `your role '${tenant.role}' cannot grant the scopes ${beyond.join(', ')}`,
        details: [{ field: 'scopes', problems: beyond.map((s) => `beyond your role: ${s}`) }],
      });
    }
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

  /** Revoke an API token. */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(PERMISSIONS.tokensManage)
  async revoke(
    @CurrentTenant() tenant: TenantContext,
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    if (!(await this.tokens.revoke(tenant.id, id, this.ownOnly(tenant, user))))
      throw new NotFoundException(`API token '${id}' not found`);
  }

  /** Those who manage members see and revoke every token of the tenant; others only their own. */
  private ownOnly(tenant: TenantContext, user: AuthenticatedUser): string | undefined {
    return roleHasPermission(tenant.role, PERMISSIONS.membersManage) ? undefined : user.id;
  }
}
