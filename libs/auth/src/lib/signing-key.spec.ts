import { sign, verify } from 'jsonwebtoken';
import { accessTokenKey } from './signing-key';

describe('accessTokenKey', () => {
  const secret = 'a-secret-of-at-least-32-characters-long';
  const key = accessTokenKey(secret);

  it('verifies tokens signed with the secret as a string (issued before the key object), and the other way round', () => {
    const issuedBefore = sign({ sub: 'u1' }, secret, { algorithm: 'HS256' });
    expect(verify(issuedBefore, key, { algorithms: ['HS256'] })).toMatchObject({ sub: 'u1' });
    const issuedNow = sign({ sub: 'u2' }, key, { algorithm: 'HS256' });
    expect(verify(issuedNow, secret, { algorithms: ['HS256'] })).toMatchObject({ sub: 'u2' });
  });

  it('refuses a token signed with another secret', () => {
    const foreign = sign({ sub: 'u1' }, 'another-secret-of-at-least-32-characters', { algorithm: 'HS256' });
    expect(() => verify(foreign, key, { algorithms: ['HS256'] })).toThrow('invalid signature');
  });
});
