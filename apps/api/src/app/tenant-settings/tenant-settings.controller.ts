import { Body, Controller, ForbiddenException, Get, Inject, NotFoundException, Patch } from '@nestjs/common';
import type { TenantSettings } from '@updraft/api-types';
import { AuthenticatedUser, CurrentTenant, CurrentUser, RequirePermission, TenantContext } from '@updraft/auth';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { PERMISSIONS, permissionsOf } from '@updraft/domain';
import { NotificationChannelRepository, TeamRepository, TenantRepository } from '@updraft/persistence';
import { UpdateTenantSettingsDto } from './tenant-settings.dto';
import { ApiErrors } from '../../services/http/api-errors.decorator';

/** The tenant's own page: its name, default channels, running-task limit and usage, and what the caller may do in it. */
@Controller('tenants/:tenant/settings')
export class TenantSettingsController {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly teams: TeamRepository,
    private readonly channels: NotificationChannelRepository,
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
  ) {}

  /**
   * Get the tenant's settings.
   *
   * @remarks
   * Its settings, usage now, and the caller's role and permissions in it (people only, not API tokens).
   */
  @Get()
  @RequirePermission(PERMISSIONS.tenantRead)
  @ApiErrors({ 403: 'Asked with an API token: the settings page is for people, or the role lacks the permission.' })
  async get(@CurrentTenant() tenant: TenantContext, @CurrentUser() user: AuthenticatedUser): Promise<TenantSettings> {
    if (tenant.apiTokenId)
      throw new ForbiddenException('an API token has no tenant settings page; use a person’s login');
    const row = await this.tenants.find(tenant.id);
    if (!row) throw new NotFoundException(`tenant '${tenant.slug}' not found`);
    const [usage, teamRoles, defaults] = await Promise.all([
      this.tenants.usage(tenant.id),
      this.teams.rolesOf(tenant.id, user.id),
      this.channels.defaults(tenant.id),
    ]);
    return {
      slug: row.slug,
      name: row.name,
      runningTaskLimit: {
        value: row.maxRunningTasks ?? this.config.tenantMaxRunningTasks,
        source: row.maxRunningTasks === null ? 'platform' : 'tenant',
        editable: false,
      },
      defaultChannels: defaults.map((c) => ({ id: c.id, name: c.name, type: c.type })),
      usage,
      you: { role: tenant.role, permissions: [...new Set(permissionsOf(tenant.role))], teamRoles },
    };
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
  async update(
    @CurrentTenant() tenant: TenantContext,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: UpdateTenantSettingsDto,
  ): Promise<TenantSettings> {
    await this.tenants.rename(tenant.id, body.name.trim());
    return this.get(tenant, user);
  }
}
