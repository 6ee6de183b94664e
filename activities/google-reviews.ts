// Google reviews bridge, I/O half: reads a location's reviews from the Google Business Profile API
// (v4 `accounts.locations.reviews.list`, newest change first, paged by nextPageToken) down to the
// last poll's watermark and hands the workflow the new low reviews as feedback.
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { branches, feedback, googleReviewSync } from '../db/schema';
import { feedbackIdFor, type NormalizedFeedback } from '../domain/feedback';
import { googleReviewPageSchema, ratingRaisedAboveLow, selectNewLowReviews, starsOf, type GoogleLocation, type GoogleReview } from '../domain/google-reviews';
import type { GoogleOAuthConfig } from '../platform/config';
import { googleReviewsScheduleId } from '../platform/google-reviews-schedule';
import { authorisedFetch, createGoogleTokenSource, GoogleNotConnected, GoogleReconnectRequired } from '../platform/google-token';
import { readKnownGoogleReviews, readStoredGoogleLocations, rememberGoogleReviews, saveGoogleReviewStars } from '../db/google';
import { locationsToPoll } from '../domain/google-locations';
import { ticketWorkflowId, type GoogleRatingChange } from '../domain/ticket';
import { googleRatingSignal } from '../workflows/ticket-messages';

export interface GoogleBusinessDeps {
  baseUrl: string;
  /** GOOGLE_BUSINESS_TOKEN: used while no Google account is connected. */
  token: string | null;
  /** The OAuth client the admin connects the account with (refresh token sealed in Postgres). */
  oauth?: GoogleOAuthConfig | null;
  /** How far back the first poll of a location looks. */
  backfillDays: number;
}

export interface NewGoogleReviews {
  items: Array<{ feedbackId: string; feedback: NormalizedFeedback }>;
  watermark: string | null;
}

const PAGE_SIZE = 50; // the API's maximum
const MAX_PAGES = 200;
/** Intake workflows one poll starts per location; the rest follow on the next poll. */
const MAX_PER_POLL = 500;

/** Runs a call to Google; a refused authorisation pauses the poll schedule (an admin reconnects, which
 * resumes it) and fails without retries, a missing one fails without retries. */
async function withGoogleAuth<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof GoogleReconnectRequired) {
      await pauseSchedule(e.message);
      throw ApplicationFailure.nonRetryable(e.message, 'GOOGLE_RECONNECT_REQUIRED');
    }
    if (e instanceof GoogleNotConnected) throw ApplicationFailure.nonRetryable(e.message, 'GOOGLE_NOT_CONNECTED');
    throw e;
  }
}

async function pauseSchedule(note: string): Promise<void> {
  const ctx = Context.current();
  const handle = ctx.client.schedule.getHandle(googleReviewsScheduleId(ctx.info.taskQueue));
  await handle.pause(note.slice(0, 500)).catch(() => undefined); // no schedule (a one-off poll): nothing to pause
}

