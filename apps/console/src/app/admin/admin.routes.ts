import { Type } from '@angular/core';
import { Route } from '@angular/router';
import { Permission, PERMISSIONS } from '@updraft/domain/permissions';
import { requirePermission } from '../shared/permission.guard';

export interface AdminPage {
  path: string;
  label: string;
  /** Who may open the page (the nav hides it from others); what they may change there is decided on the page. */
  permission: Permission;
  load: () => Promise<Type<unknown>>;
}

/** The Administration pages, in the order the navigation lists them. */
export const ADMIN_PAGES: AdminPage[] = [
  {
    path: 'members',
    label: 'Members',
    permission: PERMISSIONS.tenantRead,
    load: () => import('./members/members.page').then((m) => m.MembersPage),
  },
  {
    path: 'teams',
    label: 'Teams',
    permission: PERMISSIONS.teamsRead,
    load: () => import('./teams/teams.page').then((m) => m.TeamsPage),
  },
  {
    path: 'api-tokens',
    label: 'API tokens',
    permission: PERMISSIONS.tokensManage,
    load: () => import('./api-tokens/api-tokens.page').then((m) => m.ApiTokensPage),
  },
  {
    path: 'variables',
    label: 'Variables',
    permission: PERMISSIONS.variablesRead,
    load: () => import('./variables/variables.page').then((m) => m.VariablesPage),
  },
  {
    path: 'connections',
    label: 'Connections',
    permission: PERMISSIONS.connectionsRead,
    load: () => import('./connections/connections.page').then((m) => m.ConnectionsPage),
  },
  {
    path: 'pools',
    label: 'Pools',
    permission: PERMISSIONS.poolsRead,
    load: () => import('./pools/pools.page').then((m) => m.PoolsPage),
  },
  {
    path: 'notification-channels',
    label: 'Notification channels',
    permission: PERMISSIONS.channelsRead,
    load: () => import('./notification-channels/notification-channels.page').then((m) => m.NotificationChannelsPage),
  },
  {
    path: 'sla-misses',
    label: 'SLA misses',
    permission: PERMISSIONS.runsRead,
    load: () => import('./sla-misses/sla-misses.page').then((m) => m.SlaMissesPage),
  },
  {
    path: 'audit-log',
    label: 'Audit log',
    permission: PERMISSIONS.auditRead,
    load: () => import('./audit-log/audit-log.page').then((m) => m.AuditLogPage),
  },
  {
    path: 'settings',
    label: 'Tenant settings',
    permission: PERMISSIONS.tenantRead,
    load: () => import('./settings/settings.page').then((m) => m.SettingsPage),
  },
];

export const ADMIN_ROUTES: Route[] = ADMIN_PAGES.map((page) => ({
  path: `admin/${page.path}`,
  title: `${page.label} · Updraft`,
  canActivate: [requirePermission(page.permission)],
  loadComponent: page.load,
}));
