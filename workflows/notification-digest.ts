// The daily digest's hourly run, started by a Temporal Schedule (platform/notification-digest-schedule.ts):
// one activity sends whatever digests are due now; each user's day is claimed in Postgres, so a retried
// or repeated run sends none twice.
import { proxyActivities } from '@temporalio/workflow';
import type { DigestRunResult, NotificationDigestActivities } from '../activities/notification-digest';

const { sendDueDigests } = proxyActivities<NotificationDigestActivities>({
  startToCloseTimeout: '10 minutes',
  // A few retries for a failed mail; the next hourly run tries again anyway (the hour is "from", not "at").
  retry: { initialInterval: '10 seconds', maximumInterval: '2 minutes', maximumAttempts: 3 },
});

export async function notificationDigestWorkflow(): Promise<DigestRunResult> {
  return sendDueDigests(Date.now());
}
