// Baseline for the escalation benchmark: a workflow that only sleeps until an instant and reports how
// late it woke (by workflow time, like the ticket's escalation event).
import { sleep } from '@temporalio/workflow';

export async function timerProbe(dueAt: number): Promise<number> {
  await sleep(Math.max(dueAt - Date.now(), 1));
  return Date.now() - dueAt;
}
