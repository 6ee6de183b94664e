import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { createSession, endSession, endSessionsOf, recordSignIn, sessionDetails, signInFailures } from '../../db/sessions';
import { readSetting } from '../../db/settings';
import { updateUser, userByEmail, userById } from '../../db/users';
import { DomainError, invalidFields } from '../../domain/errors';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from '../../domain/password-policy';
import { SIGN_IN_WINDOW_MS, throttle } from '../../domain/sign-in-throttle';
import { emailText } from '../../domain/text';
import { roleSchema } from '../../domain/types';
import { requireUser, SESSION_COOKIE } from '../auth';
import { clientIp } from '../client-ip';
import type { AppEnv } from '../deps';
import { errorBodySchema, validationHook } from '../errors';
import { checkPassword, hashPassword, newToken, sha256 } from '../../platform/security';
import { acceptTotp, newTotpSecret, totpQrDataUrl, totpUri } from '../../platform/totp';

export const loginBodySchema = z.object({
  email: emailText().toLowerCase(),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  totp: z.string().regex(/^\d{6}$/, 'the 6-digit code of your authenticator app').optional().describe('Second factor, for accounts that enrolled one (answered 401 TOTP_REQUIRED without it)'),
});
/** A new password, whether chosen by its owner or set by an admin (domain/password-policy.ts). */
// The lengths go to the document as minLength / maxLength, which JSON Schema counts in code points as
// passwordProblem does (zod's .min would count UTF-16 units); the rest of the policy is in the description.
export const newPasswordSchema = z
  .string()
  .superRefine((p, ctx) => {
    const problem = passwordProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    pattern: '\\S',
    description: `${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters, not only spaces, not one character, short block or run of keys repeated, not on the common-password list, not the user's e-mail or name`,
  });
/** The fields every view of a staff member carries: the signed-in user's own and the admin's user list. */
export const staffFields = {
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  branches: z.array(z.string()),
  available: z.boolean(),
};
export const meSchema = z
  .object({
    ...staffFields,
    totp: z.boolean().describe('Whether sign-in asks for an authenticator code'),
    csrfToken: z.string(),
  })
  .meta({ id: 'SessionUser' });
const codeBody = { body: { content: { 'application/json': { schema: z.object({ code: z.string().regex(/^\d{6}$/, 'the 6-digit code of your authenticator app') }) } }, required: true } };
export const totpEnrolmentSchema = z
  .object({ secret: z.string().describe('Base32, for typing in by hand'), uri: z.string().describe('otpauth:// URI'), qr: z.string().describe('The URI as a QR code (PNG data URL)') })
  .meta({ id: 'TotpEnrolment' });

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const err = (description: string) => json(errorBodySchema, description);

const login = createRoute({
  method: 'post',
  path: '/login',
  tags: ['auth'],
  summary: 'Sign in with email and password; sets an HttpOnly session cookie',
  request: { body: { content: { 'application/json': { schema: loginBodySchema } }, required: true } },
  security: [],
  responses: {
    200: json(meSchema, 'Signed in'),
    400: err('Bad body'),
    401: err('Wrong email or password (UNAUTHORIZED), or the account asks for its authenticator code (details.reason TOTP_REQUIRED) or got a wrong one (TOTP_INVALID)'),
    403: err('Password sign-in is switched off'),
    429: err('Too many failed attempts from this address, or for this account from this address: wait Retry-After seconds (no account is ever locked)'),
  },
});
export const signInMethodsSchema = z
  .object({
    passwords: z.boolean().describe('Whether e-mail and password sign-in is on'),
    sso: z.object({ label: z.string(), startUrl: z.string().describe('Open in the browser: it goes to the identity provider and back') }).nullable(),
  })
  .meta({ id: 'SignInMethods' });
