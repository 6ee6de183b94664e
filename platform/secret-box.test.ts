import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { open, parseSecretKey, seal, SecretBoxError } from './secret-box';

describe('secret box', () => {
  const key = randomBytes(32);
  it('round-trips, never stores the plaintext, and differs per sealing', () => {
    const a = seal(key, '1//refresh-token');
    expect(a).not.toContain('refresh');
    expect(seal(key, '1//refresh-token')).not.toBe(a);
    expect(open(key, a)).toBe('1//refresh-token');
  });
  it('refuses a tampered value or another key', () => {
    const a = seal(key, 'secret');
    const parts = a.split('.');
    parts[3] = Buffer.from('other!').toString('base64url');
    expect(() => open(key, parts.join('.'))).toThrow(SecretBoxError);
    expect(() => open(randomBytes(32), a)).toThrow(SecretBoxError);
    expect(() => open(key, 'plain')).toThrow(SecretBoxError);
  });
  it('takes a 32-byte key as base64 or hex only', () => {
    expect(parseSecretKey(key.toString('base64'))?.equals(key)).toBe(true);
    expect(parseSecretKey(key.toString('hex'))?.equals(key)).toBe(true);
    expect(parseSecretKey('short')).toBeNull();
  });
});
