// The Temporal Schedule behind the daily notification digest: hourly, it starts a short workflow that
// sends the digests due at that hour (each user picks their local hour). The worker creates it at
// start, or brings it up to date; one schedule per task queue, i.e. per Closeloop deployment.
import { ScheduleOverlapPolicy, type Client, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import { upsertSchedule } from './upsert-schedule';
import type { notificationDigestWorkflow } from '../workflows/notification-digest';

export const notificationDigestScheduleId = (taskQueue: string) => `notification-digest-${taskQueue}`;

/** Idempotent: creates the schedule, or updates an existing one to this spec. */
export async function ensureNotificationDigestSchedule(client: Client, taskQueue: string): Promise<'created' | 'updated'> {
  const scheduleId = notificationDigestScheduleId(taskQueue);
  // A minute past every hour: the hour a user chose has begun in every whole-hour time zone.
  const spec = { calendars: [{ minute: 1, hour: '*' as const }] };
  const action: ScheduleOptionsStartWorkflowAction<typeof notificationDigestWorkflow> = {
    type: 'startWorkflow',
    workflowType: 'notificationDigestWorkflow',
    workflowId: `notification-digest-${taskQueue}`,
    taskQueue,
    args: [],
  };
  // A run still going when the next is due is not doubled; a missed hour is caught up by the next run
  // (a digest is due from its hour on), so no bulk catch-up.
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' };
  return upsertSchedule(client, scheduleId, { spec, action, policies });
}
