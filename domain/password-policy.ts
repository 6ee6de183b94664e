// What a new password must be (NIST SP 800-63B: a length floor and a blocklist, no composition rules):
// at least 10 characters, not one short block repeated or a plain run of keys ("1111111111", ten
// spaces, "abababab…", "1234567890"), and not on the common-password list that zxcvbn-ts ships
// (@zxcvbn-ts/language-common, ~49 000 passwords seen most often in public breach dumps) — checked
// offline, no password leaves the process.
import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 500;

let common: Set<string> | null = null;
const commonPasswords = () => (common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())));

/** True when the whole of `chars` is one block of at most 4 characters repeated ("ababab", "123123"). */
function repeatsShortBlock(chars: string[]): boolean {
  for (let size = 1; size <= 4; size++) {
    if (chars.every((c, i) => c === chars[i % size])) return true;
  }
  return false;
}

/** True when every character is the one before it plus or minus one ("abcdefghij", "9876543210"). */
function isRun(chars: string[]): boolean {
  const codes = chars.map((c) => c.codePointAt(0)!);
  const step = codes[1] - codes[0];
  return Math.abs(step) === 1 && codes.every((c, i) => i === 0 || c - codes[i - 1] === step);
}

/** Why `password` may not be chosen, or null when it may. `personal` are values it must not equal (the e-mail, its local part, the name). */
export function passwordProblem(password: string, personal: string[] = []): string | null {
  const chars = [...password];
  if (chars.length < PASSWORD_MIN_LENGTH) return `at least ${PASSWORD_MIN_LENGTH} characters`;
  if (chars.length > PASSWORD_MAX_LENGTH) return `at most ${PASSWORD_MAX_LENGTH} characters`;
  if (!password.trim()) return 'must not be only spaces';
  if (new Set(chars).size < 4 || repeatsShortBlock(chars) || isRun(chars)) return 'too easy to guess: a repeated character, block or run of keys';
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower) || commonPasswords().has(lower.trim())) return 'this password is on the list of common, breached passwords: choose another';
  if (personal.some((p) => p && lower === p.toLowerCase())) return 'must not be your e-mail address or name';
  return null;
}
