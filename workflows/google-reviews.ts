// Google reviews bridge: started by a Temporal Schedule every GOOGLE_BUSINESS_POLL_SECONDS. Per
// location, an activity reads the reviews changed since the last poll; each new review of three stars
// or fewer starts the same intake workflow the API would (id feedback-google-<reviewId>), so a review
// is accepted once however often it is read, and the rules decide what it opens.
import { ApplicationFailure, ParentClosePolicy, patched, proxyActivities, WorkflowIdReusePolicy } from '@temporalio/workflow';
import type { GoogleReviewActivities } from '../activities/google-reviews';
import type { GoogleLocation } from '../domain/google-reviews';
import { feedbackIntakeWorkflow, intakeArgs } from './intake';
import { startChildOnce } from './start-child-once';

const { fetchNewGoogleReviews, googleLocationsToPoll, saveGoogleReviewWatermark } = proxyActivities<GoogleReviewActivities>({
  startToCloseTimeout: '5 minutes',
  // A few quick retries; a poll that keeps failing ends and the schedule's next run tries again.
  retry: { initialInterval: '2 seconds', maximumInterval: '30 seconds', maximumAttempts: 3 },
});

export interface GoogleReviewsPollResult {
  location: string;
  accepted: number;
  error?: string;
}

/** `envLocations`: GOOGLE_BUSINESS_LOCATIONS as the worker scheduled it, the fallback for locations no
 * admin has mapped in the admin UI (the stored mapping is read at the start of each poll). */
export async function googleReviewsWorkflow(envLocations: GoogleLocation[]): Promise<GoogleReviewsPollResult[]> {
  // A poll started before the stored mapping existed reads the environment's list only.
  const locations = patched('google-stored-locations') ? await googleLocationsToPoll(envLocations) : envLocations;
  const results: GoogleReviewsPollResult[] = [];
  for (const location of locations) {
    try {
      const { items, watermark } = await fetchNewGoogleReviews(location);
      await Promise.all(
        // Already started: the API, an earlier poll or an earlier attempt of this one accepted it.
        items.map(({ feedbackId, feedback }) =>
          startChildOnce(feedbackIntakeWorkflow, {
            workflowId: feedbackId,
            args: intakeArgs(feedbackId, feedback, Date.now()),
            parentClosePolicy: ParentClosePolicy.ABANDON,
            workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
            staticSummary: `Google review ${feedback.score}★ (${location.name})`,
          }),
        ),
      );
      await saveGoogleReviewWatermark(location.name, watermark);
      results.push({ location: location.name, accepted: items.length });
    } catch (err) {
      // One broken location (revoked access, unknown branch) must not stop the others.
      results.push({ location: location.name, accepted: 0, error: err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err) });
    }
  }
  const failed = results.filter((r) => r.error);
  if (failed.length) throw ApplicationFailure.nonRetryable(`Google reviews poll failed for ${failed.map((f) => `${f.location}: ${f.error}`).join('; ')}`, 'GOOGLE_POLL_FAILED', results);
  return results;
}
