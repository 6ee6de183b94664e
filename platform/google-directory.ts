// The Google Business Profile locations the connected account can manage: its accounts (Account
// Management API v1 `accounts.list`) and each account's locations (Business Information API v1
// `accounts.locations.list`, readMask name,title,storefrontAddress), both paged by nextPageToken, with the
// same access token as the reviews bridge (refreshed once after a 401).
import { DomainError } from '../domain/errors';
import { formatGoogleAddress, googleAccountPageSchema, googleLocationPageSchema, locationResourceName } from '../domain/google-locations';
import { authorisedFetch, GoogleNotConnected, GoogleReconnectRequired, type GoogleTokenSource } from './google-token';

export interface GoogleApiUrls {
  /** https://mybusinessaccountmanagement.googleapis.com */
  accountManagement: string;
  /** https://mybusinessbusinessinformation.googleapis.com */
  businessInformation: string;
}

export interface ListedGoogleLocation {
  /** accounts/{accountId}/locations/{locationId}, as the v4 reviews API addresses it. */
  name: string;
  account: string;
  accountName: string | null;
  title: string | null;
  address: string | null;
}

const MAX_PAGES = 100;
const RETRY_AFTER_S = 30;

const unreachable = (why: string) => new DomainError('UNAVAILABLE', `Google Business Profile is unreachable right now (${why}); try again later`, { retryAfterSeconds: RETRY_AFTER_S, reason: 'google_unavailable' });

async function getJson(tokens: GoogleTokenSource, url: URL): Promise<unknown> {
  let res: Response;
  try {
    res = await authorisedFetch(tokens, url);
  } catch (e) {
    if (e instanceof GoogleNotConnected) throw new DomainError('CONFLICT', 'No Google account is connected: connect it first (Google reviews → Connect Google account)', { reason: 'google_not_connected' });
    if (e instanceof GoogleReconnectRequired) throw new DomainError('CONFLICT', e.message, { reason: 'google_reconnect_required' });
    throw unreachable(e instanceof Error && e.name === 'TimeoutError' ? 'timed out' : 'network error');
  }
  if (res.status === 429 || res.status >= 500) {
    await res.body?.cancel();
    throw unreachable(`HTTP ${res.status}`);
  }
  if (!res.ok) {
    // 401 after a refresh, 403 (API not enabled or access not approved), 404: retrying will not help.
    const body = (await res.json().catch(() => null)) as { error?: { message?: unknown } } | null;
    const message = typeof body?.error?.message === 'string' ? body.error.message.slice(0, 300) : `HTTP ${res.status}`;
    throw new DomainError('CONFLICT', `Google refused to list the locations (${res.status}): ${message}`, { reason: 'google_refused', status: res.status });
  }
  return res.json().catch(() => {
    throw unreachable('unreadable answer');
  });
}

async function* pages<T extends { nextPageToken?: string }>(tokens: GoogleTokenSource, base: URL, parse: (body: unknown) => T): AsyncGenerator<T> {
  let pageToken: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const url = new URL(base);
    if (pageToken) url.searchParams.set('pageToken', pageToken);
    const page = parse(await getJson(tokens, url));
    yield page;
    pageToken = page.nextPageToken;
    if (!pageToken) return;
  }
}

const parseWith =
  <T,>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } }, what: string) =>
  (body: unknown): T => {
    const r = schema.safeParse(body);
    if (!r.success) throw new DomainError('CONFLICT', `Google answered an unexpected ${what} page`, { reason: 'google_bad_response' });
    return r.data;
  };

/** Every location of every account the connected Google user can manage. */
export async function listGoogleLocations(tokens: GoogleTokenSource, urls: GoogleApiUrls): Promise<ListedGoogleLocation[]> {
  const accounts: Array<{ name: string; accountName: string | null }> = [];
  const accountsUrl = new URL(`${urls.accountManagement.replace(/\/+$/, '')}/v1/accounts`);
  accountsUrl.searchParams.set('pageSize', '20'); // the API's maximum
  for await (const page of pages(tokens, accountsUrl, parseWith(googleAccountPageSchema, 'accounts'))) {
    for (const a of page.accounts ?? []) accounts.push({ name: a.name, accountName: a.accountName ?? null });
  }
  const out: ListedGoogleLocation[] = [];
  const seen = new Set<string>();
  for (const account of accounts) {
    const url = new URL(`${urls.businessInformation.replace(/\/+$/, '')}/v1/${account.name}/locations`);
    url.searchParams.set('readMask', 'name,title,storefrontAddress');
    url.searchParams.set('pageSize', '100'); // the API's maximum
    for await (const page of pages(tokens, url, parseWith(googleLocationPageSchema, 'locations'))) {
      for (const l of page.locations ?? []) {
        const name = locationResourceName(account.name, l.name);
        // A location reachable through two accounts (a location group and its owner) is listed once.
        if (seen.has(l.name)) continue;
        seen.add(l.name);
        out.push({ name, account: account.name, accountName: account.accountName, title: l.title?.trim() || null, address: formatGoogleAddress(l.storefrontAddress) });
      }
    }
  }
  return out;
}
