// Mapping Google Business Profile locations to branches on the real stack, against the local stand-in for
// Google (OAuth, Account Management and Business Information listing APIs, reviews): the admin lists the
// connected account's locations (paged), maps and unmaps them; the reviews poll then reads the stored
// mapping first and GOOGLE_BUSINESS_LOCATIONS only for the locations no admin decided on.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoogleLocationView } from '../../api/routes/google';
import { branches, feedback, googleLocations } from '../../db/schema';
import type { GoogleLocation } from '../../domain/google-reviews';
import type { GoogleOAuthConfig } from '../../platform/config';
import { googleReviewsWorkflow } from '../../workflows/google-reviews';
import { startFakeGoogleBusiness, type FakeGoogleBusiness } from '../support/google-business';
import { startStack, type Session, type Stack } from '../support/stack';
import { saveHistory } from '../support/ticket-workflow';

let s: Stack;
let g: FakeGoogleBusiness;
let admin: Session;
let agent: Session;
let polls = 0;
const json = async <T,>(r: Response) => (await r.json()) as T;

// Account 111: five locations (three pages of two); account 999 (a location group): one more, and 222 again.
const L = (n: number, account = '111') => `accounts/${account}/locations/${n}`;
/** GOOGLE_BUSINESS_LOCATIONS: 222 and 333 to main, 444 without a branch, 555 to main. */
const envLocations: GoogleLocation[] = [
  { name: L(222), branch: 'main' },
  { name: L(333), branch: 'main' },
  { name: L(444), branch: null },
  { name: L(555), branch: 'main' },
];

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
  // No static token: nothing can be listed before an admin connects the account.
  const google = { baseUrl: g.url, token: null, backfillDays: 7 };
  s = await startStack({
    activityDeps: { google: { ...google, oauth } },
    config: { google: { ...google, locations: envLocations, pollSeconds: 30 * 86_400 }, googleOAuth: oauth, googleApis: { accountManagement: g.url, businessInformation: g.url } },
  });
  await s.database.db.insert(branches).values([
    { id: 'north', name: 'North' },
    { id: 'south', name: 'South' },
  ]);
  admin = await s.login();
  const res = await s.call('POST', '/api/v1/users', { email: 'agent@locations.test', name: 'Agent', password: 'password-123', role: 'agent', branches: ['main'] }, admin);
  expect(res.status).toBe(201);
  agent = await s.login('agent@locations.test', 'password-123');

  g.addAccount('accounts/111', 'Harbour Cafés');
  g.addLocation('accounts/111', { name: 'locations/222', title: 'Harbour Café Quay', storefrontAddress: { regionCode: 'GB', postalCode: 'BS1 4RN', locality: 'Bristol', addressLines: ['1 The Quay'] } });
  g.addLocation('accounts/111', { name: 'locations/333', title: 'Harbour Café Station', storefrontAddress: { regionCode: 'GB', locality: 'Bristol', addressLines: ['Temple Meads'] } });
  g.addLocation('accounts/111', { name: 'locations/444', title: 'Harbour Café Van' }); // a service-area business: no storefront
  g.addLocation('accounts/111', { name: 'locations/555', title: 'Harbour Café Park', storefrontAddress: { regionCode: 'GB', locality: 'Bath' } });
  g.addLocation('accounts/111', { name: 'locations/666', title: 'Harbour Café Hill', storefrontAddress: { regionCode: 'GB', locality: 'Bath' } });
  g.addAccount('accounts/999', 'Harbour Group');
  g.addLocation('accounts/999', { name: 'locations/777', title: 'Harbour Kiosk', storefrontAddress: { regionCode: 'GB', locality: 'Clifton' } });
  g.addLocation('accounts/999', { name: 'locations/222', title: 'Harbour Café Quay' }); // reachable through the group too
  g.listPageSize = 2;
}, 60_000);
afterAll(async () => {
  await s?.teardown();
  await g?.close();
});

const list = () => s.call('GET', '/api/v1/integrations/google/locations', undefined, admin);
const map = (location: string, branchId: string | null, who: Session = admin) => s.call('PATCH', '/api/v1/integrations/google/locations', { location, branchId }, who);

/** The admin's browser through Google's consent screen and back. */
async function connect(): Promise<void> {
  const res = await s.call('POST', '/api/v1/integrations/google/connect', undefined, admin);
  const consent = new URL((await json<{ authorizationUrl: string }>(res)).authorizationUrl);
  const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location')!);
  const landed = await s.call('GET', back.pathname + back.search, undefined, admin);
  expect(landed.headers.get('location')).toBe('/admin/integrations?google=connected');
}

