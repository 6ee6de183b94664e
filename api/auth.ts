// Who is calling: a browser session (HttpOnly cookie, with a per-session CSRF token required on every
// unsafe request) or an API token (`Authorization: Bearer clt_…`, no CSRF: a browser never attaches it
// on its own). A token also needs the scope of the route (api/scopes.ts).
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { tokenByHash, touchToken } from '../db/api-tokens';
import { liveSession } from '../db/sessions';
import { scopeAllows } from '../domain/api-tokens';
import { DomainError } from '../domain/errors';
import type { Role } from '../domain/types';
import type { AppEnv, SessionUser } from './deps';
import { scopeFor } from './scopes';
import { safeEqual, sha256 } from '../platform/security';

export const SESSION_COOKIE = 'closeloop_session';
export const CSRF_HEADER = 'x-csrf-token';
const API_PREFIX = '/api/v1';

/** The bearer credential of the request, or null without an Authorization: Bearer header. */
export function bearerOf(c: Context): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  return match ? match[1] : null;
}

/** Loads the caller (session or API token) or answers 401; 403 without the role (or the token's scope). */
export const requireUser = (...roles: Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const bearer = bearerOf(c);
    const user = bearer !== null ? await tokenUser(c, bearer) : await sessionUser(c);
    if (roles.length && !roles.includes(user.role)) {
      throw new DomainError('FORBIDDEN', `This needs the ${roles.join(' or ')} role`);
    }
    c.set('user', user);
    await next();
  });

async function sessionUser(c: Context<AppEnv>): Promise<SessionUser> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) throw new DomainError('UNAUTHORIZED', 'Sign in first');
  const row = await liveSession(c.get('deps').db, sha256(token));
  if (!row) throw new DomainError('UNAUTHORIZED', 'Session expired or signed out');
  if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
    const header = c.req.header(CSRF_HEADER) ?? '';
    if (!safeEqual(header, row.session.csrfToken)) throw new DomainError('FORBIDDEN', 'Missing or wrong CSRF token');
  }
  c.set('sessionId', row.session.id);
  const { id, email, name, role, branches } = row.user;
  return { id, email, name, role, branches };
}

async function tokenUser(c: Context<AppEnv>, secret: string): Promise<SessionUser> {
  const { db } = c.get('deps');
  const found = await tokenByHash(db, sha256(secret));
  const now = new Date();
  if (!found) throw new DomainError('UNAUTHORIZED', 'Unknown API token');
  const { token, user } = found;
  if (token.revokedAt) throw new DomainError('UNAUTHORIZED', 'This API token was revoked');
  if (token.expiresAt && token.expiresAt <= now) throw new DomainError('UNAUTHORIZED', 'This API token has expired');
  if (token.kind === 'personal' && (!user || !user.active)) throw new DomainError('UNAUTHORIZED', 'The owner of this API token is deactivated');
  const path = c.req.path.startsWith(API_PREFIX) ? c.req.path.slice(API_PREFIX.length) : c.req.path;
  const needed = scopeFor(c.req.method, path);
  if (!scopeAllows(token.scopes, needed)) {
    throw new DomainError('FORBIDDEN', needed === 'session' ? 'This route needs a signed-in session; API tokens cannot use it' : `This API token lacks the ${needed} scope`);
  }
  await touchToken(db, token.id, now);
  const via = { id: token.id, kind: token.kind, scopes: token.scopes };
  // A service token is an integration, not a person: it sees every branch, limited by its scopes.
  if (token.kind === 'service') return { id: `token:${token.id}`, email: '', name: token.name, role: 'admin', branches: [], token: via };
  const { id, email, name, role, branches } = user!;
  return { id, email, name, role, branches, token: via };
}


/** The user id a row may reference (users.id), or null for a service token: it is nobody, so it cannot
 * own anything nor be recorded as who did something (schemathesis found the foreign-key 500s). */
export function personOf(user: SessionUser): string | null {
  return user.token?.kind === 'service' ? null : user.id;
}

/** The caller's user id for something only a person owns; 403 for a service token. */
export function ownerOf(user: SessionUser, what: string): string {
  const id = personOf(user);
  if (id === null) throw new DomainError('FORBIDDEN', `A service token is nobody, so it cannot own ${what}; use a personal token${what.includes('report') ? '' : ' or make it shared'}`);
  return id;
}
