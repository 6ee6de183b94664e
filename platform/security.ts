// Secrets: intake keys, API tokens and session tokens are random, shown once, and stored only as SHA-256 hashes.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (passwordHash: string, password: string) => verify(passwordHash, password).catch(() => false);

let dummyHash: Promise<string> | null = null;
let verifications = 0;

/** Checks `password` against `passwordHash` — or, for an unknown or inactive account (null), against a
 * hash of a random password made with the same parameters, so both answers cost one Argon2 verification
 * and the response time does not tell whether an account exists. */
export async function checkPassword(passwordHash: string | null, password: string): Promise<boolean> {
  dummyHash ??= hashPassword(newToken());
  const target = passwordHash && passwordHash.startsWith('$argon2') ? passwordHash : await dummyHash;
  verifications++;
  const ok = await verifyPassword(target, password);
  return ok && target === passwordHash;
}

/** Argon2 verifications done by checkPassword since the process started (a counter for tests and metrics). */
export const passwordVerifications = () => verifications;

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `<tag>_<prefix>_<secret>`: the prefix lets an admin recognise a key in a list, the tag what it is for. */
function newPrefixedSecret(tag: string): { key: string; prefix: string; keyHash: string } {
  const prefix = randomBytes(4).toString('hex');
  const key = `${tag}_${prefix}_${newToken(24)}`;
  return { key, prefix, keyHash: sha256(key) };
}

/** `length` characters drawn uniformly from `alphabet` (whose size must divide 256, so no modulo bias). */
export function randomCode(length: number, alphabet: string): string {
  if (256 % alphabet.length !== 0) throw new Error('alphabet size must divide 256');
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}
/** Intake keys look like `clk_<prefix>_<secret>`. */
export const newIntakeKey = () => newPrefixedSecret('clk');
/** API tokens look like `clt_<prefix>_<secret>`. */
export const newApiToken = () => newPrefixedSecret('clt');
/** A webhook signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
