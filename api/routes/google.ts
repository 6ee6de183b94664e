// Connecting the Google account behind the reviews bridge (admin): authorisation-code flow with offline
// access, state and PKCE (openid-client); the refresh token is sealed with GOOGLE_TOKEN_KEY before it is
// stored. Connecting resumes the poll schedule a revoked grant paused; the status says when to reconnect.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { ScheduleNotFoundError } from '@temporalio/client';
import { z } from 'zod';
import { branchExists, deleteGoogleConnection, mapGoogleLocation, readGoogleConnection, readStoredGoogleLocations, rememberGoogleConnect, saveGoogleConnection, saveListedGoogleLocations, takeGoogleConnect } from '../../db/google';
import { invalidFields } from '../../domain/errors';
import { effectiveMapping, GOOGLE_LOCATION_NAME } from '../../domain/google-locations';
import { safeText } from '../../domain/text';
import { listGoogleLocations } from '../../platform/google-directory';
import { createGoogleTokenSource, type GoogleTokenSource } from '../../platform/google-token';
import { GOOGLE_BUSINESS_SCOPE, googleOAuthClient, oauth } from '../../platform/google-oauth';
import { googleReviewsScheduleId } from '../../platform/google-reviews-schedule';
import { log } from '../../platform/logger';
import { seal } from '../../platform/secret-box';
import { sha256 } from '../../platform/security';
import { personOf, requireUser } from '../auth';
import type { ApiDeps, AppEnv } from '../deps';
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

export const googleLocationSchema = z
  .object({
    name: z.string().describe('accounts/{accountId}/locations/{locationId}, as the reviews API addresses it'),
    accountName: z.string().nullable().describe("The Google account's display name (listing only; null in the PATCH answer)"),
    title: z.string().nullable(),
    address: z.string().nullable().describe('The storefront address on one line (null: a service-area business)'),
    branchId: z.string().nullable().describe("The branch an admin mapped it to (null: not mapped, or not decided: see mapped)"),
    mapped: z.boolean().describe('An admin decided for this location (a branch, or not mapped); else GOOGLE_BUSINESS_LOCATIONS applies'),
    mappedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    mappedAt: z.string().nullable(),
    environmentBranch: z.string().nullable().describe('The branch GOOGLE_BUSINESS_LOCATIONS gives it (null: unlisted, or listed without a branch: see effective)'),
    effective: z
      .object({
        polled: z.boolean().describe('The reviews poll reads this location'),
        branch: z.string().nullable().describe('The branch its low reviews are filed under (null: none)'),
        source: z.enum(['stored', 'environment']).nullable().describe('stored: the admin mapping; environment: GOOGLE_BUSINESS_LOCATIONS; null: not read'),
      })
      .describe('What the reviews poll does with it'),
  })
  .meta({ id: 'GoogleLocation' });
export type GoogleLocationView = z.infer<typeof googleLocationSchema>;

const mapLocationSchema = z
  .object({
    location: safeText().regex(GOOGLE_LOCATION_NAME, 'must be accounts/{accountId}/locations/{locationId}').describe('accounts/{accountId}/locations/{locationId}, as listed'),
    branchId: safeText().nullable().describe('The branch its reviews are filed under; null: not mapped (its reviews are not read)'),
  })
  .meta({ id: 'GoogleLocationMapping' });

const routes = {
  locations: createRoute({
    method: 'get',
    path: '/locations',
    tags: ['settings'],
    summary: "The Google Business Profile locations of the connected account, listed from Google, with the branch each is mapped to (admin)",
    responses: {
      200: json(z.object({ locations: z.array(googleLocationSchema) }), 'Locations, fresh from Google'),
      401: err('Not signed in'),
      403: err('Not an admin'),
      409: err('No Google account is connected, it must be reconnected, or Google refused the listing (details.reason)'),
    },
  }),
  mapLocation: createRoute({
    method: 'patch',
    path: '/locations',
    tags: ['settings'],
    summary: "Map a listed location to a branch, or to none (its reviews are then not read, whatever GOOGLE_BUSINESS_LOCATIONS says) (admin)",
    request: { body: { content: { 'application/json': { schema: mapLocationSchema } }, required: true } },
    responses: {
      200: json(googleLocationSchema, 'The location as now mapped'),
      400: err('Invalid body, unknown branch (branchId) or a location never listed (location)'),
      401: err('Not signed in'),
      403: err('Not an admin'),
    },
  }),
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

// One token source per app (its access token cached in memory, as the worker's is).
const tokenSources = new WeakMap<ApiDeps['config'], GoogleTokenSource>();
function tokenSource(deps: ApiDeps): GoogleTokenSource {
  let t = tokenSources.get(deps.config);
  if (!t) {
    t = createGoogleTokenSource({ db: deps.db, oauth: deps.config.googleOAuth ?? null, staticToken: deps.config.google?.token ?? null });
    tokenSources.set(deps.config, t);
  }
  return t;
}

const GOOGLE_APIS_DEFAULT = { accountManagement: 'https://mybusinessaccountmanagement.googleapis.com', businessInformation: 'https://mybusinessbusinessinformation.googleapis.com' };

type StoredRow = Awaited<ReturnType<typeof readStoredGoogleLocations>>[number];
function locationView(deps: ApiDeps, listed: { name: string; accountName: string | null; title: string | null; address: string | null }, row: StoredRow | undefined): GoogleLocationView {
  const env = deps.config.google?.locations ?? [];
  const decided = !!row?.mappedAt;
  return {
    name: listed.name,
    accountName: listed.accountName,
    title: listed.title,
    address: listed.address,
    branchId: row?.branchId ?? null,
    mapped: decided,
    mappedBy: decided && row?.mappedBy ? { id: row.mappedBy, name: row.mappedByName ?? '' } : null,
    mappedAt: row?.mappedAt?.toISOString() ?? null,
    environmentBranch: env.find((l) => l.name === listed.name)?.branch ?? null,
    effective: effectiveMapping(listed.name, row ? { name: row.name, branchId: row.branchId, decided } : undefined, env),
  };
}

export function googleRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requireUser('admin'));

  app.openapi(routes.locations, async (c) => {
    const deps = c.get('deps');
    const listed = await listGoogleLocations(tokenSource(deps), deps.config.googleApis ?? GOOGLE_APIS_DEFAULT);
    await saveListedGoogleLocations(deps.db, listed.map(({ name, title, address }) => ({ name, title, address })));
    const stored = new Map((await readStoredGoogleLocations(deps.db)).map((r) => [r.name, r]));
    return c.json({ locations: listed.map((l) => locationView(deps, l, stored.get(l.name))) }, 200);
  });

  app.openapi(routes.mapLocation, async (c) => {
    const deps = c.get('deps');
    const { location, branchId } = c.req.valid('json');
    if (branchId !== null && !(await branchExists(deps.db, branchId))) throw invalidFields([{ path: 'branchId', message: `unknown branch "${branchId}"` }]);
    const row = await mapGoogleLocation(deps.db, location, branchId, personOf(c.get('user')));
    if (!row) throw invalidFields([{ path: 'location', message: 'not a location Google listed for the connected account: list the locations first' }]);
    const stored = (await readStoredGoogleLocations(deps.db)).find((r) => r.name === location);
    return c.json(locationView(deps, { name: row.name, accountName: null, title: row.title, address: row.address }, stored), 200);
  });

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
