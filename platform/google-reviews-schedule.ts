// The Temporal Schedule behind the Google reviews bridge. The worker creates or updates it at start
// (so a changed location list or interval takes effect on the next deploy) and deletes it when the
// bridge is no longer configured. One schedule per task queue, i.e. per Closeloop deployment.
import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import type { GoogleLocation } from '../domain/google-reviews';
import type { googleReviewsWorkflow } from '../workflows/google-reviews';
import { upsertSchedule } from './upsert-schedule';

export const googleReviewsScheduleId = (taskQueue: string) => `google-reviews-${taskQueue}`;

export interface GoogleReviewsScheduleOptions {
  taskQueue: string;
  locations: GoogleLocation[];
  pollSeconds: number;
}

/** Idempotent: creates the schedule, or brings an existing one up to date; `null` removes it. */
export async function ensureGoogleReviewsSchedule(client: Client, taskQueue: string, opts: Omit<GoogleReviewsScheduleOptions, 'taskQueue'> | null): Promise<'created' | 'updated' | 'deleted' | 'absent'> {
  const scheduleId = googleReviewsScheduleId(taskQueue);
  if (!opts) {
    try {
      await client.schedule.getHandle(scheduleId).delete();
      return 'deleted';
    } catch (e) {
      if (e instanceof ScheduleNotFoundError) return 'absent';
      throw e;
    }
  }
  const spec = { intervals: [{ every: `${opts.pollSeconds}s` }] };
  const action: ScheduleOptionsStartWorkflowAction<typeof googleReviewsWorkflow> = {
    type: 'startWorkflow',
    workflowType: 'googleReviewsWorkflow',
    workflowId: `google-reviews-poll-${taskQueue}`,
    taskQueue,
    args: [opts.locations],
  };
  // A poll still running when the next is due is not doubled; a missed one is not caught up in bulk.
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' };
  return upsertSchedule(client, scheduleId, { spec, action, policies });
}
