// A small, hand-countable history inserted straight into the read model. Every expected figure in
// the report tests is worked out by hand from this table (see the comments there), not by SQL.
import type { Db } from '../../db/client';
import { branches, feedback, services, taxonomyEntries, ticketEvents, tickets, users } from '../../db/schema';
import type { Sentiment } from '../../domain/ai';
import { ticketWorkflowId } from '../../domain/ticket';
import type { SlaView } from '../../domain/ticket-view';
import type { CaptureType, Channel, Priority, TicketKind, TicketStatus } from '../../domain/types';

const H = 3_600_000;
export const at = (iso: string) => new Date(iso);

export const IDS = {
  ana: 'u-ana',
  ben: 'u-ben',
  wait: 'rc-wait',
  staff: 'rc-staff',
  apology: 'act-apology',
  refund: 'act-refund',
};

interface T {
  n: number;
  branch: string;
  priority: Priority;
  kind: TicketKind;
  channel: Channel;
  captureType: CaptureType;
  score: number;
  status: TicketStatus;
  assignee: string | null;
  rootCause?: string;
  action?: string;
  created: string;
  resolved?: string;
  frH?: number;
  resH?: number;
  frSla?: 'met' | 'breached';
  resSla?: 'met' | 'breached';
  esc?: number;
  reopen?: number;
  breached?: boolean;
  repeat?: boolean;
  themes?: string[];
  csatSent?: string;
  csatAnswered?: string;
  csatScore?: number;
  churn?: number | null;
  sentiment?: Sentiment | null;
}

/** Reports never read the SLA clocks; stopped ones fill the column. */
export function stoppedSla(startedAt: number): SlaView {
  const clock = { startedAt, targetMs: 0, dueAt: null, warnAt: null, state: 'met', paused: false, pausedMs: 0, metAt: null } as const;
  return { firstResponse: clock, resolution: clock, nextReply: null };
}

