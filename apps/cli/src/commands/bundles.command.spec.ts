import { page, runCli, StandInApi } from '../testing/stand-in-api';

const version = (n: number, name: string, status: string) => ({
  id: `id-${name}-${n}`,
  name,
  version: n,
  status,
  errors: status === 'failed' ? [{ file: 'dags/x.ts', line: 2, message: 'boom' }] : [],
  dagIds: status === 'failed' ? [] : ['nice'],
  archiveSha256: 'x',
  createdAt: '2024-01-0' + n + 'T00:00:00.000Z',
  parsedAt: null,
});

describe('updraft bundles', () => {
  const versions = [
    version(3, 'nice', 'failed'),
    version(2, 'nice', 'active'),
    version(1, 'nice', 'superseded'),
    version(1, 'other', 'active'),
  ];
  const rolledBack: string[] = [];
  const api = new StandInApi({
    'GET /api/v1/tenants/acme/bundles': () => ({ json: page(versions) }),
    'POST /api/v1/tenants/acme/bundles/id-nice-1/rollback': () => {
      rolledBack.push('id-nice-1');
      return { json: { ...version(1, 'nice', 'active') } };
    },
  });
  const session = () => ({ url: api.url, token: 'jwt-1', tenant: 'acme' });

  beforeAll(() => api.start());
  afterAll(() => api.stop());

  it('lists versions as a table, and as JSON with --json', async () => {
    const table = await runCli(['bundles', 'list'], session());
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^BUNDLE\s+VERSION\s+STATUS\s+DAGS\s+ERRORS\s+UPLOADED$/);
    expect(table.stdout).toMatch(/nice\s+3\s+failed\s+0\s+1\s/);
    const json = await runCli(['bundles', 'list', '--json'], session());
    expect(JSON.parse(json.stdout)).toEqual(versions);
  });

  it('rolls back to a version number of the named bundle', async () => {
    const result = await runCli(['bundles', 'rollback', '1', '--bundle', 'nice', '--json'], session());
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ name: 'nice', version: 1, status: 'active' });
    expect(rolledBack).toEqual(['id-nice-1']);
  });

  it('refuses an ambiguous or unknown version with one line and exit 1', async () => {
    expect(await runCli(['bundles', 'rollback', '1'], session())).toEqual({
      code: 1,
      stdout: '',
      stderr: "error: version 1 exists in bundles 'nice', 'other': pick one with --bundle\n",
    });
    expect(await runCli(['bundles', 'rollback', '9'], session())).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: no version 9 in tenant acme\n',
    });
    expect((await runCli(['bundles', 'rollback', 'latest'], session())).code).not.toBe(0);
  });
});
