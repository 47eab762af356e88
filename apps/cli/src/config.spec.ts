import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_URL, loadConfig, saveCredentials } from './config';
import { makeTempDir } from './testing/stand-in-api';

describe('config', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.remove());

  it('defaults to the local API when nothing is stored', () => {
    const config = loadConfig({ UPDRAFT_CONFIG_DIR: dir.path });
    expect(config).toEqual({ credentialsPath: join(dir.path, 'credentials.json'), url: DEFAULT_URL });
  });

  it('reads UPDRAFT_CONN_* and UPDRAFT_VAR_* for dags test, by the name after the prefix', () => {
    const config = loadConfig({
      UPDRAFT_CONFIG_DIR: dir.path,
      UPDRAFT_CONN_WAREHOUSE: 'postgres://db/sales',
      UPDRAFT_VAR_REGION: 'eu',
      UPDRAFT_VAR_: 'no name',
    });
    expect(config.localSecrets).toEqual({
      connections: { WAREHOUSE: 'postgres://db/sales' },
      variables: { REGION: 'eu' },
    });
  });

  it('stores credentials with mode 0600 and reads them back', () => {
    const path = join(dir.path, 'nested', 'credentials.json');
    saveCredentials(path, { url: 'http://api:3000', accessToken: 'tok', tenant: 'acme' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadConfig({ UPDRAFT_CONFIG_DIR: join(dir.path, 'nested') })).toMatchObject({
      url: 'http://api:3000',
      token: 'tok',
      tenant: 'acme',
    });
  });

  it('tightens the mode of an existing credentials file', () => {
    const path = join(dir.path, 'credentials.json');
    writeFileSync(path, '{}', { mode: 0o644 });
    saveCredentials(path, { url: 'u', accessToken: 't' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ url: 'u', accessToken: 't' });
  });

  it('lets UPDRAFT_URL, UPDRAFT_TOKEN and UPDRAFT_TENANT override the stored values', () => {
    saveCredentials(join(dir.path, 'credentials.json'), { url: 'http://a', accessToken: 'a', tenant: 'a' });
    const config = loadConfig({
      UPDRAFT_CONFIG_DIR: dir.path,
      UPDRAFT_URL: 'http://b',
      UPDRAFT_TOKEN: 'b',
      UPDRAFT_TENANT: 'b',
    });
    expect(config).toMatchObject({ url: 'http://b', token: 'b', tenant: 'b' });
  });

  it('explains a damaged credentials file in one line', () => {
    writeFileSync(join(dir.path, 'credentials.json'), 'not json');
    expect(() => loadConfig({ UPDRAFT_CONFIG_DIR: dir.path })).toThrow(/is not valid .*run `updraft login` again/);
  });
});
