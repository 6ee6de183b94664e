// Connecting the Google account behind the reviews bridge (admin): authorisation-code flow with offline
// access, state and PKCE (openid-client); the refresh token is sealed with GOOGLE_TOKEN_KEY before it is
// stored. Connecting resumes the poll schedule a revoked grant paused; the status says when to reconnect.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { ScheduleNotFoundError } from '@temporalio/client';
import { z } from 'zod';
import { deleteGoogleConnection, readGoogleConnection, rememberGoogleConnect, saveGoogleConnection, takeGoogleConnect } from '../../db/google';
import { GOOGLE_BUSINESS_SCOPE, googleOAuthClient, oauth } from '../../platform/google-oauth';
import { googleReviewsScheduleId } from '../../platform/google-reviews-schedule';
import { log } from '../../platform/logger';
import { seal } from '../../platform/secret-box';
import { sha256 } from '../../platform/security';
import { requireUser } from '../auth';
import type { AppEnv } from '../deps';
import { validationHook } from '../errors';
import { err, json } from '../openapi';

const CONNECT_TTL_MS = 10 * 60_000;
/** Where the browser lands after Google: the admin screen, which reads the outcome from the query. */
const SCREEN = '/admin/integrations';

export const googleStatusSchema = z
  .object({
    oauthConfigured: z.boolean().describe('GOOGLE_OAUTH_CLIENT_ID, its secret and GOOGLE_TOKEN_KEY are set: an admin can connect the account'),
    staticToken: z.boolean().describe('GOOGLE_BUSINESS_TOKEN is set: used while no account is connected'),
    connection: z.enum(['not_connected', 'connected', 'reconnect_required']),
    error: z.string().nullable().describe('Why Google refused the stored authorisation (reconnect_required)'),
    connectedAt: z.string().nullable(),
    schedule: z.enum(['absent', 'running', 'paused']).describe('The reviews poll schedule: paused while the account must be reconnected'),
    scheduleNote: z.string().nullable(),
  })
  .meta({ id: 'GoogleConnectionStatus' });
export type GoogleStatus = z.infer<typeof googleStatusSchema>;

const routes = {
  status: createRoute({
    method: 'get',
    path: '/',
    tags: ['settings'],
    summary: 'The Google account behind the reviews bridge: connected, to reconnect, or not connected (admin)',
    responses: { 200: json(googleStatusSchema, 'Status'), 401: err('Not signed in'), 403: err('Not an admin') },
  }),
  connect: createRoute({
    method: 'post',
    path: '/connect',
    tags: ['settings'],
    summary: "Start connecting the Google account: answers Google's consent URL for the browser to open (admin)",
    responses: {
      200: json(z.object({ authorizationUrl: z.string() }), 'Open this URL'),
      401: err('Not signed in'),
      403: err('Not an admin'),
      404: err('Google OAuth is not configured'),
    },
  }),
  callback: createRoute({
    method: 'get',
    path: '/callback',
    tags: ['settings'],
    summary: `Where Google sends the admin's browser back: stores the sealed refresh token, resumes the poll schedule and redirects to ${SCREEN} (?google=connected, or ?googleError=…)`,
    request: { query: z.object({ code: z.string().optional(), state: z.string().optional(), error: z.string().optional(), error_description: z.string().optional() }) },
    responses: { 302: { description: 'To the integrations screen' }, 401: err('Not signed in'), 403: err('Not an admin') },
  }),
  disconnect: createRoute({
    method: 'delete',
    path: '/',
    tags: ['settings'],
    summary: 'Forget the connected Google account (the static GOOGLE_BUSINESS_TOKEN, if set, takes over) (admin)',
    responses: { 204: { description: 'Forgotten' }, 401: err('Not signed in'), 403: err('Not an admin'), 404: err('No Google account is connected') },
  }),
};

class ConnectRefused extends Error {}

