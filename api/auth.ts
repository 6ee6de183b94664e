// Session cookies (HttpOnly, SameSite) with a per-session CSRF token required on every unsafe request.
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { liveSession } from '../db/sessions';
import { DomainError } from '../domain/errors';
import type { Role } from '../domain/types';
import type { AppEnv } from './deps';
import { safeEqual, sha256 } from '../platform/security';

export const SESSION_COOKIE = 'closeloop_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Loads the signed-in user or answers 401; on unsafe methods also checks the CSRF header. */
export const requireUser = (...roles: Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (!token) throw new DomainError('UNAUTHORIZED', 'Sign in first');
    const { db } = c.get('deps');
    const row = await liveSession(db, sha256(token));
    if (!row) throw new DomainError('UNAUTHORIZED', 'Session expired or signed out');
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      const header = c.req.header(CSRF_HEADER) ?? '';
      if (!safeEqual(header, row.session.csrfToken)) throw new DomainError('FORBIDDEN', 'Missing or wrong CSRF token');
    }
    if (roles.length && !roles.includes(row.user.role)) {
      throw new DomainError('FORBIDDEN', `This needs the ${roles.join(' or ')} role`);
    }
    const { id, email, name, role, branches } = row.user;
    c.set('user', { id, email, name, role, branches });
    c.set('sessionId', row.session.id);
    await next();
  });
