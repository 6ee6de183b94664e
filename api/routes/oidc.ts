// Single sign-on with OpenID Connect: authorization code + PKCE (openid-client). The browser goes to the
// identity provider and comes back to the callback, which maps the claims to a user (role and branches
// by OIDC_ROLE_MAP / OIDC_BRANCHES_CLAIM; just-in-time provisioning only with OIDC_JIT) and starts a
// session. The verifier and nonce wait in Postgres under the hash of the state, which is also the
// browser's cookie, so any API process can finish the sign-in. Failures go back to the sign-in screen.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { knownBranches } from '../../db/org';
import { rememberOidcLogin, takeOidcLogin } from '../../db/oidc-logins';
import { anotherActiveAdmin, insertUser, updateUser, userByEmail, userByOidcSubject, type UserRow } from '../../db/users';
import { mapClaims, verifiedEmail } from '../../domain/sso';
import type { Role } from '../../domain/types';
import { sha256 } from '../../platform/security';
import type { OidcConfig } from '../../platform/config';
import type { AppEnv } from '../deps';
import { validationHook } from '../errors';
import { err } from '../openapi';
import { oidc, oidcClient } from '../oidc-client';
import { startSession } from './auth';
import { log } from '../../platform/logger';

const STATE_COOKIE = 'closeloop_oidc';
const LOGIN_TTL_MS = 10 * 60_000;

/** A sign-in that cannot go on; its message is shown on the sign-in screen. */
class SsoRefused extends Error {}

const routes = {
  start: createRoute({ method: 'get', path: '/start', tags: ['auth'], summary: 'Start single sign-on: redirects to the identity provider (authorization code + PKCE)', security: [], responses: { 302: { description: 'To the identity provider' }, 404: err('SSO is not configured'), 503: err('The identity provider cannot be reached') } }),
  callback: createRoute({
    method: 'get',
    path: '/callback',
    tags: ['auth'],
    summary: 'Where the identity provider sends the browser back: signs in and redirects to the web UI (with ?ssoError=… when it could not)',
    security: [],
    request: { query: z.object({ code: z.string().optional(), state: z.string().optional(), error: z.string().optional(), error_description: z.string().optional() }) },
    responses: { 302: { description: 'Signed in (to /), or back to the sign-in screen with ssoError' } },
  }),
};

