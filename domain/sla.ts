// SLA clocks of a ticket: first response, resolution and (optionally) next reply. Pure data plus
// functions; the workflow turns `deadlines` into one durable timer and feeds `evaluate` the time.
import { addBusinessTime, businessTimeBetween, type Calendar } from './business-time';
import type { SlaTargets } from './ticket';
import type { ClockState, ClockView, SlaView } from './ticket-view';
import type { Priority } from './types';

export type ClockKind = 'firstResponse' | 'resolution' | 'nextReply';

export const PRIORITY_MULTIPLIER: Readonly<Record<Priority, number>> = { high: 0.5, medium: 1, low: 2 };
export const WARNING_FRACTION = 0.8;
const HOUR = 3_600_000;

export interface Clock {
  kind: ClockKind;
  startedAt: number;
  targetMs: number; // business ms, after the priority multiplier
  segmentStart: number; // start of the current running stretch (after the last resume)
  consumedMs: number; // business ms used before segmentStart
  pausedAt: number | null;
  pausedMs: number; // wall-clock ms spent paused
  dueAt: number | null;
  warnAt: number | null;
  state: ClockState;
  metAt: number | null;
  stopped: boolean; // the ticket was resolved: no deadline any more
}

export interface ClocksData {
  firstResponse: Clock;
  resolution: Clock;
  nextReply: Clock | null;
}

export const targetMs = (hours: number, priority: Priority) => hours * HOUR * PRIORITY_MULTIPLIER[priority];

function newClock(kind: ClockKind, hours: number, priority: Priority, now: number, cal: Calendar | null): Clock {
  const c: Clock = { kind, startedAt: now, targetMs: targetMs(hours, priority), segmentStart: now, consumedMs: 0, pausedAt: null, pausedMs: 0, dueAt: null, warnAt: null, state: 'running', metAt: null, stopped: false };
  schedule(c, cal);
  return c;
}

/** Due and warning instants from the current segment and what was consumed before it. */
function schedule(c: Clock, cal: Calendar | null) {
  if (c.pausedAt !== null) {
    c.dueAt = null;
    c.warnAt = null;
    return;
  }
  c.dueAt = addBusinessTime(c.segmentStart, Math.max(c.targetMs - c.consumedMs, 0), cal);
  c.warnAt = addBusinessTime(c.segmentStart, Math.max(c.targetMs * WARNING_FRACTION - c.consumedMs, 0), cal);
}

const all = (d: ClocksData): Clock[] => [d.firstResponse, d.resolution, ...(d.nextReply ? [d.nextReply] : [])];
const live = (c: Clock) => !c.stopped && c.state !== 'met';

export const Clocks = {
  addBusiness: (start: number, ms: number, cal: Calendar | null) => addBusinessTime(start, ms, cal),

  start(targets: SlaTargets, priority: Priority, now: number, cal: Calendar | null): ClocksData {
    return {
      firstResponse: newClock('firstResponse', targets.firstResponseHours, priority, now, cal),
      resolution: newClock('resolution', targets.resolutionHours, priority, now, cal),
      nextReply: null,
    };
  },

  /** A priority change re-computes every live clock's due time from its start. */
  reprioritise(d: ClocksData, targets: SlaTargets, priority: Priority, cal: Calendar | null) {
    const hours: Record<ClockKind, number | null> = { firstResponse: targets.firstResponseHours, resolution: targets.resolutionHours, nextReply: targets.nextReplyHours };
    for (const c of all(d)) {
      const h = hours[c.kind];
      if (!live(c) || h === null) continue;
      c.targetMs = targetMs(h, priority);
      schedule(c, cal);
      // A breach is a fact that stays; a warning no longer due is taken back.
      if (c.state === 'warning') c.state = 'running';
    }
  },

  /** Starts the next-reply clock on a customer message unless one is already waiting for a reply. */
  startNextReply(d: ClocksData, targets: SlaTargets, priority: Priority, now: number, cal: Calendar | null) {
    if (targets.nextReplyHours === null) return;
    if (d.nextReply && live(d.nextReply)) return;
    d.nextReply = newClock('nextReply', targets.nextReplyHours, priority, now, cal);
  },

  pause(d: ClocksData, kind: ClockKind, now: number, cal: Calendar | null) {
    const c = kind === 'nextReply' ? d.nextReply : d[kind];
    if (!c || !live(c) || c.pausedAt !== null) return;
    c.consumedMs += businessTimeBetween(c.segmentStart, now, cal);
    c.pausedAt = now;
    schedule(c, cal);
  },

  resume(d: ClocksData, kind: ClockKind, now: number, cal: Calendar | null) {
    const c = kind === 'nextReply' ? d.nextReply : d[kind];
    if (!c || c.pausedAt === null) return;
    c.pausedMs += now - c.pausedAt;
    c.pausedAt = null;
    c.segmentStart = now;
    schedule(c, cal);
  },

  /** Marks a clock met; true when that is news (a breached clock stays breached). */
  meet(d: ClocksData, kind: ClockKind, now: number): boolean {
    const c = kind === 'nextReply' ? d.nextReply : d[kind];
    if (!c || !live(c)) return false;
    c.metAt = now;
    if (c.state === 'breached') {
      c.stopped = true;
      return false;
    }
    c.state = 'met';
    return true;
  },

  /** Resolving stops every clock: the resolution clock is met unless it already breached. */
  stopAll(d: ClocksData, now: number) {
    Clocks.meet(d, 'resolution', now);
    for (const c of all(d)) c.stopped = true;
  },

  /** State changes due by `now`; breaches only count while the ticket is open. */
  evaluate(d: ClocksData, now: number, open: boolean): Array<{ kind: ClockKind; state: 'warning' | 'breached' }> {
    const changes: Array<{ kind: ClockKind; state: 'warning' | 'breached' }> = [];
    if (!open) return changes;
    for (const c of all(d)) {
      if (!live(c) || c.pausedAt !== null || c.state === 'breached') continue;
      if (c.dueAt !== null && now >= c.dueAt) {
        c.state = 'breached';
        changes.push({ kind: c.kind, state: 'breached' });
      } else if (c.state === 'running' && c.warnAt !== null && now >= c.warnAt) {
        c.state = 'warning';
        changes.push({ kind: c.kind, state: 'warning' });
      }
    }
    return changes;
  },

  /** The instants at which some clock changes state on its own. */
  deadlines(d: ClocksData, open: boolean): Array<{ at: number | null; what: string }> {
    if (!open) return [];
    const out: Array<{ at: number | null; what: string }> = [];
    for (const c of all(d)) {
      if (!live(c) || c.pausedAt !== null || c.state === 'breached') continue;
      if (c.state === 'running') out.push({ at: c.warnAt, what: `${c.kind} SLA warning (80 %)` });
      out.push({ at: c.dueAt, what: `${c.kind} SLA due` });
    }
    return out;
  },

  view(d: ClocksData): SlaView {
    const v = (c: Clock): ClockView => ({ startedAt: c.startedAt, targetMs: c.targetMs, dueAt: c.dueAt, warnAt: c.warnAt, state: c.state, paused: c.pausedAt !== null, pausedMs: c.pausedMs, metAt: c.metAt });
    return { firstResponse: v(d.firstResponse), resolution: v(d.resolution), nextReply: d.nextReply ? v(d.nextReply) : null };
  },
};
