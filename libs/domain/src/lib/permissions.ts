/**
 * Tenant roles. `member` has no DAG rights of its own: what it may do to a DAG comes from its
 * role in the team the DAG belongs to.
 */
export const ROLES = ['owner', 'admin', 'editor', 'viewer', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** A member's role within one team; it applies to that team's DAGs only. */
export const TEAM_ROLES = ['editor', 'viewer'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const PERMISSIONS = {
  tenantRead: 'tenant:read',
  dagsRead: 'dags:read',
  dagsTrigger: 'dags:trigger',
  dagsEdit: 'dags:edit',
  bundlesRead: 'bundles:read',
  bundlesDeploy: 'bundles:deploy',
  runsRead: 'runs:read',
  runsEdit: 'runs:edit',
  logsRead: 'logs:read',
  variablesRead: 'variables:read',
  variablesEdit: 'variables:edit',
  connectionsRead: 'connections:read',
  connectionsEdit: 'connections:edit',
  teamsRead: 'teams:read',
  teamsManage: 'teams:manage',
  tokensManage: 'tokens:manage',
  channelsRead: 'channels:read',
  channelsEdit: 'channels:edit',
  membersManage: 'members:manage',
  auditRead: 'audit:read',
  poolsRead: 'pools:read',
  poolsManage: 'pools:manage',
  assetsRead: 'assets:read',
  assetsEmit: 'assets:emit',
  webhooksManage: 'webhooks:manage',
  tenantManage: 'tenant:manage',
  incidentsRead: 'incidents:read',
  incidentsRespond: 'incidents:respond',
} as const;
export type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];

const P = PERMISSIONS;
const DAG_READ: Permission[] = [P.dagsRead, P.runsRead, P.logsRead, P.incidentsRead];
const DAG_EDIT: Permission[] = [...DAG_READ, P.dagsTrigger, P.dagsEdit, P.runsEdit, P.incidentsRespond];
const READ: Permission[] = [
  P.tenantRead,
  ...DAG_READ,
  P.bundlesRead,
  P.variablesRead,
  P.connectionsRead,
  P.teamsRead,
  P.poolsRead,
  P.channelsRead,
  P.assetsRead,
];
const EDIT: Permission[] = [
  ...READ,
  ...DAG_EDIT,
  P.bundlesDeploy,
  P.variablesEdit,
  P.connectionsEdit,
  P.tokensManage,
  P.assetsEmit,
];
const MANAGE: Permission[] = [
  ...EDIT,
  P.teamsManage,
  P.membersManage,
  P.auditRead,
  P.poolsManage,
  P.channelsEdit,
  P.webhooksManage,
  P.tenantManage,
];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: MANAGE,
  admin: MANAGE,
  editor: EDIT,
  viewer: READ,
  member: [P.tenantRead, P.teamsRead],
};

/** Permissions that a team role grants, on the team's DAGs (and their runs, tasks, logs and XCom) only. */
const TEAM_ROLE_PERMISSIONS: Record<TeamRole, readonly Permission[]> = {
  editor: DAG_EDIT,
  viewer: DAG_READ,
};

/** Permissions that only ever apply to one DAG: the ones a team role can grant. */
export const DAG_SCOPED_PERMISSIONS: readonly Permission[] = DAG_EDIT;

/** What a machine API token may be limited to; each scope maps to permissions below. */
export const TOKEN_SCOPES = [
  'read',
  'dags:trigger',
  'dags:edit',
  'runs:edit',
  'bundles:deploy',
  'variables:edit',
  'connections:edit',
  'assets:emit',
] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

const SCOPE_PERMISSIONS: Record<TokenScope, readonly Permission[]> = {
  read: [
    P.tenantRead,
    ...DAG_READ,
    P.bundlesRead,
    P.variablesRead,
    P.connectionsRead,
    P.poolsRead,
    P.channelsRead,
    P.assetsRead,
  ],
  'dags:trigger': [P.tenantRead, P.dagsRead, P.dagsTrigger],
  'dags:edit': [P.tenantRead, P.dagsRead, P.dagsEdit],
  'runs:edit': [P.tenantRead, P.dagsRead, P.runsRead, P.runsEdit],
  'bundles:deploy': [P.tenantRead, P.bundlesRead, P.bundlesDeploy],
  'variables:edit': [P.tenantRead, P.variablesRead, P.variablesEdit],
  'connections:edit': [P.tenantRead, P.connectionsRead, P.connectionsEdit],
  'assets:emit': [P.tenantRead, P.assetsRead, P.assetsEmit],
};

/** The single source of truth for what a tenant role may do. */
export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role] ?? [];
}

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return permissionsOf(role).includes(permission);
}

export function teamRolePermissions(role: TeamRole): readonly Permission[] {
  return TEAM_ROLE_PERMISSIONS[role] ?? [];
}

export function scopePermissions(scopes: readonly TokenScope[]): Permission[] {
  return [...new Set(scopes.flatMap((s) => SCOPE_PERMISSIONS[s] ?? []))];
}

/** The teams (by name) whose DAGs a member may act on with `permission`. */
export function teamsGranting(teamRoles: Readonly<Record<string, TeamRole>>, permission: Permission): string[] {
  return Object.entries(teamRoles)
    .filter(([, role]) => teamRolePermissions(role).includes(permission))
    .map(([team]) => team);
}