export function googleRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requireUser('admin'));

  app.openapi(routes.status, async (c) => {
    const { db, config, temporal } = c.get('deps');
    const row = await readGoogleConnection(db);
    let schedule: GoogleStatus['schedule'] = 'absent';
    let scheduleNote: string | null = null;
    try {
      const d = await temporal.schedule.getHandle(googleReviewsScheduleId(config.TEMPORAL_TASK_QUEUE)).describe();
      schedule = d.state.paused ? 'paused' : 'running';
      scheduleNote = d.state.note ?? null;
    } catch (e) {
      if (!(e instanceof ScheduleNotFoundError)) throw e;
    }
    return c.json(
      {
        oauthConfigured: !!config.googleOAuth,
        staticToken: !!config.google?.token,
        connection: row?.status ?? ('not_connected' as const),
        error: row?.error ?? null,
        connectedAt: row?.connectedAt.toISOString() ?? null,
        schedule,
        scheduleNote: scheduleNote || null,
      },
      200,
    );
  });

  app.openapi(routes.connect, async (c) => {
    const { db, config } = c.get('deps');
    if (!config.googleOAuth) return c.json({ error: { code: 'NOT_FOUND', message: 'Google OAuth is not configured (GOOGLE_OAUTH_CLIENT_ID, GOOGLE_OAUTH_CLIENT_SECRET, GOOGLE_TOKEN_KEY)' } }, 404);
    const state = oauth.randomState();
    const codeVerifier = oauth.randomPKCECodeVerifier();
    await rememberGoogleConnect(db, { id: sha256(state), codeVerifier, userId: c.get('user').id, expiresAt: new Date(Date.now() + CONNECT_TTL_MS) });
    const url = oauth.buildAuthorizationUrl(googleOAuthClient(config.googleOAuth), {
      redirect_uri: config.googleOAuth.redirectUrl,
      scope: GOOGLE_BUSINESS_SCOPE,
      state,
      code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      // A refresh token, every time: Google only sends one on consent.
      access_type: 'offline',
      prompt: 'consent',
      include_granted_scopes: 'true',
    });
    return c.json({ authorizationUrl: url.href }, 200);
  });

  app.openapi(routes.callback, async (c) => {
    const { db, config, temporal } = c.get('deps');
    const back = (error?: string) => c.redirect(error ? `${SCREEN}?googleError=${encodeURIComponent(error)}` : `${SCREEN}?google=connected`, 302);
    if (!config.googleOAuth) return back('Google OAuth is not configured');
    try {
      const q = c.req.valid('query');
      if (q.error) throw new ConnectRefused(`Google said: ${q.error_description ?? q.error}`);
      const pending = q.state ? await takeGoogleConnect(db, sha256(q.state)) : undefined;
      if (!q.state || !pending || pending.userId !== c.get('user').id) throw new ConnectRefused('This connection attempt expired or was already used; start again');
      const current = new URL(config.googleOAuth.redirectUrl);
      current.search = new URL(c.req.url).search;
      const tokens = await oauth.authorizationCodeGrant(googleOAuthClient(config.googleOAuth), current, { pkceCodeVerifier: pending.codeVerifier, expectedState: q.state });
      if (!tokens.refresh_token) throw new ConnectRefused('Google granted no offline access (no refresh token); remove Closeloop from the account\'s third-party access and connect again');
      const scope = tokens.scope ?? null;
      if (scope && !scope.split(' ').includes(GOOGLE_BUSINESS_SCOPE)) throw new ConnectRefused('Google did not grant access to the Business Profile; allow it on the consent screen');
      await saveGoogleConnection(db, { refreshTokenEnc: seal(config.googleOAuth.tokenKey, tokens.refresh_token), scope, connectedBy: c.get('user').id });
      // A revoked grant paused the poll; the new one resumes it.
      await temporal.schedule
        .getHandle(googleReviewsScheduleId(config.TEMPORAL_TASK_QUEUE))
        .unpause('Google account connected')
        .catch((e: unknown) => {
          if (!(e instanceof ScheduleNotFoundError)) throw e;
        });
      return back();
    } catch (e) {
      if (e instanceof ConnectRefused) return back(e.message);
      log('google').error({ err: (e as Error).message }, 'connecting the Google account failed');
      return back('Connecting the Google account failed; try again');
    }
  });

  app.openapi(routes.disconnect, async (c) => {
    if (!(await deleteGoogleConnection(c.get('deps').db))) return c.json({ error: { code: 'NOT_FOUND', message: 'No Google account is connected' } }, 404);
    return c.body(null, 204);
  });
  return app;
}