const methods = createRoute({ method: 'get', path: '/methods', tags: ['auth'], summary: 'How one may sign in (for the sign-in screen)', security: [], responses: { 200: json(signInMethodsSchema, 'Sign-in methods') } });
const logout = createRoute({ method: 'post', path: '/logout', tags: ['auth'], summary: 'Sign out', responses: { 204: { description: 'Signed out' } } });
const me = createRoute({ method: 'get', path: '/me', tags: ['auth'], summary: 'The signed-in user', responses: { 200: json(meSchema, 'Current user'), 401: err('Not signed in') } });
const changePassword = createRoute({
  method: 'post',
  path: '/password',
  tags: ['auth'],
  summary: 'Change own password; other sessions of the user are signed out',
  request: { body: { content: { 'application/json': { schema: z.object({ currentPassword: z.string().min(1), newPassword: newPasswordSchema }) } }, required: true } },
  responses: { 204: { description: 'Changed' }, 400: err('Bad body, or a new password that is too short, too simple or on the common-password list (named in invalidFields)'), 401: err('Wrong current password') },
});
const totpSetup = createRoute({
  method: 'post',
  path: '/totp/setup',
  tags: ['auth'],
  summary: 'Start enrolling an authenticator app: a new secret and its QR code; sign-in asks for codes once confirmed',
  responses: { 200: json(totpEnrolmentSchema, 'Scan the QR code, then confirm with a code'), 401: err('Not signed in') },
});
const totpConfirm = createRoute({
  method: 'post',
  path: '/totp/confirm',
  tags: ['auth'],
  summary: 'Confirm the enrolment with a code from the app; from now on sign-in asks for one',
  request: codeBody,
  responses: { 204: { description: 'Second factor on' }, 400: err('Wrong code, or no enrolment started'), 401: err('Not signed in') },
});
const totpDisable = createRoute({
  method: 'post',
  path: '/totp/disable',
  tags: ['auth'],
  summary: 'Switch the second factor off, with a current code (an admin can also reset it on the user)',
  request: codeBody,
  responses: { 204: { description: 'Second factor off' }, 400: err('Wrong code, or no second factor on'), 401: err('Not signed in') },
});

/** Signs the user in on this browser: a new session, its HttpOnly cookie; returns its CSRF token. */
export async function startSession(c: Context<AppEnv>, userId: string): Promise<string> {
  const { db, config } = c.get('deps');
  const token = newToken();
  const csrfToken = newToken(18);
  const expiresAt = new Date(Date.now() + config.SESSION_TTL_HOURS * 3_600_000);
  await createSession(db, { id: sha256(token), userId, csrfToken, expiresAt });
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', path: '/', secure: config.publicUrl.startsWith('https:'), expires: expiresAt });
  return csrfToken;
}

