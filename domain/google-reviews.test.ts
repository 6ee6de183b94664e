import { describe, expect, it } from 'vitest';
import { parseGoogleLocations, reviewToFeedback, selectNewLowReviews, type GoogleReview } from './google-reviews';

const loc = { name: 'accounts/1/locations/2', branch: 'main' };
const review = (id: string, starRating: string, updateTime: string, over: Partial<GoogleReview> = {}): GoogleReview => ({
  reviewId: id,
  reviewer: { displayName: 'Ann Lee' },
  starRating,
  comment: ' Cold food ',
  createTime: updateTime,
  updateTime,
  ...over,
});

describe('Google reviews bridge rules', () => {
  it('parses the location → branch list', () => {
    expect(parseGoogleLocations('accounts/111/locations/222=main, 111/333=north ,accounts/9/locations/8')).toEqual({
      ok: true,
      locations: [
        { name: 'accounts/111/locations/222', branch: 'main' },
        { name: 'accounts/111/locations/333', branch: 'north' },
        { name: 'accounts/9/locations/8', branch: null },
      ],
    });
    for (const bad of ['', 'locations/2=main', 'accounts/1/locations/2=', 'a/b/c=main', '1/2=a=b', '1/2=main,accounts/1/locations/2=x']) {
      expect(parseGoogleLocations(bad).ok).toBe(false);
    }
  });

  it('turns reviews of three stars or fewer into star feedback on the google channel', () => {
    expect(reviewToFeedback(review('r1', 'TWO', '2025-05-01T10:00:00Z'), loc)).toEqual({
      channel: 'google',
      type: 'star',
      score: 2,
      comment: 'Cold food',
      contact: { name: 'Ann Lee' },
      branch: 'main',
      externalId: 'r1',
      submittedAt: Date.parse('2025-05-01T10:00:00Z'),
    });
    expect(reviewToFeedback(review('r3', 'THREE', '2025-05-01T10:00:00Z'), loc)?.score).toBe(3);
    expect(reviewToFeedback(review('r4', 'FOUR', '2025-05-01T10:00:00Z'), loc)).toBeNull();
    expect(reviewToFeedback(review('r0', 'STAR_RATING_UNSPECIFIED', '2025-05-01T10:00:00Z'), loc)).toBeNull();
    const anonymous = reviewToFeedback(review('r5', 'ONE', '2025-05-01T10:00:00Z', { reviewer: { displayName: 'A Google user', isAnonymous: true }, comment: undefined }), { ...loc, branch: null });
    expect(anonymous).toEqual({ channel: 'google', type: 'star', score: 1, externalId: 'r5', submittedAt: Date.parse('2025-05-01T10:00:00Z') });
  });

  it('selects low reviews changed since the watermark, oldest first, skipping known ones', () => {
    const since = Date.parse('2025-05-01T00:00:00Z');
    const reviews = [
      review('new-low', 'ONE', '2025-05-03T00:00:00Z'),
      review('new-high', 'FIVE', '2025-05-04T00:00:00Z'),
      review('known-low', 'TWO', '2025-05-02T00:00:00Z'),
      review('at-watermark', 'THREE', '2025-05-01T00:00:00Z'),
      review('old-low', 'ONE', '2025-04-30T00:00:00Z'),
    ];
    const sel = selectNewLowReviews(reviews, loc, { since, known: new Set(['known-low']), limit: 100 });
    expect(sel.feedback.map((f) => f.externalId)).toEqual(['at-watermark', 'new-low']);
    expect(sel.watermark).toBe('2025-05-04T00:00:00.000Z');
    // Cut by the limit: the watermark stops at the last one handed over, so the rest come next time.
    const cut = selectNewLowReviews(reviews, loc, { since, known: new Set(), limit: 2 });
    expect(cut.feedback.map((f) => f.externalId)).toEqual(['at-watermark', 'known-low']);
    expect(cut.watermark).toBe('2025-05-02T00:00:00.000Z');
    expect(selectNewLowReviews([], loc, { since, known: new Set(), limit: 10 })).toEqual({ feedback: [], watermark: null });
  });
});
