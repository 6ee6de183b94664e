import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it('refuses short, blank, repetitive and run-of-keys passwords', () => {
    expect(passwordProblem('short-1')).toMatch(/at least 10/);
    expect(passwordProblem('1111111111')).toMatch(/too easy/);
    expect(passwordProblem(' '.repeat(10))).toMatch(/only spaces/);
    expect(passwordProblem('ababababab')).toMatch(/too easy/);
    expect(passwordProblem('abcabcabcabc')).toMatch(/too easy/);
    expect(passwordProblem('abcdefghijkl')).toMatch(/too easy/);
    expect(passwordProblem('9876543210')).toMatch(/too easy/);
    expect(passwordProblem('x'.repeat(501))).toMatch(/at most 500/);
  });

  it('refuses passwords from the bundled common-password list, whatever their case', () => {
    for (const p of ['password123', 'qwertyuiop', 'iloveyou12', '1q2w3e4r5t', 'PASSWORD123', 'Qwertyuiop']) expect(passwordProblem(p), p).toMatch(/common, breached/);
  });

  it('refuses the e-mail address or name', () => {
    expect(passwordProblem('ann@example.com', ['ann@example.com', 'ann'])).toMatch(/e-mail address or name/);
  });

  it('accepts a long, uncommon password or passphrase', () => {
    for (const p of ['admin-pass-123', 'correct horse battery staple', 'Tr0ub4dor&3-x', 'pässwörter-sind-lang']) expect(passwordProblem(p), p).toBeNull();
  });
});