export function authRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(login, async (c) => {
    const { email, password, totp } = c.req.valid('json');
    const { db } = c.get('deps');
    const ip = clientIp(c);
    const now = Date.now();
    // Throttled per address and per account + address (domain/sign-in-throttle.ts); never locked.
    const f = await signInFailures(db, email, ip, new Date(now - SIGN_IN_WINDOW_MS));
    const wait = throttle({ ...f, oldestFromIp: f.oldestFromIp?.getTime() ?? null, lastPairFailure: f.lastPairFailure?.getTime() ?? null }, now);
    if (wait) {
      const message = wait.reason === 'address' ? 'Too many failed sign-ins from your network' : 'Too many wrong passwords for this account';
      throw new DomainError('RATE_LIMITED', `${message}: try again in ${wait.retryAfterSeconds} s`, { retryAfterSeconds: wait.retryAfterSeconds });
    }
    if (!(await readSetting(db, 'auth')).localPasswords) throw new DomainError('FORBIDDEN', 'Password sign-in is switched off: sign in with SSO');
    const found = await userByEmail(db, email);
    const user = found?.active ? found : undefined;
    // One Argon2 verification whether or not the account exists: the time does not tell.
    const passwordOk = await checkPassword(user?.passwordHash ?? null, password);
    if (!passwordOk || !user) {
      await recordSignIn(db, { email, ip, success: false });
      throw new DomainError('UNAUTHORIZED', 'Wrong email or password');
    }
    if (user.totpSecret) {
      if (!totp) throw new DomainError('UNAUTHORIZED', 'Enter the code of your authenticator app', { reason: 'TOTP_REQUIRED' });
      const step = await acceptTotp(user.totpSecret, totp, user.totpLastStep);
      if (step === null) {
        await recordSignIn(db, { email, ip, success: false });
        throw new DomainError('UNAUTHORIZED', 'Wrong or already used authenticator code', { reason: 'TOTP_INVALID' });
      }
      await updateUser(db, user.id, { totpLastStep: step });
    }
    await recordSignIn(db, { email, ip, success: true });
    const csrfToken = await startSession(c, user.id);
    return c.json({ id: user.id, email: user.email, name: user.name, role: user.role, branches: user.branches, available: user.available, totp: !!user.totpSecret, csrfToken }, 200);
  });

  app.openapi(methods, async (c) => {
    const { db, config } = c.get('deps');
    const sso = config.oidc ? { label: config.oidc.buttonLabel, startUrl: '/api/v1/auth/oidc/start' } : null;
    return c.json({ passwords: !sso || (await readSetting(db, 'auth')).localPasswords, sso }, 200);
  });

  app.use('/logout', requireUser());
  app.openapi(logout, async (c) => {
    await endSession(c.get('deps').db, c.get('sessionId'));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  app.use('/me', requireUser());
  app.openapi(me, async (c) => {
    return c.json({ ...c.get('user'), ...(await sessionDetails(c.get('deps').db, c.get('sessionId'))) }, 200);
  });

  app.use('/password', requireUser());
  app.openapi(changePassword, async (c) => {
    const { currentPassword, newPassword } = c.req.valid('json');
    const { db } = c.get('deps');
    const user = c.get('user');
    const row = (await userById(db, user.id))!;
    if (!(await checkPassword(row.passwordHash, currentPassword))) throw new DomainError('UNAUTHORIZED', 'Wrong current password');
    const personal = passwordProblem(newPassword, [row.email, row.email.split('@')[0], row.name]);
    if (personal) throw invalidFields([{ path: 'newPassword', message: personal }]);
    await updateUser(db, user.id, { passwordHash: await hashPassword(newPassword) });
    // Sessions elsewhere (a lost phone, a shared desk) end; this one stays signed in.
    await endSessionsOf(db, user.id, c.get('sessionId'));
    return c.body(null, 204);
  });

  app.use('/totp/*', requireUser());
  app.openapi(totpSetup, async (c) => {
    const user = c.get('user');
    const secret = newTotpSecret();
    await updateUser(c.get('deps').db, user.id, { totpPending: secret });
    const uri = totpUri(secret, user.email);
    return c.json({ secret, uri, qr: await totpQrDataUrl(uri) }, 200);
  });
  app.openapi(totpConfirm, async (c) => {
    const { db } = c.get('deps');
    const row = (await userById(db, c.get('user').id))!;
    const step = row.totpPending ? await acceptTotp(row.totpPending, c.req.valid('json').code, null) : null;
    if (step === null) throw invalidFields([{ path: 'code', message: row.totpPending ? 'wrong code: check the time on your phone and try the next one' : 'start the enrolment first' }]);
    await updateUser(db, row.id, { totpSecret: row.totpPending, totpPending: null, totpLastStep: step });
    return c.body(null, 204);
  });
  app.openapi(totpDisable, async (c) => {
    const { db } = c.get('deps');
    const row = (await userById(db, c.get('user').id))!;
    const step = row.totpSecret ? await acceptTotp(row.totpSecret, c.req.valid('json').code, row.totpLastStep) : null;
    if (step === null) throw invalidFields([{ path: 'code', message: row.totpSecret ? 'wrong or already used code' : 'no second factor is on' }]);
    await updateUser(db, row.id, { totpSecret: null, totpPending: null, totpLastStep: null });
    return c.body(null, 204);
  });

  return app;
}
