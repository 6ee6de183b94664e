// A local stand-in for the Google Business Profile API (v4 `accounts.locations.reviews.list`): the real
// URL shape, Bearer auth, `pageSize` / `pageToken` / `orderBy=updateTime desc` paging with an opaque
// `nextPageToken`, Google's JSON review and error bodies. Records every request it receives.
// And Google's OAuth 2.0 server as a web-server app sees it: the consent URL (consent given at once,
// redirect with code and state), the token endpoint (form POST, client_secret_post or basic; PKCE S256
// checked; JSON access_token / expires_in / refresh_token / scope; `invalid_grant` for a bad or revoked
// grant), access tokens that expire (then the API answers 401) and grants that can be revoked.
// And the owner's reply to a review (`PUT|DELETE v4/{review}/reply`): stored on the review, 401 without a
// valid token, 404 for an unknown review, and injected failures (a 5xx) for the retry path.
// And the listing APIs behind mapping locations to branches: Account Management v1 `GET /v1/accounts` and
// Business Information v1 `GET /v1/{account}/locations?readMask=…` (readMask required, fields limited to
// it, location names `locations/{id}`), each paged by `pageSize` / an opaque `pageToken` / `nextPageToken`.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { freePort } from '../../platform/temporal';

export type StarRating = 'ONE' | 'TWO' | 'THREE' | 'FOUR' | 'FIVE';

export interface FakeReview {
  name: string;
  reviewId: string;
  reviewer: { displayName?: string; isAnonymous?: boolean; profilePhotoUrl?: string };
  starRating: StarRating;
  comment?: string;
  createTime: string;
  updateTime: string;
  reviewReply?: { comment: string; updateTime: string };
}

export interface RecordedRequest {
  location: string;
  authorization: string | undefined;
  pageSize: number;
  pageToken: string | null;
  orderBy: string | null;
}

export interface FakeLocation {
  /** locations/{locationId} (Business Information v1 names a location without its account). */
  name: string;
  title: string;
  storefrontAddress?: { regionCode: string; languageCode?: string; postalCode?: string; locality?: string; administrativeArea?: string; addressLines?: string[] };
}

export interface FakeOAuthClient {
  clientId: string;
  clientSecret: string;
}

export interface FakeGoogleBusiness {
  url: string;
  token: string;
  oauthClient: FakeOAuthClient;
  authorizationUrl: string;
  tokenUrl: string;
  /** Token endpoint calls by grant type, in order. */
  tokenRequests: Array<{ grantType: string; at: number }>;
  /** Lifetime of new access tokens (Google: 3599 s). */
  accessTokenTtlSeconds: number;
  /** Every access token issued so far stops working (as after their hour). */
  expireAccessTokens(): void;
  /** The user removed the app's access: refresh tokens and their access tokens stop working. */
  revokeGrants(): void;
  requests: RecordedRequest[];
  /** Calls of the reply endpoints (`PUT|DELETE v4/{review}/reply`), answered or not. */
  replyRequests: Array<{ method: string; review: string; status: number }>;
  /** The next `times` calls of the reply endpoints answer `status` (Google's error body). */
  failReplies(status: number, times: number): void;
  /** An account (`accounts/{id}`) the authorised user manages. */
  addAccount(name: string, accountName: string): void;
  /** A location of an account (as Business Information v1 returns it). */
  addLocation(account: string, location: FakeLocation): void;
  /** The most items a listing page holds, whatever pageSize asks (Google may answer fewer). */
  listPageSize: number;
  /** Calls of the listing endpoints: path and query. */
  listRequests: Array<{ path: string; pageToken: string | null; readMask: string | null; status: number }>;
  /** The next `times` listing calls answer `status` (Google's error body). */
  failListing(status: number, times: number): void;
  /** Adds or replaces (by reviewId) a review at a location (`accounts/{a}/locations/{l}`). */
  put(location: string, review: Omit<FakeReview, 'name'>): FakeReview;
  reviews(location: string): FakeReview[];
  close(): Promise<void>;
}

