// Sign-in hardening on the real stack: per-address and per-account+address throttling that never
// locks the owner out, one Argon2 verification whether or not the account exists, the password
// policy, and the optional TOTP second factor. Addresses come from X-Forwarded-For through an app
// configured behind one proxy (TRUST_PROXY_HOPS=1), as in production behind a load balancer.
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import type { ErrorBody } from '../../api/errors';
import type { meSchema, totpEnrolmentSchema } from '../../api/routes/auth';
import type { User } from '../../api/routes/users';
import { MAX_FAILURES_PER_IP } from '../../domain/sign-in-throttle';
import { passwordVerifications } from '../../platform/security';
import type { z } from 'zod';
import { ADMIN, startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let admin: Session;
let proxied: ReturnType<typeof createApp>;
beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
  proxied = createApp({ db: s.database.db, temporal: s.temporal.env.client, config: { ...s.config, TRUST_PROXY_HOPS: 1 } });
});
afterAll(async () => s?.teardown());

const json = async <T>(r: Response) => (await r.json()) as T;
const signIn = (ip: string, body: Record<string, unknown>) =>
  proxied.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify(body) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function createUser(email: string, password = 'a-long-password-1', role = 'agent') {
  const res = await s.call('POST', '/api/v1/users', { email, name: email.split('@')[0], password, role, branches: ['main'] }, admin);
  expect(res.status, await res.clone().text()).toBe(201);
  return json<User>(res);
}

describe('sign-in throttling', () => {
  it('stops a password spray from one address with 429 + Retry-After, while others sign in', async () => {
    const sprayer = '203.0.113.9';
    const statuses: number[] = [];
    for (let i = 0; i < MAX_FAILURES_PER_IP + 5; i++) statuses.push((await signIn(sprayer, { email: `victim${i}@test.local`, password: 'Summer2026!' })).status);
    expect(statuses.slice(0, MAX_FAILURES_PER_IP)).toEqual(Array(MAX_FAILURES_PER_IP).fill(401));
    expect(statuses.slice(MAX_FAILURES_PER_IP)).toEqual(Array(5).fill(429));
    const refused = await signIn(sprayer, { email: ADMIN.email, password: ADMIN.password });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
    expect((await json<ErrorBody>(refused)).error.code).toBe('RATE_LIMITED');
    // Refused attempts were not even checked: the address's count did not grow past the limit.
    expect((await signIn('198.51.100.20', { email: ADMIN.email, password: ADMIN.password })).status).toBe(200);
  });

  it('never locks the owner out: many wrong passwords from one address, the right one from another works', async () => {
    const owner = await createUser('owner@test.local');
    const attacker = '198.51.100.66';
    const seen: number[] = [];
    for (let i = 0; i < 12; i++) seen.push((await signIn(attacker, { email: owner.email, password: `guess-number-${i}` })).status);
    // Three free failures, then a wait between tries: the attacker gets 429s, not guesses.
    expect(seen.slice(0, 3)).toEqual([401, 401, 401]);
    expect(seen.slice(3)).toEqual(Array(9).fill(429));
    const waiting = await signIn(attacker, { email: owner.email, password: 'a-long-password-1' });
    expect(waiting.status).toBe(429);
    expect(waiting.headers.get('retry-after')).toBe('1');
    // The owner, from their own address, at once.
    const ok = await signIn('192.0.2.44', { email: owner.email, password: 'a-long-password-1' });
    expect(ok.status).toBe(200);
    // The wait grows: after one second the attacker may try once more, then waits two.
    await sleep(1100);
    expect((await signIn(attacker, { email: owner.email, password: 'guess-again' })).status).toBe(401);
    const longer = await signIn(attacker, { email: owner.email, password: 'guess-again-2' });
    expect(longer.status).toBe(429);
    expect(longer.headers.get('retry-after')).toBe('2');
  });

  it('answers an unknown account with the same Argon2 verification as a known one', async () => {
    await createUser('known@test.local');
    const ip = '192.0.2.77';
    for (const [email, password] of [
      ['nobody-here@test.local', 'whatever-password'],
      ['known@test.local', 'wrong-password-x'],
    ]) {
      const before = passwordVerifications();
      const res = await signIn(ip, { email, password });
      expect(res.status).toBe(401);
      expect((await json<ErrorBody>(res)).error.message).toBe('Wrong email or password');
      expect(passwordVerifications() - before, email).toBe(1);
    }
    // An inactive account too.
    const gone = await createUser('gone@test.local');
    expect((await s.call('PATCH', `/api/v1/users/${gone.id}`, { active: false }, admin)).status).toBe(200);
    const before = passwordVerifications();
    expect((await signIn('192.0.2.78', { email: gone.email, password: 'a-long-password-1' })).status).toBe(401);
    expect(passwordVerifications() - before).toBe(1);
  });
});

