// The Google reviews bridge, pure half: which Google Business Profile locations feed which branch,
// the shape of a review as the v4 reviews API returns it, and which reviews become feedback.
import { z } from 'zod';
import type { NormalizedFeedback } from './feedback';

/** Reviews of this many stars or fewer become feedback; better ones are left alone. */
export const LOW_REVIEW_MAX_STARS = 3;

export const STAR_RATINGS = { ONE: 1, TWO: 2, THREE: 3, FOUR: 4, FIVE: 5 } as const;

/** A review as `GET /v4/accounts/{a}/locations/{l}/reviews` returns it (fields we use). */
export const googleReviewSchema = z.looseObject({
  reviewId: z.string().min(1),
  reviewer: z.looseObject({ displayName: z.string().optional(), isAnonymous: z.boolean().optional() }).optional(),
  starRating: z.string(), // ONE … FIVE, or STAR_RATING_UNSPECIFIED
  comment: z.string().optional(),
  createTime: z.string(),
  updateTime: z.string(),
});
export type GoogleReview = z.infer<typeof googleReviewSchema>;

export const googleReviewPageSchema = z.looseObject({
  reviews: z.array(googleReviewSchema).optional(), // absent when the location has none
  nextPageToken: z.string().optional(),
});

export interface GoogleLocation {
  /** Resource name: accounts/{accountId}/locations/{locationId}. */
  name: string;
  /** Branch the location's reviews are filed under (null: no branch). */
  branch: string | null;
}

/**
 * GOOGLE_BUSINESS_LOCATIONS: comma-separated `accounts/{accountId}/locations/{locationId}=branch`
 * entries (`{accountId}/{locationId}=branch` for short; `=branch` optional).
 */
export function parseGoogleLocations(value: string): { ok: true; locations: GoogleLocation[] } | { ok: false; error: string } {
  const locations: GoogleLocation[] = [];
  for (const raw of value.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [path, branch, ...rest] = raw.split('=').map((p) => p.trim());
    const m = /^(?:accounts\/)?(\d+)\/(?:locations\/)?(\d+)$/.exec(path); // Google ids are numeric
    if (!m || rest.length || branch === '') return { ok: false, error: `"${raw}" is not accounts/{accountId}/locations/{locationId}=branch` };
    const name = `accounts/${m[1]}/locations/${m[2]}`;
    if (locations.some((l) => l.name === name)) return { ok: false, error: `${name} is listed twice` };
    locations.push({ name, branch: branch ?? null });
  }
  if (!locations.length) return { ok: false, error: 'no location listed' };
  return { ok: true, locations };
}

export const starsOf = (review: Pick<GoogleReview, 'starRating'>): number | null => STAR_RATINGS[review.starRating as keyof typeof STAR_RATINGS] ?? null;

/** A review of three stars or fewer as feedback on the google channel (review id = externalId); else null. */
export function reviewToFeedback(review: GoogleReview, location: GoogleLocation): NormalizedFeedback | null {
  const stars = starsOf(review);
  if (stars === null || stars > LOW_REVIEW_MAX_STARS) return null;
  const comment = review.comment?.trim();
  const name = review.reviewer?.isAnonymous ? undefined : review.reviewer?.displayName?.trim();
  // The low rating was given at updateTime: a review edited down from five stars counts from the edit.
  const submittedAt = Date.parse(review.updateTime);
  return {
    channel: 'google',
    type: 'star',
    score: stars,
    ...(comment ? { comment: comment.slice(0, 10_000) } : {}),
    ...(name ? { contact: { name: name.slice(0, 200) } } : {}),
    ...(location.branch ? { branch: location.branch } : {}),
    externalId: review.reviewId,
    ...(Number.isFinite(submittedAt) ? { submittedAt } : {}),
  };
}

export interface ReviewSelection {
  /** Low reviews changed since the watermark, oldest change first, at most `limit`. */
  feedback: NormalizedFeedback[];
  /** Where the next poll starts (ISO updateTime), or null to keep the old one. */
  watermark: string | null;
}

/**
 * From the reviews read this poll (newest change first, down to the watermark), picks the low ones not
 * yet known. The watermark moves to the newest change examined, or only as far as what is returned
 * when `limit` cuts the list, so nothing is skipped; reviews at exactly the watermark are read again and
 * deduplicated by `known` (review ids already stored as feedback).
 */
export function selectNewLowReviews(reviews: GoogleReview[], location: GoogleLocation, opts: { since: number; known: Set<string>; limit: number }): ReviewSelection {
  const changed = reviews.filter((r) => Date.parse(r.updateTime) >= opts.since).sort((a, b) => Date.parse(a.updateTime) - Date.parse(b.updateTime));
  const low = changed.map((r) => ({ r, fb: reviewToFeedback(r, location) })).filter((x) => x.fb && !opts.known.has(x.r.reviewId));
  const taken = low.slice(0, opts.limit);
  const last = taken.length < low.length ? taken[taken.length - 1]?.r : changed[changed.length - 1];
  return { feedback: taken.map((x) => x.fb!), watermark: last ? new Date(Date.parse(last.updateTime)).toISOString() : null };
}

/** A low review the reviewer raised above the low band: the recovery is noted on its ticket. */
export const ratingRaisedAboveLow = (from: number, to: number): boolean => from <= LOW_REVIEW_MAX_STARS && to > LOW_REVIEW_MAX_STARS;
