import { Inject, Injectable } from '@nestjs/common';
import type { TenantRetention, TenantSettings } from '@updraft/api-types';
import type { AuthenticatedUser, TenantContext } from '@updraft/auth';
import { UPDRAFT_CONFIG, UpdraftConfig } from '@updraft/config';
import { permissionsOf, RetentionDays } from '@updraft/domain';
import {
  NotificationChannelRepository,
  RetentionRepository,
  TeamRepository,
  TenantRepository,
} from '@updraft/persistence';
import { UpdateTenantRetentionDto } from './tenant-settings.dto';
import { TenantSettingsException } from './tenant-settings.exception';

/** The tenant's own page: its name, default channels, running-task limit and usage, and what the caller may do in it. */
@Injectable()
export class TenantSettingsService {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly teams: TeamRepository,
    private readonly channels: NotificationChannelRepository,
    private readonly retentions: RetentionRepository,
    @Inject(UPDRAFT_CONFIG) private readonly config: UpdraftConfig,
  ) {}

  async get(tenant: TenantContext, user: AuthenticatedUser): Promise<TenantSettings> {
    if (tenant.apiTokenId)
      throw new TenantSettingsException(
        'notForApiTokens',
        'an API token has no tenant settings page; use a person’s login',
      );
    const row = await this.tenants.find(tenant.id);
    if (!row) throw new TenantSettingsException('tenantNotFound', `tenant '${tenant.slug}' not found`);
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

  async rename(tenant: TenantContext, user: AuthenticatedUser, name: string): Promise<TenantSettings> {
    await this.tenants.rename(tenant.id, name.trim());
    return this.get(tenant, user);
  }

  async retention(tenant: TenantContext): Promise<TenantRetention> {
    const [own] = await this.retentions.settings(tenant.slug);
    if (!own) throw new TenantSettingsException('tenantNotFound', `tenant '${tenant.slug}' not found`);
    const setting = (kind: keyof RetentionDays) => ({
      days: own.days[kind],
      source: own.own[kind] ? ('tenant' as const) : ('platform' as const),
    });
    return { runs: setting('runs'), logs: setting('logs'), xcom: setting('xcom'), auditLog: setting('auditLog') };
  }

  async setRetention(tenant: TenantContext, body: UpdateTenantRetentionDto): Promise<TenantRetention> {
    await this.retentions.set(tenant.id, {
      runs: body.runsDays ?? null,
      logs: body.logsDays ?? null,
      xcom: body.xcomDays ?? null,
      auditLog: body.auditLogDays ?? null,
    });
    return this.retention(tenant);
  }
}
