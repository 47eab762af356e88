import { Injectable, computed, effect, inject, signal } from '@angular/core';
import { Permission, permissionsOf, TeamRole, teamRolePermissions } from '@updraft/domain/permissions';
import { ApiHttp } from '../core/api.service';
import { SessionService } from '../core/session.service';

/**
 * What the signed-in user may do in the selected tenant, from the one role→permission map in
 * libs/domain. Hiding a button is a courtesy: the API refuses whatever the role does not grant.
 */
@Injectable({ providedIn: 'root' })
export class PermissionsService {
  private readonly session = inject(SessionService);
  private readonly api = inject(ApiHttp);
  private readonly teamRoles = signal<Readonly<Record<string, TeamRole>>>({});

  readonly role = computed(() => this.session.tenant()?.role ?? null);
  private readonly granted = computed(() => {
    const role = this.role();
    return new Set<Permission>(role ? permissionsOf(role) : []);
  });

  constructor() {
    // Team roles grant DAG permissions on their teams' DAGs; only the API knows them.
    effect(() => {
      const tenant = this.session.tenant();
      this.teamRoles.set({});
      if (!tenant || tenant.role !== 'member') return;
      this.api.get('/api/v1/tenants/{tenant}/settings', { tenant: tenant.slug }).subscribe({
        // The document declares teamRoles as a free-form map (team name → team role).
        next: (settings) => this.teamRoles.set(settings.you.teamRoles as Record<string, TeamRole>),
        error: () => undefined,
      });
    });
  }

  /** Whether the tenant role grants `permission` everywhere in the tenant. */
  can(permission: Permission): boolean {
    return this.granted().has(permission);
  }

  /** Whether `permission` applies to a DAG of `team`: by tenant role, or by the user's role in that team. */
  canOnDag(permission: Permission, team: string | null): boolean {
    if (this.can(permission)) return true;
    const teamRole = team ? this.teamRoles()[team] : undefined;
    return teamRole !== undefined && teamRolePermissions(teamRole).includes(permission);
  }
}