describe('Google locations mapped to branches', () => {
  it('answers 409 naming the reason while no Google account is connected', async () => {
    const res = await list();
    expect(res.status).toBe(409);
    expect((await json<{ error: { code: string; details: { reason: string } } }>(res)).error).toMatchObject({ code: 'CONFLICT', details: { reason: 'google_not_connected' } });
    expect(g.listRequests).toHaveLength(0);
  });

  it('is for admins only', async () => {
    expect((await s.call('GET', '/api/v1/integrations/google/locations', undefined, agent)).status).toBe(403);
    expect((await map(L(222), 'north', agent)).status).toBe(403);
    expect((await s.call('GET', '/api/v1/integrations/google/locations')).status).toBe(401);
  });

  it('lists every location of every account, following the pages, with the environment mapping as it applies', async () => {
    await connect();
    const res = await list();
    expect(res.status).toBe(200);
    const { locations } = await json<{ locations: GoogleLocationView[] }>(res);
    expect(locations.map((l) => l.name)).toEqual([L(222), L(333), L(444), L(555), L(666), L(777, '999')]);
    expect(locations[0]).toEqual({
      name: L(222),
      accountName: 'Harbour Cafés',
      title: 'Harbour Café Quay',
      address: '1 The Quay, BS1 4RN Bristol, GB',
      branchId: null,
      mapped: false,
      mappedBy: null,
      mappedAt: null,
      environmentBranch: 'main',
      effective: { polled: true, branch: 'main', source: 'environment' },
    });
    expect(locations[2]).toMatchObject({ address: null, environmentBranch: null, effective: { polled: true, branch: null, source: 'environment' } });
    expect(locations[4]).toMatchObject({ title: 'Harbour Café Hill', effective: { polled: false, branch: null, source: null } });
    // Accounts: one page; account 111: three pages of two; account 999: one page — each page asked with the readMask.
    const paths = g.listRequests.map((r) => r.path);
    expect(paths.filter((p) => p === '/v1/accounts')).toHaveLength(1);
    expect(paths.filter((p) => p === '/v1/accounts/111/locations')).toHaveLength(3);
    expect(paths.filter((p) => p === '/v1/accounts/999/locations')).toHaveLength(1);
    expect(g.listRequests.filter((r) => r.path.endsWith('/locations')).every((r) => r.readMask === 'name,title,storefrontAddress')).toBe(true);
    expect(g.listRequests.filter((r) => r.pageToken).length).toBe(2);
    // Title and address as last listed are kept.
    const [row] = await s.database.db.select().from(googleLocations).where(eq(googleLocations.name, L(333)));
    expect(row).toMatchObject({ title: 'Harbour Café Station', address: 'Temple Meads, Bristol, GB', branchId: null, mappedAt: null });
  });

  it('maps a location to a branch and unmaps one, saying who and when', async () => {
    const res = await map(L(222), 'north');
    expect(res.status).toBe(200);
    const mapped = await json<GoogleLocationView>(res);
    expect(mapped).toMatchObject({ name: L(222), branchId: 'north', mapped: true, mappedBy: { id: s.adminId }, environmentBranch: 'main', effective: { polled: true, branch: 'north', source: 'stored' } });
    expect(Date.now() - Date.parse(mapped.mappedAt!)).toBeLessThan(60_000);
    expect((await map(L(666), 'south')).status).toBe(200);
    expect((await map(L(777, '999'), 'north')).status).toBe(200);
    // Unmapped: not read, even though GOOGLE_BUSINESS_LOCATIONS lists it.
    const unmapped = await json<GoogleLocationView>(await map(L(333), null));
    expect(unmapped).toMatchObject({ branchId: null, mapped: true, effective: { polled: false, branch: null, source: 'stored' } });
    // Mapped, then unmapped again.
    expect((await map(L(777, '999'), null)).status).toBe(200);
    const { locations } = await json<{ locations: GoogleLocationView[] }>(await list());
    expect(Object.fromEntries(locations.map((l) => [l.name, l.effective]))).toEqual({
      [L(222)]: { polled: true, branch: 'north', source: 'stored' },
      [L(333)]: { polled: false, branch: null, source: 'stored' },
      [L(444)]: { polled: true, branch: null, source: 'environment' },
      [L(555)]: { polled: true, branch: 'main', source: 'environment' },
      [L(666)]: { polled: true, branch: 'south', source: 'stored' },
      [L(777, '999')]: { polled: false, branch: null, source: 'stored' },
    });
  });

  it('refuses an unknown branch or location with a 400 naming the field', async () => {
    const bad = await map(L(222), 'atlantis');
    expect(bad.status).toBe(400);
    expect((await json<{ error: { details: { fields: Array<{ path: string }> } } }>(bad)).error.details.fields.map((f) => f.path)).toEqual(['branchId']);
    for (const location of [L(123), 'locations/222', '']) {
      const res = await map(location, 'north');
      expect(res.status).toBe(400);
      expect((await json<{ error: { details: { fields: Array<{ path: string }> } } }>(res)).error.details.fields.map((f) => f.path)).toEqual(['location']);
    }
    const missing = await s.call('PATCH', '/api/v1/integrations/google/locations', { location: L(222) }, admin);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('branchId');
    // Nothing changed.
    const [row] = await s.database.db.select().from(googleLocations).where(eq(googleLocations.name, L(222)));
    expect(row.branchId).toBe('north');
  });

  it('answers 503 with Retry-After while Google fails, and 409 when Google refuses', async () => {
    g.failListing(503, 1);
    const down = await list();
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('30');
    expect((await json<{ error: { code: string } }>(down)).error.code).toBe('UNAVAILABLE');
    g.failListing(403, 1);
    const refused = await list();
    expect(refused.status).toBe(409);
    expect((await json<{ error: { details: { reason: string; status: number } } }>(refused)).error.details).toEqual({ reason: 'google_refused', status: 403 });
    expect((await list()).status).toBe(200);
  });

  it('refreshes an expired access token once and lists on', async () => {
    const refreshes = () => g.tokenRequests.filter((r) => r.grantType === 'refresh_token').length;
    const before = refreshes();
    g.expireAccessTokens();
    const n = g.listRequests.length;
    expect((await list()).status).toBe(200);
    expect(refreshes()).toBe(before + 1);
    expect(g.listRequests[n].status).toBe(401);
    expect(g.listRequests.slice(n + 1).every((r) => r.status === 200)).toBe(true);
  });

  it('polls with the stored mapping first and GOOGLE_BUSINESS_LOCATIONS as the fallback', async () => {
    const t = new Date(Date.now() - 60_000).toISOString();
    for (const n of [222, 333, 444, 555, 666]) g.put(L(n), { reviewId: `rev-${n}`, reviewer: { displayName: `Guest ${n}` }, starRating: 'ONE', comment: `Cold at ${n}`, createTime: t, updateTime: t });
    g.put(L(777, '999'), { reviewId: 'rev-777', reviewer: { displayName: 'Guest 777' }, starRating: 'ONE', createTime: t, updateTime: t });
    const before = g.requests.length;
    const handle = await s.temporal.env.client.workflow.start(googleReviewsWorkflow, { taskQueue: s.taskQueue, workflowId: `google-locations-poll-${++polls}`, args: [envLocations] });
    const results = await handle.result();
    // The replay test guards this path and the one before the stored mapping (google-reviews-poll-env-only).
    saveHistory(s.temporal.address, handle, 'google-reviews-poll-stored-mapping');
    // 333 (unmapped by an admin) and 777 (unmapped) are not read; 666 (stored only) is.
    expect(results.map((r) => r.location)).toEqual([L(222), L(444), L(555), L(666)]);
    expect(results.every((r) => r.accepted === 1 && !r.error)).toBe(true);
    expect(new Set(g.requests.slice(before).map((r) => r.location))).toEqual(new Set([L(222), L(444), L(555), L(666)]));
    const rows = await s.eventually(async () => {
      const r = await s.database.db.select().from(feedback).where(eq(feedback.channel, 'google'));
      return r.length === 4 ? r : null;
    }, 60_000);
    expect(Object.fromEntries(rows.map((r) => [r.externalId, r.branch]))).toEqual({
      'rev-222': 'north', // stored mapping wins over the environment's main
      'rev-444': null, // environment entry without a branch, as before
      'rev-555': 'main', // environment fallback
      'rev-666': 'south', // stored only
    });
  });

  it('answers 409 asking for a reconnect once Google revoked the grant', async () => {
    g.revokeGrants();
    g.expireAccessTokens();
    const res = await list();
    expect(res.status).toBe(409);
    expect((await json<{ error: { details: { reason: string } } }>(res)).error.details.reason).toBe('google_reconnect_required');
    const status = await json<{ connection: string }>(await s.call('GET', '/api/v1/integrations/google', undefined, admin));
    expect(status.connection).toBe('reconnect_required');
  });
});
