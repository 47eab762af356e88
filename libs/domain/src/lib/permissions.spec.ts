import {
  DAG_SCOPED_PERMISSIONS,
  PERMISSIONS,
  roleHasPermission,
  scopePermissions,
  teamRolePermissions,
  teamsGranting,
  TOKEN_SCOPES,
} from './permissions';

describe('roleHasPermission', () => {
  it.each([
    ['viewer', PERMISSIONS.dagsRead, true],
    ['viewer', PERMISSIONS.dagsTrigger, false],
    ['viewer', PERMISSIONS.bundlesDeploy, false],
    ['editor', PERMISSIONS.bundlesDeploy, true],
    ['editor', PERMISSIONS.membersManage, false],
    ['admin', PERMISSIONS.membersManage, true],
    ['owner', PERMISSIONS.membersManage, true],
    ['viewer', PERMISSIONS.poolsRead, true],
    ['editor', PERMISSIONS.poolsManage, false],
    ['admin', PERMISSIONS.poolsManage, true],
    ['viewer', PERMISSIONS.channelsRead, true],
    ['editor', PERMISSIONS.channelsEdit, false],
    ['admin', PERMISSIONS.channelsEdit, true],
    ['owner', PERMISSIONS.channelsEdit, true],
    ['member', PERMISSIONS.channelsRead, false],
    ['editor', PERMISSIONS.tenantManage, false],
    ['admin', PERMISSIONS.tenantManage, true],
  ] as const)('%s / %s → %s', (role, permission, allowed) => expect(roleHasPermission(role, permission)).toBe(allowed));
});

describe('team roles and token scopes', () => {
  it('a member has no DAG permission of its own; its team role grants DAG permissions only', () => {
    expect(roleHasPermission('member', PERMISSIONS.dagsRead)).toBe(false);
    expect(teamRolePermissions('viewer')).toEqual(expect.arrayContaining([PERMISSIONS.dagsRead, PERMISSIONS.logsRead]));
    expect(teamRolePermissions('viewer')).not.toContain(PERMISSIONS.dagsTrigger);
    expect(teamRolePermissions('editor')).toContain(PERMISSIONS.dagsTrigger);
    for (const role of ['viewer', 'editor'] as const)
      expect(teamRolePermissions(role).every((p) => DAG_SCOPED_PERMISSIONS.includes(p))).toBe(true);
  });

  it('lists the teams whose role grants a permission', () => {
    expect(teamsGranting({ data: 'editor', web: 'viewer' }, PERMISSIONS.dagsTrigger)).toEqual(['data']);
    expect(teamsGranting({ data: 'editor', web: 'viewer' }, PERMISSIONS.runsRead).sort()).toEqual(['data', 'web']);
  });

  it.each([
    ['read', PERMISSIONS.logsRead, true],
    ['read', PERMISSIONS.dagsTrigger, false],
    ['dags:trigger', PERMISSIONS.dagsTrigger, true],
    ['dags:trigger', PERMISSIONS.bundlesDeploy, false],
    ['bundles:deploy', PERMISSIONS.bundlesDeploy, true],
    ['bundles:deploy', PERMISSIONS.variablesRead, false],
  ] as const)('scope %s / %s → %s', (scope, permission, allowed) =>
    expect(scopePermissions([scope]).includes(permission)).toBe(allowed),
  );

  it('no scope reaches members, teams or tokens management', () => {
    const all = scopePermissions([...TOKEN_SCOPES]);
    for (const p of [PERMISSIONS.membersManage, PERMISSIONS.teamsManage, PERMISSIONS.tokensManage])
      expect(all).not.toContain(p);
  });
});