//  #  branch prio   kind        channel cap  sc tier  status       who  rc/act        resolved  FR   res  frSla/resSla   esc reo brch rep themes            csat sent/answered(score)  churn sentiment
//  1  north  high   recovery    kiosk   star  1 det   closed       ana  wait/apology  01-06     1h   4h   met/met        0   0   -    -   waiting time,staff  sent, 5 (satisfied)    80   negative
//  2  north  medium recovery    web     nps   3 det   resolved     ana  wait/refund   01-09     2h   10h  met/breached   1   1   -    -   waiting time        sent, unanswered       60   negative
//  3  north  low    improvement qr      smile 1 pas   in_progress  ben  -             -         3h   -    breached/-     2   0   yes  -   -                   -                      40   neutral
//  4  south  high   recovery    kiosk   smile 0 det   new          -    -             -         -    -    -/-            0   0   -    yes price               -                      -    -
//  5  south  medium recovery    sms     star  2 det   closed       ben  staff/apology 01-21     5h   20h  breached/met   1   0   -    yes staff               sent, 3 (unsatisfied)  20   negative
//  6  south  low    advocacy    web     nps  10 pro   closed       ben  staff/apology 01-22     1h   8h   met/met        0   0   -    -   -                   sent, 5 (satisfied)    10   positive
//  7  north  medium recovery    email   star  1 det   resolved     ana  wait/apology  02-04     6h   30h  met/met        0   0   -    -   -                   sent, unanswered       50   negative   (February)
//  8  north  low    advocacy    app     star  5 pro   new          -    -             -         -    -    -/-            0   0   -    -   -                   -                      5    positive
//  9  south  low    advocacy    qr      nps   9 pro   new          -    -             -         -    -    -/-            0   0   -    -   -                   -                      -    positive
export const TICKETS: T[] = [
  { n: 1, branch: 'north', priority: 'high', kind: 'recovery', channel: 'kiosk', captureType: 'star', score: 1, status: 'closed', assignee: IDS.ana, rootCause: IDS.wait, action: IDS.apology, created: '2025-01-06T03:00:00Z', resolved: '2025-01-06T07:00:00Z', frH: 1, resH: 4, frSla: 'met', resSla: 'met', themes: ['waiting time', 'staff'], csatSent: '2025-01-06T07:00:00Z', csatAnswered: '2025-01-06T09:00:00Z', csatScore: 5, churn: 80, sentiment: 'negative' },
  { n: 2, branch: 'north', priority: 'medium', kind: 'recovery', channel: 'web', captureType: 'nps', score: 3, status: 'resolved', assignee: IDS.ana, rootCause: IDS.wait, action: IDS.refund, created: '2025-01-07T10:00:00Z', resolved: '2025-01-09T10:00:00Z', frH: 2, resH: 10, frSla: 'met', resSla: 'breached', esc: 1, reopen: 1, themes: ['waiting time'], csatSent: '2025-01-09T10:00:00Z', churn: 60, sentiment: 'negative' },
  { n: 3, branch: 'north', priority: 'low', kind: 'improvement', channel: 'qr', captureType: 'smile', score: 1, status: 'in_progress', assignee: IDS.ben, created: '2025-01-13T10:00:00Z', frH: 3, frSla: 'breached', esc: 2, breached: true, churn: 40, sentiment: 'neutral' },
  { n: 4, branch: 'south', priority: 'high', kind: 'recovery', channel: 'kiosk', captureType: 'smile', score: 0, status: 'new', assignee: null, created: '2025-01-14T10:00:00Z', repeat: true, themes: ['price'], churn: null, sentiment: null },
  { n: 5, branch: 'south', priority: 'medium', kind: 'recovery', channel: 'sms', captureType: 'star', score: 2, status: 'closed', assignee: IDS.ben, rootCause: IDS.staff, action: IDS.apology, created: '2025-01-20T10:00:00Z', resolved: '2025-01-21T10:00:00Z', frH: 5, resH: 20, frSla: 'breached', resSla: 'met', esc: 1, repeat: true, themes: ['staff'], csatSent: '2025-01-21T10:00:00Z', csatAnswered: '2025-01-22T10:00:00Z', csatScore: 3, churn: 20, sentiment: 'negative' },
  { n: 6, branch: 'south', priority: 'low', kind: 'advocacy', channel: 'web', captureType: 'nps', score: 10, status: 'closed', assignee: IDS.ben, rootCause: IDS.staff, action: IDS.apology, created: '2025-01-21T09:30:00Z', resolved: '2025-01-22T10:00:00Z', frH: 1, resH: 8, frSla: 'met', resSla: 'met', csatSent: '2025-01-22T10:00:00Z', csatAnswered: '2025-01-23T10:00:00Z', csatScore: 5, churn: 10, sentiment: 'positive' },
  { n: 7, branch: 'north', priority: 'medium', kind: 'recovery', channel: 'email', captureType: 'star', score: 1, status: 'resolved', assignee: IDS.ana, rootCause: IDS.wait, action: IDS.apology, created: '2025-02-03T10:00:00Z', resolved: '2025-02-04T16:00:00Z', frH: 6, resH: 30, frSla: 'met', resSla: 'met', csatSent: '2025-02-04T16:00:00Z', churn: 50, sentiment: 'negative' },
  { n: 8, branch: 'north', priority: 'low', kind: 'advocacy', channel: 'app', captureType: 'star', score: 5, status: 'new', assignee: null, created: '2025-01-15T10:00:00Z', churn: 5, sentiment: 'positive' },
  { n: 9, branch: 'south', priority: 'low', kind: 'advocacy', channel: 'qr', captureType: 'nps', score: 9, status: 'new', assignee: null, created: '2025-01-25T08:00:00Z', churn: null, sentiment: 'positive' },
];

/** Who gave the feedback of a ticket (contact key), for re-rating uplift; the others are anonymous. */
export const TICKET_CONTACTS: Record<number, string> = { 1: 'email:guest1@fx.test', 5: 'email:guest5@fx.test', 6: 'email:guest6@fx.test' };

/** Feedback: one per ticket (submitted 30 min before it opened) plus lone ones that opened none. The
 * lone ones come back from customers of recovered tickets (re-rating uplift):
 *   guest1 (#1 star 1 → CSAT 5 on 01-06 09:00): next is fb-passive, star 3 on 01-12 (then an NPS 0 in March: not the next)
 *   guest6 (#6 NPS 10 → CSAT 5 on 01-23): next is fb-promoter, NPS 10 on 01-30
 *   guest5 (#5 star 2 → CSAT 3, not recovered): star 5 in March, not counted */
export const LONE_FEEDBACK: Array<{ id: string; branch: string; channel: Channel; type: CaptureType; score: number; at: string; contactKey?: string }> = [
  { id: 'fb-passive', branch: 'north', channel: 'kiosk', type: 'star', score: 3, at: '2025-01-12T10:00:00Z', contactKey: 'email:guest1@fx.test' },
  { id: 'fb-promoter', branch: 'north', channel: 'web', type: 'nps', score: 10, at: '2025-01-30T10:00:00Z', contactKey: 'email:guest6@fx.test' },
  { id: 'fb-guest1-march', branch: 'north', channel: 'web', type: 'nps', score: 0, at: '2025-03-10T10:00:00Z', contactKey: 'email:guest1@fx.test' },
  { id: 'fb-guest5-march', branch: 'south', channel: 'web', type: 'star', score: 5, at: '2025-03-11T10:00:00Z', contactKey: 'email:guest5@fx.test' },
];

