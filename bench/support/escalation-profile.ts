// `escalation … --profile`: what one escalation costs — workflow tasks and activities from a ticket's
// Temporal history (from the timer that fired it to its next timer), activity times, and the Postgres
// statements the worker's activities send per escalation (counted in the pg client, by activity type).
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import pg from 'pg';

type Counts = Map<string, Map<string, number>>;
const counts: Counts = new Map();
let counting = false;

/** Counts every statement a pg client sends (BEGIN/COMMIT included), by the activity that sent it. */
export function installQueryCounter(): void {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    if (counting) {
      const first = args[0];
      const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
      let who = 'outside activities (bench polling)';
      try {
        who = Context.current().info.activityType;
      } catch {
        /* not in an activity */
      }
      const shape = text.replace(/\s+/g, ' ').slice(0, 70);
      const perActivity = counts.get(who) ?? new Map<string, number>();
      perActivity.set(shape, (perActivity.get(shape) ?? 0) + 1);
      counts.set(who, perActivity);
    }
    return original.apply(this, args);
  };
}

export function countQueries(on: boolean): void {
  if (on) counts.clear();
  counting = on;
}

export function queryReport(n: number): string {
  const lines: string[] = [];
  let total = 0;
  for (const [who, shapes] of [...counts].sort()) {
    const sum = [...shapes.values()].reduce((a, b) => a + b, 0);
    if (!who.startsWith('outside')) total += sum;
    lines.push(`    ${who}: ${(sum / n).toFixed(2)} statements per escalation`);
    for (const [shape, c] of [...shapes].sort((a, b) => b[1] - a[1]).slice(0, 12)) lines.push(`      ${(c / n).toFixed(2)}  ${shape}`);
  }
  return `  Postgres statements from activities per escalation: ${(total / n).toFixed(2)}\n${lines.join('\n')}`;
}

/** Workflow tasks, activities (scheduled and local) and their times from the escalation's timer on. */
export async function historyReport(client: Client, workflowIds: string[]): Promise<string> {
  const tasks: number[] = [];
  const activities = new Map<string, number[]>();
  const markers: number[] = [];
  const events: number[] = [];
  const wallMs: number[] = [];
  let timedOut = 0;
  let failed = 0;
  for (const id of workflowIds) {
    const history = await client.workflow.getHandle(id).fetchHistory();
    const ev = history.events ?? [];
    const fired = ev.findIndex((e) => e.timerFiredEventAttributes);
    if (fired < 0) continue;
    const after = ev.slice(fired);
    const next = after.findIndex((e, i) => i > 0 && (e.timerStartedEventAttributes || e.timerFiredEventAttributes));
    const window = next > 0 ? after.slice(0, next + 1) : after;
    events.push(window.length);
    timedOut += window.filter((e) => e.workflowTaskTimedOutEventAttributes).length;
    failed += window.filter((e) => e.workflowTaskFailedEventAttributes).length;
    tasks.push(window.filter((e) => e.workflowTaskCompletedEventAttributes).length);
    markers.push(window.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length);
    const ms = (e: (typeof ev)[number]) => Number(e.eventTime!.seconds) * 1000 + Math.floor((e.eventTime!.nanos ?? 0) / 1e6);
    wallMs.push(ms(window[window.length - 1]) - ms(window[0]));
    for (const e of window) {
      const s = e.activityTaskScheduledEventAttributes;
      if (!s) continue;
      const done = window.find((x) => x.activityTaskCompletedEventAttributes && Number(x.activityTaskCompletedEventAttributes.scheduledEventId) === Number(e.eventId));
      const started = window.find((x) => x.activityTaskStartedEventAttributes && Number(x.activityTaskStartedEventAttributes.scheduledEventId) === Number(e.eventId));
      const name = s.activityType!.name!;
      const list = activities.get(name) ?? [];
      if (done && started) list.push(ms(done) - ms(started));
      activities.set(name, list);
    }
  }
  const n = tasks.length || 1;
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const acts = [...activities].map(([name, xs]) => `${name} ×${(xs.length / n).toFixed(2)} (run ${mean(xs).toFixed(0)} ms)`).join(', ');
  return (
    `  per escalation (history of ${tasks.length} tickets, the fired timer to the next timer): ${mean(tasks).toFixed(2)} workflow tasks, ` +
    `${mean(events).toFixed(1)} history events, activities: ${acts || 'none'}; local activities ${mean(markers).toFixed(2)}; timer fired → next timer ${mean(wallMs).toFixed(0)} ms; workflow tasks timed out ${timedOut}, failed ${failed} (all ${tasks.length} tickets)`
  );
}
