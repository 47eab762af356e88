import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { egressFetch } from './egress-fetch';
import { EgressDeniedError, EgressPolicy, isPrivateAddress } from './egress-policy';

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.5', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:808:808', false],
    ['93.184.216.34', false],
    ['8.8.8.8', false],
    ['2606:4700:4700::1111', false],
    ['172.32.0.1', false],
  ])('%s → %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe('EgressPolicy', () => {
  const strict = new EgressPolicy({ allowPrivateNetworks: false, allowedHosts: [] });

  it('refuses loopback, metadata and private destinations, naming host and address', async () => {
    await expect(strict.check('http://127.0.0.1:5432/')).rejects.toThrow(
      /'127\.0\.0\.1' resolves to 127\.0\.0\.1, a private or loopback address/,
    );
    await expect(strict.check('http://169.254.169.254/latest/meta-data/')).rejects.toThrow(EgressDeniedError);
    await expect(strict.check('http://localhost:6379/')).rejects.toThrow(/'localhost' resolves to/);
    await expect(strict.check('http://[::1]:3000/')).rejects.toThrow(EgressDeniedError);
  });

  it('refuses other protocols', async () => {
    await expect(strict.check('file:///etc/passwd')).rejects.toThrow(
      /only http and https URLs are allowed, not 'file:'/,
    );
  });

  it('allows public addresses, and private ones only when listed or when private networks are allowed', async () => {
    await expect(strict.check('https://93.184.216.34/')).resolves.toBeUndefined();
    await expect(
      new EgressPolicy({ allowPrivateNetworks: false, allowedHosts: ['127.0.0.1'] }).check('http://127.0.0.1:8080/'),
    ).resolves.toBeUndefined();
    await expect(
      new EgressPolicy({ allowPrivateNetworks: true, allowedHosts: [] }).check('http://10.0.0.1/'),
    ).resolves.toBeUndefined();
  });
});

describe('egressFetch (real HTTP servers on loopback)', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/hop') {
        res.writeHead(302, { location: 'http://localhost:' + (server.address() as AddressInfo).port + '/secret' });
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(`hello from ${req.url}`);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reaches an allowed host', async () => {
    const policy = new EgressPolicy({ allowPrivateNetworks: false, allowedHosts: ['127.0.0.1'] });
    const response = await egressFetch(policy, `${base}/ok`);
    expect(await response.text()).toBe('hello from /ok');
  });

  it('refuses a redirect from an allowed host to a private name that is not allowed', async () => {
    const policy = new EgressPolicy({ allowPrivateNetworks: false, allowedHosts: ['127.0.0.1'] });
    await expect(egressFetch(policy, `${base}/hop`)).rejects.toThrow(/'localhost' resolves to/);
  });

  it('refuses a private destination before any request is made', async () => {
    const policy = new EgressPolicy({ allowPrivateNetworks: false, allowedHosts: [] });
    await expect(egressFetch(policy, `${base}/ok`)).rejects.toThrow(EgressDeniedError);
  });

  it('follows redirects when the next hop is allowed too', async () => {
    const policy = new EgressPolicy({ allowPrivateNetworks: false, allowedHosts: ['127.0.0.1', 'localhost'] });
    const response = await egressFetch(policy, `${base}/hop`);
    expect(await response.text()).toBe('hello from /secret');
  });
});