describe('password policy', () => {
  it('refuses short, repetitive, blank and breached passwords, naming the field', async () => {
    for (const [password, message] of [
      ['1111111111', /too easy/],
      [' '.repeat(10), /only spaces/],
      ['password123', /common, breached/],
      ['qwertyuiop', /common, breached/],
      ['short-pw', /at least 10/],
    ] as const) {
      const res = await s.call('POST', '/api/v1/users', { email: 'weak@test.local', name: 'Weak', password, role: 'agent' }, admin);
      expect(res.status, password).toBe(400);
      expect((await json<ErrorBody>(res)).error.details!.fields).toEqual([{ path: 'password', message: expect.stringMatching(message) }]);
    }
    const user = await createUser('changer@test.local', 'first-password-ok');
    const session = await s.login(user.email, 'first-password-ok');
    for (const [newPassword, message] of [
      ['iloveyou12', /common, breached/],
      ['changer@test.local', /e-mail address or name/],
    ] as const) {
      const res = await s.call('POST', '/api/v1/auth/password', { currentPassword: 'first-password-ok', newPassword }, session);
      expect(res.status, newPassword).toBe(400);
      expect((await json<ErrorBody>(res)).error.details!.fields).toEqual([{ path: 'newPassword', message: expect.stringMatching(message) }]);
    }
    expect((await s.call('PATCH', `/api/v1/users/${user.id}`, { password: 'ababababab' }, admin)).status).toBe(400);
  });
});

describe('TOTP second factor', () => {
  it('enrols by QR code, then asks for a code at sign-in, once per code; an admin can reset it', async () => {
    const user = await createUser('second@test.local', 'second-factor-pw', 'admin');
    const session = await s.login(user.email, 'second-factor-pw');
    const setup = await s.call('POST', '/api/v1/auth/totp/setup', undefined, session);
    expect(setup.status).toBe(200);
    const enrol = await json<z.infer<typeof totpEnrolmentSchema>>(setup);
    expect(enrol.uri).toContain(`secret=${enrol.secret}`);
    expect(enrol.qr).toMatch(/^data:image\/png;base64,/);
    const bad = await s.call('POST', '/api/v1/auth/totp/confirm', { code: '12345' }, session);
    expect(bad.status).toBe(400);
    const code = await generate({ secret: enrol.secret });
    expect((await s.call('POST', '/api/v1/auth/totp/confirm', { code }, session)).status).toBe(204);
    expect((await json<z.infer<typeof meSchema>>(await s.call('GET', '/api/v1/auth/me', undefined, session))).totp).toBe(true);

    const ip = '192.0.2.90';
    const asked = await signIn(ip, { email: user.email, password: 'second-factor-pw' });
    expect(asked.status).toBe(401);
    expect((await json<ErrorBody>(asked)).error.details).toEqual({ reason: 'TOTP_REQUIRED' });
    expect(asked.headers.get('set-cookie')).toBeNull();
    const wrong = await signIn(ip, { email: user.email, password: 'second-factor-pw', totp: code === '000000' ? '999999' : '000000' });
    expect((await json<ErrorBody>(wrong)).error.details).toEqual({ reason: 'TOTP_INVALID' });
    // The code used to confirm the enrolment cannot be used again; the next one signs in.
    const replay = await signIn(ip, { email: user.email, password: 'second-factor-pw', totp: code });
    expect(replay.status).toBe(401);
    const next = await generate({ secret: enrol.secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const ok = await signIn('192.0.2.91', { email: user.email, password: 'second-factor-pw', totp: next });
    expect(ok.status).toBe(200);
    expect((await json<z.infer<typeof meSchema>>(ok)).totp).toBe(true);
    // A code alone is not enough: the password is checked first.
    const later = await generate({ secret: enrol.secret, epoch: Math.floor(Date.now() / 1000) + 60 });
    expect((await json<ErrorBody>(await signIn('192.0.2.92', { email: user.email, password: 'not-the-password', totp: later }))).error.message).toBe('Wrong email or password');

    // Lost phone: an admin switches it off; the password alone works again.
    const reset = await s.call('PATCH', `/api/v1/users/${user.id}`, { totp: false }, admin);
    expect((await json<User>(reset)).totp).toBe(false);
    expect((await signIn('192.0.2.93', { email: user.email, password: 'second-factor-pw' })).status).toBe(200);
  });

  it('switches off with a current code only', async () => {
    const user = await createUser('toggle@test.local', 'toggle-factor-pw');
    const session = await s.login(user.email, 'toggle-factor-pw');
    const enrol = await json<z.infer<typeof totpEnrolmentSchema>>(await s.call('POST', '/api/v1/auth/totp/setup', undefined, session));
    expect((await s.call('POST', '/api/v1/auth/totp/confirm', { code: await generate({ secret: enrol.secret }) }, session)).status).toBe(204);
    expect((await s.call('POST', '/api/v1/auth/totp/disable', { code: '000000' }, session)).status).toBe(400);
    const next = await generate({ secret: enrol.secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    expect((await s.call('POST', '/api/v1/auth/totp/disable', { code: next }, session)).status).toBe(204);
    expect((await json<z.infer<typeof meSchema>>(await s.call('GET', '/api/v1/auth/me', undefined, session))).totp).toBe(false);
  });
});