export function createGoogleReviewActivities(deps: { db: Db; google?: GoogleBusinessDeps | null }) {
  const google = () => {
    if (!deps.google) throw ApplicationFailure.nonRetryable('The Google reviews bridge is not configured on this worker (GOOGLE_BUSINESS_TOKEN, GOOGLE_BUSINESS_LOCATIONS)', 'GOOGLE_NOT_CONFIGURED');
    return deps.google;
  };

  const tokens = deps.google ? createGoogleTokenSource({ db: deps.db, oauth: deps.google.oauth ?? null, staticToken: deps.google.token }) : null;

  /** Known reviews whose rating changed: a low one raised above the band is noted on its ticket (once per
   * edit: the ticket deduplicates by review and updateTime, so a retry after the signal is harmless). */
  async function noteRatingChanges(changed: GoogleReview[]): Promise<void> {
    const rows = new Map((await readKnownGoogleReviews(deps.db, changed.map((r) => r.reviewId))).map((r) => [r.reviewId, r]));
    for (const review of changed) {
      const row = rows.get(review.reviewId);
      const to = starsOf(review);
      if (!row || to === null || to === row.stars) continue;
      if (row.ticketNumber !== null && ratingRaisedAboveLow(row.stars, to)) {
        const change: GoogleRatingChange = { reviewId: review.reviewId, from: row.stars, to, updateTime: review.updateTime };
        await Context.current()
          .client.workflow.getHandle(ticketWorkflowId(row.ticketNumber))
          .signal(googleRatingSignal, change)
          .catch((e: unknown) => {
            if (!(e instanceof WorkflowNotFoundError)) throw e; // the ticket's workflow has ended: nothing to note it on
          });
      }
      await saveGoogleReviewStars(deps.db, review.reviewId, to);
    }
  }

  async function readPage(location: GoogleLocation, pageToken: string | undefined) {
    const { baseUrl } = google();
    const url = new URL(`${baseUrl.replace(/\/+$/, '')}/v4/${location.name}/reviews`);
    url.searchParams.set('pageSize', String(PAGE_SIZE));
    url.searchParams.set('orderBy', 'updateTime desc');
    if (pageToken) url.searchParams.set('pageToken', pageToken);
    const res = await withGoogleAuth(() => authorisedFetch(tokens!, url));
    if (!res.ok) {
      const detail = (await res.text().catch(() => '')).slice(0, 300);
      const message = `Google Business Profile answered ${res.status} for ${location.name}: ${detail}`;
      // Auth and addressing errors do not heal by retrying; the next scheduled poll tries again.
      if ([400, 401, 403, 404].includes(res.status)) throw ApplicationFailure.nonRetryable(message, `GOOGLE_HTTP_${res.status}`);
      throw new Error(message);
    }
    const parsed = googleReviewPageSchema.safeParse(await res.json());
    if (!parsed.success) throw ApplicationFailure.nonRetryable(`Unexpected reviews page for ${location.name}: ${parsed.error.message}`, 'GOOGLE_BAD_RESPONSE');
    return parsed.data;
  }

  return {
    /** The locations this poll reads: the admins' stored mapping first, GOOGLE_BUSINESS_LOCATIONS (the
     * schedule's argument) for the locations no admin has decided on. */
    async googleLocationsToPoll(envLocations: GoogleLocation[]): Promise<GoogleLocation[]> {
      const stored = await readStoredGoogleLocations(deps.db);
      return locationsToPoll(
        stored.map((r) => ({ name: r.name, branchId: r.branchId, decided: r.mappedAt !== null })),
        envLocations,
      );
    },

    async fetchNewGoogleReviews(location: GoogleLocation): Promise<NewGoogleReviews> {
      const { backfillDays } = google();
      if (location.branch) {
        const [known] = await deps.db.select({ id: branches.id }).from(branches).where(eq(branches.id, location.branch));
        if (!known) throw ApplicationFailure.nonRetryable(`GOOGLE_BUSINESS_LOCATIONS maps ${location.name} to unknown branch "${location.branch}"`, 'UNKNOWN_BRANCH');
      }
      const [sync] = await deps.db.select().from(googleReviewSync).where(eq(googleReviewSync.location, location.name));
      const since = sync ? sync.watermark.getTime() : Date.now() - backfillDays * 86_400_000;

      const reviews: GoogleReview[] = [];
      let pageToken: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const body = await readPage(location, pageToken);
        const batch = body.reviews ?? [];
        reviews.push(...batch);
        pageToken = body.nextPageToken;
        // Newest change first: once a page reaches past the watermark, older pages hold nothing new.
        const oldest = batch[batch.length - 1];
        if (!pageToken || !oldest || Date.parse(oldest.updateTime) < since) break;
      }

      const ids = reviews.map((r) => r.reviewId);
      const stored = ids.length
        ? await deps.db.select({ externalId: feedback.externalId }).from(feedback).where(and(eq(feedback.channel, 'google'), inArray(feedback.externalId, ids)))
        : [];
      const known = new Set(stored.map((r) => r.externalId!));
      await noteRatingChanges(reviews.filter((r) => known.has(r.reviewId) && Date.parse(r.updateTime) >= since));
      const selection = selectNewLowReviews(reviews, location, { since, known, limit: MAX_PER_POLL });
      // The reply on Google needs the review's full name (its location), which the feedback does not keep.
      await rememberGoogleReviews(deps.db, selection.feedback.map((fb) => ({ reviewId: fb.externalId!, name: `${location.name}/reviews/${fb.externalId!}`, stars: fb.score })));
      return {
        items: selection.feedback.map((fb) => ({ feedbackId: feedbackIdFor('google', fb.externalId!), feedback: fb })),
        watermark: selection.watermark,
      };
    },

    /** Called once the poll's intake workflows have started, so a crash before it only re-reads. */
    async saveGoogleReviewWatermark(location: string, watermark: string | null): Promise<void> {
      const polledAt = new Date();
      if (!watermark) {
        await deps.db.update(googleReviewSync).set({ polledAt }).where(eq(googleReviewSync.location, location));
        return;
      }
      const w = new Date(watermark);
      await deps.db.insert(googleReviewSync).values({ location, watermark: w, polledAt }).onConflictDoUpdate({ target: googleReviewSync.location, set: { watermark: w, polledAt } });
    },
  };
}

export type GoogleReviewActivities = ReturnType<typeof createGoogleReviewActivities>;