/** Advocacy asks: #6 sent 1 h after the score, #8 not sent (cap), #9 sent 50 h after. */
export const ADVOCACY_ASKS = [
  { ticket: 6, at: '2025-01-21T10:30:00Z', sent: true },
  { ticket: 8, at: '2025-01-15T10:00:00Z', sent: false },
  { ticket: 9, at: '2025-01-27T10:00:00Z', sent: true },
];

export async function insertFixture(db: Db) {
  await db.insert(branches).values([
    { id: 'north', name: 'North' },
    { id: 'south', name: 'South' },
  ]);
  await db.insert(services).values({ id: 'general-fx', name: 'General' }).onConflictDoNothing();
  await db.insert(users).values([
    { id: IDS.ana, email: 'ana@fx.test', name: 'Ana', passwordHash: 'x', role: 'agent', branches: ['north'] },
    { id: IDS.ben, email: 'ben@fx.test', name: 'Ben', passwordHash: 'x', role: 'agent', branches: ['north', 'south'] },
  ]);
  await db.insert(taxonomyEntries).values([
    { id: IDS.wait, kind: 'root_cause', name: 'Long waiting time' },
    { id: IDS.staff, kind: 'root_cause', name: 'Staff behaviour' },
    { id: IDS.apology, kind: 'action', name: 'Apology and explanation' },
    { id: IDS.refund, kind: 'action', name: 'Refund or credit' },
  ]);
  await db.insert(tickets).values(
    TICKETS.map((t) => ({
      number: t.n,
      workflowId: ticketWorkflowId(t.n),
      feedbackId: `fb-${t.n}`,
      status: t.status,
      priority: t.priority,
      kind: t.kind,
      channel: t.channel,
      captureType: t.captureType,
      score: t.score,
      branch: t.branch,
      service: 'general-fx',
      assigneeId: t.assignee,
      escalationLevel: t.esc ?? 0,
      breached: t.breached ?? false,
      sla: stoppedSla(at(t.created).getTime()),
      title: `Ticket ${t.n}`,
      sentiment: t.sentiment ?? null,
      churnRisk: t.churn ?? null,
      rootCauseId: t.rootCause ?? null,
      actionId: t.action ?? null,
      csatScore: t.csatScore ?? null,
      reopenCount: t.reopen ?? 0,
      createdAt: at(t.created),
      updatedAt: at(t.created),
      resolvedAt: t.resolved ? at(t.resolved) : null,
      closedAt: t.status === 'closed' ? at(t.resolved!) : null,
      firstRespondedAt: t.frH ? new Date(at(t.created).getTime() + t.frH * H) : null,
      firstResponseMs: t.frH ? t.frH * H : null,
      resolutionMs: t.resH ? t.resH * H : null,
      firstResponseSla: t.frSla ?? null,
      resolutionSla: t.resSla ?? null,
      maxEscalationLevel: t.esc ?? 0,
      repeatDetractor: t.repeat ?? false,
      themes: t.themes ?? [],
      csatSentAt: t.csatSent ? at(t.csatSent) : null,
      csatAnsweredAt: t.csatAnswered ? at(t.csatAnswered) : null,
      csatRecovered: t.csatScore === undefined ? null : t.csatScore >= 4,
    })),
  );
  await db.insert(feedback).values([
    ...TICKETS.map((t) => ({
      id: `fb-${t.n}`,
      channel: t.channel,
      type: t.captureType,
      score: t.score,
      branch: t.branch,
      service: 'general-fx',
      submittedAt: new Date(at(t.created).getTime() - 0.5 * H),
      receivedAt: at(t.created),
      outcome: 'ticket',
      ticketNumber: t.n,
      contactKey: TICKET_CONTACTS[t.n] ?? null,
    })),
    ...LONE_FEEDBACK.map((f) => ({ id: f.id, channel: f.channel, type: f.type, score: f.score, branch: f.branch, submittedAt: at(f.at), receivedAt: at(f.at), outcome: 'no_match', contactKey: f.contactKey ?? null })),
  ]);
  await db.insert(ticketEvents).values(
    ADVOCACY_ASKS.map((a) => ({ ticketNumber: a.ticket, seq: 10, type: 'advocacy_ask' as const, actorId: 'system', actorName: 'Closeloop', at: at(a.at), data: { sent: a.sent, reason: a.sent ? null : 'asked recently' } })),
  );
}
