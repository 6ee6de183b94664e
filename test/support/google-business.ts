// A local stand-in for the Google Business Profile API (v4 `accounts.locations.reviews.list`): the real
// URL shape, Bearer auth, `pageSize` / `pageToken` / `orderBy=updateTime desc` paging with an opaque
// `nextPageToken`, Google's JSON review and error bodies. Records every request it receives.
import { createServer, type Server } from 'node:http';
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

export interface FakeGoogleBusiness {
  url: string;
  token: string;
  requests: RecordedRequest[];
  /** Adds or replaces (by reviewId) a review at a location (`accounts/{a}/locations/{l}`). */
  put(location: string, review: Omit<FakeReview, 'name'>): FakeReview;
  reviews(location: string): FakeReview[];
  close(): Promise<void>;
}

const googleError = (code: number, status: string, message: string) => JSON.stringify({ error: { code, message, status } });

export async function startFakeGoogleBusiness(token = 'gbp-test-token'): Promise<FakeGoogleBusiness> {
  const byLocation = new Map<string, FakeReview[]>();
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const m = /^\/v4\/(accounts\/[^/]+\/locations\/[^/]+)\/reviews$/.exec(url.pathname);
    res.setHeader('content-type', 'application/json; charset=UTF-8');
    if (req.method !== 'GET' || !m) {
      res.statusCode = 404;
      return res.end(googleError(404, 'NOT_FOUND', `Requested entity was not found: ${url.pathname}`));
    }
    const location = m[1];
    const pageSize = Math.min(Number(url.searchParams.get('pageSize') ?? 50) || 50, 50);
    requests.push({ location, authorization: req.headers.authorization, pageSize, pageToken: url.searchParams.get('pageToken'), orderBy: url.searchParams.get('orderBy') });
    if (req.headers.authorization !== `Bearer ${token}`) {
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
    requests,
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
