import { PERMISSIONS, roleHasPermission } from './permissions';

describe('roleHasPermission', () => {
  it.each([
    ['viewer', PERMISSIONS.dagsRead, true],
    ['viewer', PERMISSIONS.dagsTrigger, false],
    ['viewer', PERMISSIONS.bundlesDeploy, false],
    ['editor', PERMISSIONS.bundlesDeploy, true],
    ['editor', PERMISSIONS.membersManage, false],
    ['admin', PERMISSIONS.membersManage, true],
    ['owner', PERMISSIONS.membersManage, true],
  ] as const)('%s / %s → %s', (role, permission, allowed) => expect(roleHasPermission(role, permission)).toBe(allowed));
});
