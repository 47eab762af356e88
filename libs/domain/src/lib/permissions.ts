export const ROLES = ['owner', 'admin', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

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
  membersManage: 'members:manage',
} as const;
export type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];

const READ: Permission[] = [PERMISSIONS.tenantRead, PERMISSIONS.dagsRead, PERMISSIONS.bundlesRead, PERMISSIONS.runsRead, PERMISSIONS.logsRead];
const EDIT: Permission[] = [...READ, PERMISSIONS.dagsTrigger, PERMISSIONS.dagsEdit, PERMISSIONS.runsEdit, PERMISSIONS.bundlesDeploy];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  viewer: READ,
  editor: EDIT,
  admin: [...EDIT, PERMISSIONS.membersManage],
  owner: [...EDIT, PERMISSIONS.membersManage],
};

/** The single source of truth for what a tenant role may do. */
export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role] ?? [];
}

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return permissionsOf(role).includes(permission);
}
