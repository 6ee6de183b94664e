// `--explain` for the escalation bench: where the time between an escalation's due instant and its
// projection went, read from the ticket workflows' own histories (event times are the server's clock).
import type { Client } from '@temporalio/client';
import protos from '@temporalio/proto';

const { EventType, TimeoutType, TaskQueueKind } = protos.temporal.api.enums.v1;
type HistoryEvent = protos.temporal.api.history.v1.IHistoryEvent;

const ms = (e: HistoryEvent) => Number(e.eventTime?.seconds ?? 0) * 1000 + Math.floor((e.eventTime?.nanos ?? 0) / 1e6);
const name = (e: HistoryEvent) => (EventType[e.eventType ?? 0] ?? String(e.eventType)).replace(/^EVENT_TYPE_/, '');

export interface BurstTally {
  histories: number;
  workflowTasks: number;
  stickyScheduleToStartTimeouts: number;
  startToCloseTimeouts: number;
  workflowTaskFailures: number;
  activityTimeouts: number;
  activityRetries: number;
  /** Tickets with at least one of the above after the due instant. */
  ticketsHit: number;
}

/** The events at or after `dueAt` (the escalation's burst) of one workflow. */
async function burstEvents(client: Client, workflowId: string, dueAt: number): Promise<HistoryEvent[]> {
  const { events } = await client.workflow.getHandle(workflowId).fetchHistory();
  return (events ?? []).filter((e) => ms(e) >= dueAt - 1000);
}

function tallyOne(events: HistoryEvent[], t: BurstTally): void {
  const before = t.stickyScheduleToStartTimeouts + t.startToCloseTimeouts + t.workflowTaskFailures + t.activityTimeouts + t.activityRetries;
  for (const e of events) {
    if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) t.workflowTasks++;
    if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT) {
      if (e.workflowTaskTimedOutEventAttributes?.timeoutType === TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START) t.stickyScheduleToStartTimeouts++;
      else t.startToCloseTimeouts++;
    }
    if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED) t.workflowTaskFailures++;
    if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT) t.activityTimeouts++;
    if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED && (e.activityTaskStartedEventAttributes?.attempt ?? 1) > 1) t.activityRetries++;
  }
  t.histories++;
  if (t.stickyScheduleToStartTimeouts + t.startToCloseTimeouts + t.workflowTaskFailures + t.activityTimeouts + t.activityRetries > before) t.ticketsHit++;
}

/** One line per event: offset from the due instant, the gap since the previous event, and what it was. */
function timeline(events: HistoryEvent[], dueAt: number): string[] {
  let prev = dueAt;
  return events.map((e) => {
    const at = ms(e);
    const extra: string[] = [];
    const wts = e.workflowTaskScheduledEventAttributes;
    if (wts) extra.push(wts.taskQueue?.kind === TaskQueueKind.TASK_QUEUE_KIND_STICKY ? 'sticky' : 'normal queue', `attempt ${wts.attempt ?? 1}`);
    const wto = e.workflowTaskTimedOutEventAttributes;
    if (wto) extra.push(TimeoutType[wto.timeoutType ?? 0] ?? '');
    const wtf = e.workflowTaskFailedEventAttributes;
    if (wtf) extra.push(`cause ${wtf.cause}`, wtf.failure?.message?.slice(0, 80) ?? '');
    const ats = e.activityTaskScheduledEventAttributes;
    if (ats) extra.push(ats.activityType?.name ?? '');
    const atst = e.activityTaskStartedEventAttributes;
    if (atst && (atst.attempt ?? 1) > 1) extra.push(`attempt ${atst.attempt}`);
    const line = `      +${String(at - dueAt).padStart(6)} ms (gap ${String(at - prev).padStart(6)}) ${name(e)}${extra.length ? ` [${extra.join(', ')}]` : ''}`;
    prev = at;
    return line;
  });
}

/**
 * Tally the burst's timeouts and retries over every ticket, and print the event gaps of the `show` latest.
 * `late` is each ticket's lateness, for choosing which to show.
 */
export async function explainBurst(client: Client, dueAt: number, late: Array<{ workflowId: string; lateMs: number }>, show = 10): Promise<void> {
  const tally: BurstTally = { histories: 0, workflowTasks: 0, stickyScheduleToStartTimeouts: 0, startToCloseTimeouts: 0, workflowTaskFailures: 0, activityTimeouts: 0, activityRetries: 0, ticketsHit: 0 };
  const byId = new Map<string, HistoryEvent[]>();
  for (let i = 0; i < late.length; i += 50) {
    const batch = late.slice(i, i + 50);
    const histories = await Promise.all(batch.map((l) => burstEvents(client, l.workflowId, dueAt)));
    batch.forEach((l, j) => {
      tallyOne(histories[j], tally);
      byId.set(l.workflowId, histories[j]);
    });
  }
  console.log(
    `  explain: ${tally.histories} histories since the due instant: ${tally.workflowTasks} workflow tasks started, ` +
      `${tally.stickyScheduleToStartTimeouts} sticky schedule-to-start timeouts, ${tally.startToCloseTimeouts} workflow-task start-to-close timeouts, ` +
      `${tally.workflowTaskFailures} workflow-task failures, ${tally.activityTimeouts} activity timeouts, ${tally.activityRetries} activity retries; ` +
      `${tally.ticketsHit} tickets hit by any of them`,
  );
  const slowest = [...late].sort((a, b) => b.lateMs - a.lateMs).slice(0, show);
  for (const s of slowest) {
    console.log(`    ${s.workflowId}: escalated ${s.lateMs} ms late`);
    for (const line of timeline(byId.get(s.workflowId) ?? [], dueAt)) console.log(line);
  }
}
