import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const FORMAT = 'v1';

export class SecretDecryptionError extends Error {}

/** A key's id: stored beside each ciphertext so values written under an older key stay readable after rotation. */
export function keyIdOf(keyHex: string): string {
  return createHash('sha256').update(Buffer.from(keyHex, 'hex')).digest('hex').slice(0, 12);
}

/**
 * Encrypts secrets at rest with AES-256-GCM. A value is stored as `v1:<key id>:<iv>:<tag>:<ciphertext>`
 * (base64url parts); the associated data (for example `tenant:<id>:connection:<name>`) binds a value
 * to its row, so a ciphertext copied into another tenant's row does not decrypt.
 */
export class SecretBox {
  private readonly current: { id: string; key: Buffer };
  private readonly keys = new Map<string, Buffer>();

  constructor(currentKeyHex: string, retiredKeysHex: readonly string[] = []) {
    for (const hex of [...retiredKeysHex, currentKeyHex]) this.keys.set(keyIdOf(hex), Buffer.from(hex, 'hex'));
    this.current = { id: keyIdOf(currentKeyHex), key: Buffer.from(currentKeyHex, 'hex') };
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  encrypt(plaintext: string, associatedData: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.current.key, iv);
    cipher.setAAD(Buffer.from(associatedData));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      FORMAT,
      this.current.id,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      body.toString('base64url'),
    ].join(':');
  }

  decrypt(stored: string, associatedData: string): string {
    const [format, keyId, iv, tag, body] = stored.split(':');
    if (format !== FORMAT || !keyId || iv === undefined || tag === undefined || body === undefined)
      throw new SecretDecryptionError('not an encrypted value');
    const key = this.keys.get(keyId);
    if (!key)
      throw new SecretDecryptionError(
        `encrypted under key ${keyId}, which is not configured (ENCRYPTION_KEY / ENCRYPTION_KEYS_RETIRED)`,
      );
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(associatedData));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretDecryptionError('the value does not decrypt: tampered, or bound to another row');
    }
  }

  /** True when the value was written under a key other than the current one (it should be re-encrypted). */
  needsRotation(stored: string): boolean {
    return stored.split(':')[1] !== this.current.id;
  }
}

/** What every API response and log shows instead of a secret. */
export const MASK = '********';