const googleError = (code: number, status: string, message: string) => JSON.stringify({ error: { code, message, status } });

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export async function startFakeGoogleBusiness(token = 'gbp-test-token'): Promise<FakeGoogleBusiness> {
  const byLocation = new Map<string, FakeReview[]>();
  const requests: RecordedRequest[] = [];
  const oauthClient = { clientId: 'closeloop-test.apps.googleusercontent.com', clientSecret: 'GOCSPX-test-secret' };
  const codes = new Map<string, { redirectUri: string; challenge: string; scope: string; offline: boolean }>();
  const refreshTokens = new Map<string, { scope: string; revoked: boolean }>();
  const accessTokens = new Map<string, { expiresAt: number; refreshToken: string | null }>();
  const tokenRequests: FakeGoogleBusiness['tokenRequests'] = [];
  const state = { ttl: 3599, replyFailures: { status: 0, left: 0 } };
  const replyRequests: FakeGoogleBusiness['replyRequests'] = [];
  const accounts: Array<{ name: string; accountName: string }> = [];
  const locationsOf = new Map<string, FakeLocation[]>();
  const listRequests: FakeGoogleBusiness['listRequests'] = [];
  const listing = { pageSize: 100, failures: { status: 0, left: 0 } };
  const issueAccess = (refreshToken: string | null) => {
    const t = `ya29.${randomBytes(24).toString('base64url')}`;
    accessTokens.set(t, { expiresAt: Date.now() + state.ttl * 1000, refreshToken });
    return t;
  };
  const bearerOk = (auth: string | undefined) => {
    const t = /^Bearer (.+)$/.exec(auth ?? '')?.[1];
    if (!t) return false;
    if (t === token) return true;
    const a = accessTokens.get(t);
    return !!a && a.expiresAt > Date.now() && !(a.refreshToken && refreshTokens.get(a.refreshToken)?.revoked);
  };
  const oauthError = (res: import('node:http').ServerResponse, status: number, error: string, description: string) => {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ error, error_description: description }));
  };

  async function tokenEndpoint(req: IncomingMessage, res: import('node:http').ServerResponse) {
    const form = new URLSearchParams(await readBody(req));
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [id, secret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').map(decodeURIComponent) : [form.get('client_id'), form.get('client_secret')];
    if (id !== oauthClient.clientId || secret !== oauthClient.clientSecret) return oauthError(res, 401, 'invalid_client', 'The OAuth client was not found.');
    const grantType = form.get('grant_type') ?? '';
    tokenRequests.push({ grantType, at: Date.now() });
    res.setHeader('content-type', 'application/json; charset=utf-8');
    if (grantType === 'authorization_code') {
      const code = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      if (!code) return oauthError(res, 400, 'invalid_grant', 'Malformed auth code.');
      if (form.get('redirect_uri') !== code.redirectUri) return oauthError(res, 400, 'redirect_uri_mismatch', 'Bad Request');
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge) return oauthError(res, 400, 'invalid_grant', 'Invalid code verifier.');
      const refresh = code.offline ? `1//${randomBytes(24).toString('base64url')}` : null;
      if (refresh) refreshTokens.set(refresh, { scope: code.scope, revoked: false });
      return res.end(JSON.stringify({ access_token: issueAccess(refresh), expires_in: state.ttl, ...(refresh ? { refresh_token: refresh } : {}), scope: code.scope, token_type: 'Bearer' }));
    }
    if (grantType === 'refresh_token') {
      const rt = form.get('refresh_token') ?? '';
      const grant = refreshTokens.get(rt);
      if (!grant || grant.revoked) return oauthError(res, 400, 'invalid_grant', 'Token has been expired or revoked.');
      return res.end(JSON.stringify({ access_token: issueAccess(rt), expires_in: state.ttl, scope: grant.scope, token_type: 'Bearer' }));
    }
    return oauthError(res, 400, 'unsupported_grant_type', `Invalid grant_type: ${grantType}`);
  }

  // accounts.locations.reviews.updateReply / deleteReply: one owner's reply per review, replaced by a PUT.
  async function replyEndpoint(req: IncomingMessage, res: import('node:http').ServerResponse, location: string, reviewId: string) {
    const method = req.method ?? '';
    const raw = await readBody(req);
    const answer = (status: number, body: string) => {
      replyRequests.push({ method, review: `${location}/reviews/${reviewId}`, status });
      res.statusCode = status;
      res.end(body);
    };
    if (!bearerOk(req.headers.authorization)) return answer(401, googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token.'));
    if (state.replyFailures.left > 0) {
      state.replyFailures.left--;
      return answer(state.replyFailures.status, googleError(state.replyFailures.status, state.replyFailures.status >= 500 ? 'UNAVAILABLE' : 'FAILED_PRECONDITION', 'The service is currently unavailable.'));
    }
    const review = byLocation.get(location)?.find((r) => r.reviewId === reviewId);
    if (!review) return answer(404, googleError(404, 'NOT_FOUND', 'Requested entity was not found.'));
    if (method === 'DELETE') {
      delete review.reviewReply;
      return answer(200, '{}');
    }
    let comment: unknown;
    try {
      comment = (JSON.parse(raw) as { comment?: unknown }).comment;
    } catch {
      comment = undefined;
    }
    if (typeof comment !== 'string' || !comment.trim()) return answer(400, googleError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.'));
    review.reviewReply = { comment, updateTime: new Date().toISOString() };
    return answer(200, JSON.stringify(review.reviewReply));
  }

  // accounts.list / accounts.locations.list: pages of at most min(pageSize, listPageSize) items.
  function listEndpoint(url: URL, req: IncomingMessage, res: import('node:http').ServerResponse, account: string | null) {
    const q = url.searchParams;
    const answer = (status: number, body: string) => {
      listRequests.push({ path: url.pathname, pageToken: q.get('pageToken'), readMask: q.get('readMask'), status });
      res.statusCode = status;
      res.end(body);
    };
    if (!bearerOk(req.headers.authorization)) return answer(401, googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token.'));
    if (listing.failures.left > 0) {
      listing.failures.left--;
      return answer(listing.failures.status, googleError(listing.failures.status, listing.failures.status >= 500 ? 'UNAVAILABLE' : 'PERMISSION_DENIED', 'The service is currently unavailable.'));
    }
    const mask = q.get('readMask');
    if (account !== null && !mask) return answer(400, googleError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.'));
    if (account !== null && !accounts.some((a) => a.name === account)) return answer(404, googleError(404, 'NOT_FOUND', 'Requested entity was not found.'));
    const max = account === null ? 20 : 100;
    const pageSize = Math.min(Number(q.get('pageSize') ?? (account === null ? 20 : 10)) || max, max, listing.pageSize);
    const tokenParam = q.get('pageToken');
    const offset = tokenParam ? Number(Buffer.from(tokenParam, 'base64url').toString('utf8').replace(/^list:/, '')) : 0;
    if (!Number.isInteger(offset) || offset < 0) return answer(400, googleError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.'));
    const fields = new Set((mask ?? '').split(',').map((f) => f.trim()));
    const all: object[] =
      account === null
        ? accounts.map((a) => ({ name: a.name, accountName: a.accountName, type: 'PERSONAL', verificationState: 'VERIFIED', vettedState: 'NOT_VETTED' }))
        : (locationsOf.get(account) ?? []).map((l) => Object.fromEntries(Object.entries(l).filter(([k]) => fields.has(k))));
    const page = all.slice(offset, offset + pageSize);
    const next = offset + pageSize < all.length ? Buffer.from(`list:${offset + pageSize}`).toString('base64url') : undefined;
    const body: Record<string, unknown> = {};
    if (page.length) body[account === null ? 'accounts' : 'locations'] = page;
    if (next) body.nextPageToken = next;
    return answer(200, JSON.stringify(body));
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/token' && req.method === 'POST') return void tokenEndpoint(req, res);
    if (url.pathname === '/o/oauth2/v2/auth' && req.method === 'GET') {
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri') ?? '';
      if (q.get('client_id') !== oauthClient.clientId || !redirectUri || q.get('response_type') !== 'code') {
        res.statusCode = 400;
        return res.end('Error 400: invalid_request');
      }
      const code = `4/${randomBytes(16).toString('base64url')}`;
      const scope = q.get('scope') ?? '';
      codes.set(code, { redirectUri, challenge: q.get('code_challenge_method') === 'S256' ? q.get('code_challenge') ?? '' : '', scope, offline: q.get('access_type') === 'offline' });
      const back = new URL(redirectUri);
      back.searchParams.set('state', q.get('state') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('scope', scope);
      res.statusCode = 302;
      res.setHeader('location', back.href);
      return res.end();
    }
    res.setHeader('content-type', 'application/json; charset=UTF-8');
    if (req.method === 'GET' && url.pathname === '/v1/accounts') return listEndpoint(url, req, res, null);
    const locs = /^\/v1\/(accounts\/[^/]+)\/locations$/.exec(url.pathname);
    if (req.method === 'GET' && locs) return listEndpoint(url, req, res, locs[1]);
    const reply = /^\/v4\/(accounts\/[^/]+\/locations\/[^/]+)\/reviews\/([^/]+)\/reply$/.exec(url.pathname);
    if (reply && (req.method === 'PUT' || req.method === 'DELETE')) return void replyEndpoint(req, res, reply[1], reply[2]);
    const m = /^\/v4\/(accounts\/[^/]+\/locations\/[^/]+)\/reviews$/.exec(url.pathname);
    if (req.method !== 'GET' || !m) {
      res.statusCode = 404;
      return res.end(googleError(404, 'NOT_FOUND', `Requested entity was not found: ${url.pathname}`));
    }
    const location = m[1];
    const pageSize = Math.min(Number(url.searchParams.get('pageSize') ?? 50) || 50, 50);
    requests.push({ location, authorization: req.headers.authorization, pageSize, pageToken: url.searchParams.get('pageToken'), orderBy: url.searchParams.get('orderBy') });
    if (!bearerOk(req.headers.authorization)) {
      res.statusCode = 401;
      return res.end(googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token.'));
    }
    const all = [...(byLocation.get(location) ?? [])].sort((a, b) => Date.parse(b.updateTime) - Date.parse(a.updateTime));
    const tokenParam = url.searchParams.get('pageToken');
    const offset = tokenParam ? Number(Buffer.from(tokenParam, 'base64url').toString('utf8').replace(/^offset:/, '')) : 0;
    if (!Number.isInteger(offset) || offset < 0) {
      res.statusCode = 400;
      return res.end(googleError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.'));
    }
    const page = all.slice(offset, offset + pageSize);
    const next = offset + pageSize < all.length ? Buffer.from(`offset:${offset + pageSize}`).toString('base64url') : undefined;
    const stars = { ONE: 1, TWO: 2, THREE: 3, FOUR: 4, FIVE: 5 };
    const body: Record<string, unknown> = {
      averageRating: all.length ? all.reduce((s, r) => s + stars[r.starRating], 0) / all.length : 0,
      totalReviewCount: all.length,
    };
    if (page.length) body.reviews = page;
    if (next) body.nextPageToken = next;
    res.end(JSON.stringify(body));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    oauthClient,
    authorizationUrl: `http://127.0.0.1:${port}/o/oauth2/v2/auth`,
    tokenUrl: `http://127.0.0.1:${port}/token`,
    tokenRequests,
    get accessTokenTtlSeconds() {
      return state.ttl;
    },
    set accessTokenTtlSeconds(v: number) {
      state.ttl = v;
    },
    expireAccessTokens() {
      for (const a of accessTokens.values()) a.expiresAt = 0;
    },
    revokeGrants() {
      for (const g of refreshTokens.values()) g.revoked = true;
    },
    requests,
    replyRequests,
    addAccount(name, accountName) {
      accounts.push({ name, accountName });
    },
    addLocation(account, location) {
      locationsOf.set(account, [...(locationsOf.get(account) ?? []), location]);
    },
    get listPageSize() {
      return listing.pageSize;
    },
    set listPageSize(v: number) {
      listing.pageSize = v;
    },
    listRequests,
    failListing(status, times) {
      listing.failures = { status, left: times };
    },
    failReplies(status, times) {
      state.replyFailures = { status, left: times };
    },
    put(location, review) {
      const list = byLocation.get(location) ?? [];
      const full = { ...review, name: `${location}/reviews/${review.reviewId}` };
      byLocation.set(location, [...list.filter((r) => r.reviewId !== review.reviewId), full]);
      return full;
    },
    reviews: (location) => [...(byLocation.get(location) ?? [])],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