export function oidcRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(routes.start, async (c) => {
    const cfg = c.get('deps').config.oidc;
    if (!cfg) return c.json({ error: { code: 'NOT_FOUND', message: 'Single sign-on is not configured' } }, 404);
    let client: oidc.Configuration;
    try {
      client = await oidcClient(cfg);
    } catch {
      c.header('Retry-After', '30');
      return c.json({ error: { code: 'UNAVAILABLE', message: 'The identity provider cannot be reached; try again shortly' } }, 503);
    }
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    await rememberOidcLogin(c.get('deps').db, { id: sha256(state), nonce, codeVerifier, expiresAt: new Date(Date.now() + LOGIN_TTL_MS) });
    setCookie(c, STATE_COOKIE, state, { httpOnly: true, sameSite: 'Lax', path: '/api/v1/auth/oidc', maxAge: LOGIN_TTL_MS / 1000, secure: c.get('deps').config.publicUrl.startsWith('https:') });
    const url = oidc.buildAuthorizationUrl(client, {
      redirect_uri: cfg.redirectUrl,
      scope: cfg.scopes,
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return c.redirect(url.href, 302);
  });

  app.openapi(routes.callback, async (c) => {
    const { config } = c.get('deps');
    const back = (error?: string) => c.redirect(error ? `/?ssoError=${encodeURIComponent(error)}` : '/', 302);
    const state = getCookie(c, STATE_COOKIE);
    deleteCookie(c, STATE_COOKIE, { path: '/api/v1/auth/oidc' });
    if (!config.oidc) return back('Single sign-on is not configured');
    try {
      const q = c.req.valid('query');
      if (q.error) throw new SsoRefused(`The identity provider said: ${q.error_description ?? q.error}`);
      const pending = state ? await takeOidcLogin(c.get('deps').db, sha256(state)) : undefined;
      if (!state || !pending) throw new SsoRefused('This sign-in expired or was already used; start again');
      const client = await oidcClient(config.oidc);
      // The URL the provider redirected to: our configured redirect with the query it added.
      const current = new URL(config.oidc.redirectUrl);
      current.search = new URL(c.req.url).search;
      const tokens = await oidc.authorizationCodeGrant(client, current, { pkceCodeVerifier: pending.codeVerifier, expectedState: state, expectedNonce: pending.nonce, idTokenExpected: true });
      const idClaims = tokens.claims()!;
      // Providers put e-mail and groups in the ID token or only in userinfo: take both, the ID token first.
      const info = await oidc.fetchUserInfo(client, tokens.access_token, idClaims.sub);
      const user = await signedInUser(c, config.oidc, { ...info, ...idClaims } as Record<string, unknown> & { sub: string });
      await startSession(c, user.id);
      return back();
    } catch (e) {
      if (e instanceof SsoRefused) return back(e.message);
      log('sso').error({ err: e }, 'sign-in failed');
      return back('Single sign-on failed; try again or ask an admin');
    }
  });
  return app;
}

/** The user these claims stand for: linked by `sub`, else by verified e-mail (then linked), else created
 * when just-in-time provisioning is on. Role and branches follow the claims when they are mapped. */
async function signedInUser(c: Context<AppEnv>, cfg: OidcConfig, claims: Record<string, unknown> & { sub: string }): Promise<UserRow> {
  const { db } = c.get('deps');
  const email = verifiedEmail(claims);
  const mapped = mapClaims(claims, cfg);
  const branches = mapped.branches && (await knownBranches(db, mapped.branches));
  const branchList = branches ? mapped.branches!.filter((b) => branches.has(b)) : null;
  if (cfg.roleClaim && !mapped.role) throw new SsoRefused('Your identity provider grants you no Closeloop role; ask an admin');
  let user = (await userByOidcSubject(db, claims.sub)) ?? (email ? await userByEmail(db, email) : undefined);
  if (!user) {
    if (!cfg.jit) throw new SsoRefused(`There is no Closeloop account for ${email ?? 'this identity'}; ask an admin to add you`);
    if (!email) throw new SsoRefused('Your identity provider shares no verified e-mail address');
    const id = randomUUID();
    const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : email;
    // No usable password: '!' never verifies, so this account signs in by SSO only.
    await insertUser(db, { id, email, name, passwordHash: '!', role: mapped.role ?? cfg.defaultRole, branches: branchList ?? [], oidcSubject: claims.sub });
    user = (await userByOidcSubject(db, claims.sub))!;
    return user;
  }
  if (!user.active) throw new SsoRefused('Your Closeloop account is deactivated');
  if (user.oidcSubject && user.oidcSubject !== claims.sub) throw new SsoRefused(`${user.email} is linked to another identity at the provider`);
  const set: Partial<UserRow> = {};
  if (!user.oidcSubject) set.oidcSubject = claims.sub;
  if (mapped.role && mapped.role !== user.role && !(await wouldRemoveLastAdmin(c, user, mapped.role))) set.role = mapped.role;
  if (branchList) set.branches = branchList;
  await updateUser(db, user.id, set);
  return { ...user, ...set };
}

/** The provider may demote an admin, but not the last one: the admin screens would be out of reach. */
async function wouldRemoveLastAdmin(c: Context<AppEnv>, user: UserRow, role: Role): Promise<boolean> {
  if (user.role !== 'admin' || role === 'admin') return false;
  const last = !(await anotherActiveAdmin(c.get('deps').db, user.id));
  if (last) log('sso').warn({ userId: user.id }, 'kept the admin role of the last active admin although the identity provider maps it lower');
  return last;
}
