import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { createSession, endSession, endSessionsOf, failedSignInsSince, recordSignIn, sessionDetails } from '../../db/sessions';
import { readSetting } from '../../db/settings';
import { updateUser, userByEmail, userById } from '../../db/users';
import { DomainError } from '../../domain/errors';
import { roleSchema } from '../../domain/types';
import { requireUser, SESSION_COOKIE } from '../auth';
import { clientIp } from '../client-ip';
import type { AppEnv } from '../deps';
import { errorBodySchema, validationHook } from '../errors';
import { hashPassword, newToken, sha256, verifyPassword } from '../../platform/security';

const LOGIN_WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 5;

export const loginBodySchema = z.object({ email: z.string().trim().toLowerCase().email(), password: z.string().min(1).max(500) });
/** A new password, whether chosen by its owner or set by an admin. */
export const newPasswordSchema = z.string().min(10, 'at least 10 characters').max(500);
export const meSchema = z
  .object({ id: z.string(), email: z.string(), name: z.string(), role: roleSchema, branches: z.array(z.string()), available: z.boolean(), csrfToken: z.string() })
  .meta({ id: 'SessionUser' });

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const err = (description: string) => json(errorBodySchema, description);

const login = createRoute({
  method: 'post',
  path: '/login',
  tags: ['auth'],
  summary: 'Sign in with email and password; sets an HttpOnly session cookie',
  request: { body: { content: { 'application/json': { schema: loginBodySchema } }, required: true } },
  security: [],
  responses: { 200: json(meSchema, 'Signed in'), 400: err('Bad body'), 401: err('Wrong email or password'), 403: err('Password sign-in is switched off'), 429: err('Too many failed attempts') },
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
  responses: { 204: { description: 'Changed' }, 400: err('Bad body'), 401: err('Wrong current password') },
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
    const { email, password } = c.req.valid('json');
    const { db } = c.get('deps');
    const failures = await failedSignInsSince(db, email, new Date(Date.now() - LOGIN_WINDOW_MS));
    if (failures >= MAX_FAILURES) throw new DomainError('RATE_LIMITED', 'Too many failed sign-in attempts; try again in 15 minutes');
    if (!(await readSetting(db, 'auth')).localPasswords) throw new DomainError('FORBIDDEN', 'Password sign-in is switched off: sign in with SSO');
    const user = await userByEmail(db, email);
    const ok = !!user && user.active && (await verifyPassword(user.passwordHash, password));
    await recordSignIn(db, { email, ip: clientIp(c), success: ok });
    if (!ok || !user) throw new DomainError('UNAUTHORIZED', 'Wrong email or password');
    const csrfToken = await startSession(c, user.id);
    return c.json({ id: user.id, email: user.email, name: user.name, role: user.role, branches: user.branches, available: user.available, csrfToken }, 200);
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
    if (!(await verifyPassword(row.passwordHash, currentPassword))) throw new DomainError('UNAUTHORIZED', 'Wrong current password');
    await updateUser(db, user.id, { passwordHash: await hashPassword(newPassword) });
    // Sessions elsewhere (a lost phone, a shared desk) end; this one stays signed in.
    await endSessionsOf(db, user.id, c.get('sessionId'));
    return c.body(null, 204);
  });

  return app;
}
