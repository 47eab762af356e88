import { Body, Controller, Get, Patch, Put } from '@nestjs/common';
import type { TenantRetention, TenantSettings } from '@updraft/api-types';
import { AuthenticatedUser, CurrentTenant, CurrentUser, RequirePermission, TenantContext } from '@updraft/auth';
import { PERMISSIONS } from '@updraft/domain';
import { UpdateTenantRetentionDto, UpdateTenantSettingsDto } from './tenant-settings.dto';
import { ApiErrors } from '../../services/http/api-errors.decorator';
import { TenantSettingsService } from './tenant-settings.service';

/** The tenant's own page: its name, default channels, running-task limit and usage, and what the caller may do in it. */
@Controller('tenants/:tenant/settings')
export class TenantSettingsController {
  constructor(private readonly settings: TenantSettingsService) {}

  /**
   * Get the tenant's settings.
   *
   * @remarks
   * Its settings, usage now, and the caller's role and permissions in it (people only, not API tokens).
   */
  @Get()
  @RequirePermission(PERMISSIONS.tenantRead)
  @ApiErrors({ 403: 'Asked with an API token: the settings page is for people, or the role lacks the permission.' })
  get(@CurrentTenant() tenant: TenantContext, @CurrentUser() user: AuthenticatedUser): Promise<TenantSettings> {
    return this.settings.get(tenant, user);
  }

  /**
   * Rename the tenant.
   *
   * @remarks
   * Default channels are set on each channel, the running-task limit by the platform.
   */
  @Patch()
  @RequirePermission(PERMISSIONS.tenantManage)
  @ApiErrors({ 403: 'Asked with an API token, or the role lacks the permission.' })
  update(
    @CurrentTenant() tenant: TenantContext,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: UpdateTenantSettingsDto,
  ): Promise<TenantSettings> {
    return this.settings.rename(tenant, user, body.name);
  }

  /**
   * Get the tenant's retention.
   *
   * @remarks
   * How many days finished runs (with their task instances, tries, logs and XComs), log lines, XComs and audit
   * entries are kept, and whether the tenant set each or the platform default applies.
   */
  @Get('retention')
  @RequirePermission(PERMISSIONS.tenantRead)
  retention(@CurrentTenant() tenant: TenantContext): Promise<TenantRetention> {
    return this.settings.retention(tenant);
  }

  /**
   * Set the tenant's retention.
   *
   * @remarks
   * All four at once; a field left out or null goes back to the platform default. Older data goes at the
   * scheduler's next hourly cleaning; queued and running runs are never removed.
   */
  @Put('retention')
  @RequirePermission(PERMISSIONS.tenantManage)
  @ApiErrors({ 403: 'The role lacks the permission.' })
  setRetention(
    @CurrentTenant() tenant: TenantContext,
    @Body() body: UpdateTenantRetentionDto,
  ): Promise<TenantRetention> {
    return this.settings.setRetention(tenant, body);
  }
}
