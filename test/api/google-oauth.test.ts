// Connecting the Google account by OAuth 2.0 on the real stack, against the local stand-in for Google's
// OAuth server and Business Profile API: the static token as fallback, the consent round trip (state,
// PKCE, offline access), the refresh token sealed at rest, access tokens refreshed before expiry and
// after a 401, and a revoked grant that pauses the poll schedule and asks the admin to reconnect.
import { randomBytes } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoogleStatus } from '../../api/routes/google';
import { googleConnection } from '../../db/schema';
import type { GoogleLocation } from '../../domain/google-reviews';
import type { GoogleOAuthConfig } from '../../platform/config';
import { ensureGoogleReviewsSchedule, googleReviewsScheduleId } from '../../platform/google-reviews-schedule';
import { googleReviewsWorkflow } from '../../workflows/google-reviews';
import { startFakeGoogleBusiness, type FakeGoogleBusiness } from '../support/google-business';
import { startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let g: FakeGoogleBusiness;
let admin: Session;
let pollCount = 0;
const LOC = 'accounts/111/locations/222';
const locations: GoogleLocation[] = [{ name: LOC, branch: 'main' }];
const json = async <T,>(r: Response) => (await r.json()) as T;

beforeAll(async () => {
  g = await startFakeGoogleBusiness();
  const oauth: GoogleOAuthConfig = {
    clientId: g.oauthClient.clientId,
    clientSecret: g.oauthClient.clientSecret,
    redirectUrl: 'http://closeloop.test/api/v1/integrations/google/callback',
    authorizationUrl: g.authorizationUrl,
    tokenUrl: g.tokenUrl,
    tokenKey: randomBytes(32),
  };
  const google = { baseUrl: g.url, token: g.token, backfillDays: 7 };
  s = await startStack({
    activityDeps: { google: { ...google, oauth } },
    config: { google: { ...google, locations, pollSeconds: 30 * 86_400 }, googleOAuth: oauth },
  });
  admin = await s.login();
  await ensureGoogleReviewsSchedule(s.temporal.env.client, s.taskQueue, { locations, pollSeconds: 30 * 86_400 });
  const t = new Date(Date.now() - 60_000).toISOString();
  g.put(LOC, { reviewId: 'r-1', reviewer: { displayName: 'Ann' }, starRating: 'ONE', comment: 'Cold food', createTime: t, updateTime: t });
}, 60_000);
afterAll(async () => {
  await s?.teardown();
  await g?.close();
});

const status = async () => json<GoogleStatus>(await s.call('GET', '/api/v1/integrations/google', undefined, admin));
const poll = () => s.temporal.env.client.workflow.execute(googleReviewsWorkflow, { taskQueue: s.taskQueue, workflowId: `google-oauth-poll-${++pollCount}`, args: [locations] });
const refreshes = () => g.tokenRequests.filter((r) => r.grantType === 'refresh_token').length;
const bearers = () => g.requests.map((r) => r.authorization ?? '');

/** The admin's browser: our consent URL → Google's redirect → our callback; answers where it lands. */
async function connect(): Promise<string> {
  const res = await s.call('POST', '/api/v1/integrations/google/connect', undefined, admin);
  expect(res.status).toBe(200);
  const consent = new URL((await json<{ authorizationUrl: string }>(res)).authorizationUrl);
  expect(consent.origin + consent.pathname).toBe(g.authorizationUrl);
  expect(Object.fromEntries(consent.searchParams)).toMatchObject({ access_type: 'offline', prompt: 'consent', code_challenge_method: 'S256', response_type: 'code', scope: 'https://www.googleapis.com/auth/business.manage' });
  expect(consent.searchParams.get('state')).toBeTruthy();
  const google = await fetch(consent, { redirect: 'manual' });
  expect(google.status).toBe(302);
  const back = new URL(google.headers.get('location')!);
  const landed = await s.call('GET', back.pathname + back.search, undefined, admin);
  expect(landed.status).toBe(302);
  // Replaying the same callback (state already used) is refused.
  const again = await s.call('GET', back.pathname + back.search, undefined, admin);
  expect(again.headers.get('location')).toContain('googleError=');
  return landed.headers.get('location')!;
}

describe('Google OAuth for the reviews bridge', () => {
  it('polls with the static GOOGLE_BUSINESS_TOKEN while no account is connected', async () => {
    expect(await status()).toMatchObject({ oauthConfigured: true, staticToken: true, connection: 'not_connected', schedule: 'running' });
    expect(await poll()).toEqual([{ location: LOC, accepted: 1 }]);
    expect(bearers().at(-1)).toBe(`Bearer ${g.token}`);
    expect((await s.call('DELETE', '/api/v1/integrations/google', undefined, admin)).status).toBe(404);
  });

  it('connects by consent with state and PKCE, storing the refresh token sealed', async () => {
    expect(await connect()).toBe('/admin/integrations?google=connected');
    const [row] = await s.database.db.select().from(googleConnection);
    expect(row.status).toBe('connected');
    expect(row.refreshTokenEnc).toMatch(/^v1\./);
    expect(row.refreshTokenEnc).not.toContain('1//'); // Google's refresh tokens start so; never stored in the clear
    expect(await status()).toMatchObject({ connection: 'connected', error: null });
  });

  it('uses and caches the access token, refreshing after a 401 and before expiry', async () => {
    const before = refreshes();
    await poll();
    expect(bearers().at(-1)).toMatch(/^Bearer ya29\./);
    expect(refreshes()).toBe(before + 1);
    await poll(); // cached: no new token
    expect(refreshes()).toBe(before + 1);
    // The hour is over: Google answers 401, the bridge refreshes once and the poll succeeds.
    g.expireAccessTokens();
    const n = g.requests.length;
    expect(await poll()).toEqual([{ location: LOC, accepted: 0 }]);
    expect(refreshes()).toBe(before + 2);
    const tried = bearers().slice(n);
    expect(tried).toHaveLength(2);
    expect(tried[0]).not.toBe(tried[1]);
    // A token close to its end is replaced before it is used (no 401 first).
    g.accessTokenTtlSeconds = 120;
    g.expireAccessTokens();
    await poll(); // 401 → refresh: this token lives 2 minutes
    const m = g.requests.length;
    await poll();
    expect(refreshes()).toBe(before + 4);
    expect(g.requests.length - m).toBe(1);
    g.accessTokenTtlSeconds = 3599;
  });

  it('pauses the schedule and asks for a reconnect when Google revokes the grant; reconnecting resumes it', async () => {
    g.revokeGrants();
    const err = await poll().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(String((err as WorkflowFailedError).cause?.message)).toContain('reconnect the Google account');
    const st = await status();
    expect(st).toMatchObject({ connection: 'reconnect_required', schedule: 'paused' });
    expect(st.error).toContain('invalid_grant');
    expect(st.scheduleNote).toContain('reconnect');
    expect(await connect()).toBe('/admin/integrations?google=connected');
    expect(await status()).toMatchObject({ connection: 'connected', schedule: 'running' });
    expect(await poll()).toEqual([{ location: LOC, accepted: 0 }]);
    const d = await s.temporal.env.client.schedule.getHandle(googleReviewsScheduleId(s.taskQueue)).describe();
    expect(d.state.paused).toBe(false);
  });

  it('disconnects; the static token takes over again', async () => {
    expect((await s.call('DELETE', '/api/v1/integrations/google', undefined, admin)).status).toBe(204);
    expect((await status()).connection).toBe('not_connected');
    await poll();
    expect(bearers().at(-1)).toBe(`Bearer ${g.token}`);
  });
});
