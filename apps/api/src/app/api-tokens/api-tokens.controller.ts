import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import type { ApiTokenList, CreatedApiToken } from '@updraft/api-types';
import { AuthenticatedUser, CurrentTenant, CurrentUser, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { CreateApiTokenDto } from './api-tokens.dto';
import { ApiTokensService } from './api-tokens.service';

/**
 * Tokens for machines (CI deploys). A token acts for its creator, within its scopes and never
 * beyond the creator's current role; it dies with the creator's membership.
 */
@Controller('tenants/:tenant/apiTokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  /** List the tenant's API tokens. */
  @Get()
  @RequirePermission(PERMISSIONS.tokensManage)
  list(@CurrentTenant() tenant: TenantContext, @CurrentUser() user: AuthenticatedUser): Promise<ApiTokenList> {
    return this.tokens.list(tenant, user);
  }

  /** Create an API token (shown once). */
  @Post()
  @RequirePermission(PERMISSIONS.tokensManage)
  create(
    @CurrentTenant() tenant: TenantContext,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateApiTokenDto,
  ): Promise<CreatedApiToken> {
    return this.tokens.create(tenant, user, body);
  }

  /** Revoke an API token. */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(PERMISSIONS.tokensManage)
  revoke(
    @CurrentTenant() tenant: TenantContext,
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.tokens.revoke(tenant, user, id);
  }
}
