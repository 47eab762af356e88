import { randomBytes } from 'node:crypto';
import { keyIdOf, SecretBox, SecretDecryptionError } from './secret-box';

const newKey = () => randomBytes(32).toString('hex');

describe('SecretBox', () => {
  it('round-trips a value and never stores the plaintext', () => {
    const box = new SecretBox(newKey());
    const stored = box.encrypt('hunter2-connection-password', 'tenant:1:connection:warehouse');
    expect(stored).not.toContain('hunter2');
    expect(stored.split(':')[1]).toBe(box.currentKeyId);
    expect(box.decrypt(stored, 'tenant:1:connection:warehouse')).toBe('hunter2-connection-password');
  });

  it('uses a fresh IV every time', () => {
    const box = new SecretBox(newKey());
    expect(box.encrypt('same', 'ad')).not.toBe(box.encrypt('same', 'ad'));
  });

  it('refuses a value bound to another row', () => {
    const box = new SecretBox(newKey());
    const stored = box.encrypt('secret', 'tenant:1:variable:x');
    expect(() => box.decrypt(stored, 'tenant:2:variable:x')).toThrow(SecretDecryptionError);
  });

  it('refuses a tampered ciphertext', () => {
    const box = new SecretBox(newKey());
    const parts = box.encrypt('secret', 'ad').split(':');
    parts[4] = Buffer.from('public').toString('base64url');
    expect(() => box.decrypt(parts.join(':'), 'ad')).toThrow(/tampered/);
  });

  it('reads values written under a retired key after rotation, and says which need re-encrypting', () => {
    const oldKey = newKey();
    const stored = new SecretBox(oldKey).encrypt('secret', 'ad');
    const rotated = new SecretBox(newKey(), [oldKey]);
    expect(rotated.decrypt(stored, 'ad')).toBe('secret');
    expect(rotated.needsRotation(stored)).toBe(true);
    expect(rotated.needsRotation(rotated.encrypt('secret', 'ad'))).toBe(false);
  });

  it('names the missing key when a value was written under a key no longer configured', () => {
    const oldKey = newKey();
    const stored = new SecretBox(oldKey).encrypt('secret', 'ad');
    expect(() => new SecretBox(newKey()).decrypt(stored, 'ad')).toThrow(new RegExp(`key ${keyIdOf(oldKey)}`));
  });
});
