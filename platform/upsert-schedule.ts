// One way to put a Temporal Schedule in place at start-up: create it, or bring the existing one up to
// this spec, action and policies (so a changed setting takes effect on the next deploy). Shared by the
// Google reviews poll and the notification digest.
import { ScheduleAlreadyRunning, type Client, type ScheduleOptions, type ScheduleOptionsStartWorkflowAction, type ScheduleSpec } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';

export async function upsertSchedule<W extends Workflow>(
  client: Client,
  scheduleId: string,
  schedule: { spec: ScheduleSpec; action: ScheduleOptionsStartWorkflowAction<W>; policies: NonNullable<ScheduleOptions['policies']> },
): Promise<'created' | 'updated'> {
  const { spec, action, policies } = schedule;
  try {
    await client.schedule.create({ scheduleId, spec, action, policies });
    return 'created';
  } catch (e) {
    if (!(e instanceof ScheduleAlreadyRunning)) throw e;
  }
  await client.schedule.getHandle(scheduleId).update<W>((prev) => ({ ...prev, spec, action, policies: { ...prev.policies, ...policies } }));
  return 'updated';
}
