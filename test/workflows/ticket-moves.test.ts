// Every status move of the ticket workflow through real updates, SLA due times on a branch calendar
// across a night, a weekend, a holiday and a DST change, and an escalation e-mail retried until the
// SMTP server comes up: time-skipping test server, real activities (Postgres read model, real SMTP).
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createActivities, type ActivityDeps } from '../../activities';
import { createMailer } from '../../activities/mailer';
import { feedback, notifications, ticketEvents } from '../../db/schema';
import { TRANSITIONS } from '../../domain/lifecycle';
import { ticketWorkflowId, type TicketInput } from '../../domain/ticket';
import { TICKET_STATUSES, type TicketStatus } from '../../domain/types';
import { freePort } from '../../platform/temporal';
import { feedbackIntakeWorkflow } from '../../workflows/intake';
import { ticketWorkflow } from '../../workflows/ticket';
import { changeStatusUpdate, csatAnswerSignal, customerMessageSignal, reopenUpdate, resolveUpdate, ticketStateQuery } from '../../workflows/ticket-messages';
import type { TicketView } from '../../domain/ticket-view';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp';
import { startTimeSkippingEnv, workflowBundle, type TemporalTestEnv } from '../support/temporal';
import { insertUser, ticketInput } from '../support/ticket-fixtures';
import { saveHistory, settleActivities, until } from '../support/ticket-workflow';

const H = 3_600_000;
const MIN = 60_000;
const DAY = 24 * H;
const agent = { id: 'agent-1', name: 'Agent One' };

let t: TemporalTestEnv;
let database: TestDatabase;
let smtp: SmtpCapture;
let deps: ActivityDeps;
let taskQueue = 'ticket-moves';
let queueCount = 0;
// A time-skipping server per test: one test's leftovers can never hold another test's clock.
const started: WorkflowHandle[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((h) => h.terminate('test over').catch(() => undefined)));
  await t?.teardown();
});
beforeEach(async () => {
  t = await startTimeSkippingEnv();
  taskQueue = `ticket-moves-${++queueCount}`;
});

beforeAll(async () => {
  [database, smtp] = await Promise.all([createTestDatabase(), startSmtpCapture()]);
  deps = {
    db: database.db,
    mailer: createMailer({ smtpUrl: smtp.url, from: 'support@closeloop.test' }),
    slack: null,
    ai: null,
    publicUrl: 'http://closeloop.test',
    mailDomain: 'closeloop.test',
  };
});
afterAll(async () => {
  deps?.mailer.close();
  await Promise.all([database?.drop(), smtp?.close()]);
});

/** Runs fn with a worker (no sticky cache: every activation replays from history), then lets in-flight
 * activities finish: the test server's clock stays locked while an activity task waits for a worker. */
async function withWorker<T>(fn: () => Promise<T>, workerDeps: ActivityDeps = deps): Promise<T> {
  const worker = await Worker.create({ connection: t.env.nativeConnection, taskQueue, activities: createActivities(workerDeps), workflowBundle: workflowBundle(), maxCachedWorkflows: 0 });
  return worker.runUntil(async () => {
    const result = await fn();
    await settleActivities(started);
    return result;
  });
}

const now = () => t.env.currentTimeMs();

async function start(over: Partial<TicketInput> = {}, createdAt?: number) {
  const input = ticketInput(createdAt ?? (await now()), over);
  const handle = await t.env.client.workflow.start(ticketWorkflow, { taskQueue, workflowId: ticketWorkflowId(input.number), args: [input] });
  started.push(handle);
  await until(handle, (v) => v.ai !== null); // the first analysis has run
  return { input, handle };
}


const eventsOf = async (n: number) => (await database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketNumber, n))).sort((a, b) => a.seq - b.seq);
const acceptedUpdates = async (h: WorkflowHandle) => (await h.fetchHistory()).events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
const failureType = (err: unknown) => (err instanceof WorkflowUpdateFailedError ? ((err.cause as { type?: string } | undefined)?.type ?? 'no type') : `not an update failure: ${String(err)}`);

// ---- every (from, to) pair ----

/** One way of asking for a status: the change-status update, or the dedicated resolve/reopen updates. */
type Ask = { via: 'changeStatus'; to: TicketStatus } | { via: 'resolve'; to: 'resolved'; complete: boolean } | { via: 'reopen'; to: 'reopened' };

const asks: Ask[] = [
  ...TICKET_STATUSES.map((to) => ({ via: 'changeStatus' as const, to })),
  { via: 'resolve', to: 'resolved', complete: true },
  { via: 'resolve', to: 'resolved', complete: false }, // no action taken
  { via: 'reopen', to: 'reopened' },
];

/** What the lifecycle says of an ask: accepted, or refused with the failure type the validator uses. */
function verdict(from: TicketStatus, ask: Ask, reopenable: boolean): 'accepted' | 'ILLEGAL_TRANSITION' | 'INVALID_INPUT' {
  const inTable = TRANSITIONS[from].includes(ask.to);
  switch (ask.via) {
    case 'changeStatus':
      if (ask.to === 'resolved') return 'INVALID_INPUT'; // only through resolve, with a root cause and an action
      // Offered in allowedTransitions, so the status change reopens as the reopen update does.
      if (ask.to === 'reopened') return inTable && (from !== 'closed' || reopenable) ? 'accepted' : 'ILLEGAL_TRANSITION';
      if (ask.to === 'closed') return 'ILLEGAL_TRANSITION'; // never by hand
      return inTable ? 'accepted' : 'ILLEGAL_TRANSITION';
    case 'resolve':
      if (!ask.complete) return 'INVALID_INPUT'; // a root cause and an action taken are required
      return inTable ? 'accepted' : 'ILLEGAL_TRANSITION';
    case 'reopen':
      return inTable && (from !== 'closed' || reopenable) ? 'accepted' : 'ILLEGAL_TRANSITION';
  }
}

const send = (h: WorkflowHandle, ask: Ask): Promise<TicketView> => {
  if (ask.via === 'changeStatus') return h.executeUpdate(changeStatusUpdate, { args: [{ to: ask.to, actor: agent }] });
  if (ask.via === 'resolve') return h.executeUpdate(resolveUpdate, { args: [{ rootCauseId: 'rc-1', actionId: ask.complete ? 'ac-1' : '', note: 'sorted', actor: agent }] });
  return h.executeUpdate(reopenUpdate, { args: [{ reason: 'not sorted after all', actor: agent }] });
};

const askFor = (to: TicketStatus): Ask => (to === 'resolved' ? { via: 'resolve', to, complete: true } : to === 'reopened' ? { via: 'reopen', to } : { via: 'changeStatus', to });

/** Moves the ticket along manually; tries every refused ask on the first visit of each status. */
class Walk {
  readonly moves = new Set<string>(); // "from>to" accepted
  constructor(
    readonly handle: WorkflowHandle,
    readonly ticketNumber: number,
    readonly checked: Set<string>,
  ) {}

  /** Every ask the lifecycle refuses in the current status is refused by the validator; nothing changes. */
  async refusals(reopenable = false) {
    const before = await this.handle.query(ticketStateQuery);
    const from = before.status;
    const historyBefore = await acceptedUpdates(this.handle);
    const accepted: TicketStatus[] = [];
    for (const ask of asks) {
      const expected = verdict(from, ask, reopenable);
      const label = `${from} → ${ask.to} via ${ask.via}${ask.via === 'resolve' && !ask.complete ? ' (incomplete)' : ''}`;
      if (expected === 'accepted') {
        accepted.push(ask.to);
        continue;
      }
      const err = await send(this.handle, ask).then(
        (v) => new Error(`accepted, now ${v.status}`),
        (e: unknown) => e,
      );
      expect(failureType(err), label).toBe(expected);
    }
    const after = await this.handle.query(ticketStateQuery);
    expect(after.version, `version after the refusals in ${from}`).toBe(before.version);
    expect(after.status).toBe(from);
    expect(await acceptedUpdates(this.handle), `updates accepted into history in ${from}`).toBe(historyBefore);
    // What the ticket offers the UI is exactly what the workflow accepts.
    expect([...after.allowedTransitions].sort(), `moves offered in ${from}`).toEqual([...new Set(accepted)].sort());
    this.checked.add(from === 'closed' ? `closed${reopenable ? ' (reopen window open)' : ' (reopen window over)'}` : from);
  }

  /** One accepted move: status, version, one accepted update in history, the read model's timeline. */
  async move(to: TicketStatus) {
    const before = await this.handle.query(ticketStateQuery);
    const from = before.status;
    const historyBefore = await acceptedUpdates(this.handle);
    const v = await send(this.handle, askFor(to));
    expect(v.status, `${from} → ${to}`).toBe(to);
    expect(v.version).toBeGreaterThan(before.version);
    expect(await acceptedUpdates(this.handle)).toBe(historyBefore + 1);
    const last = (await eventsOf(this.ticketNumber)).filter((e) => e.type === 'status_changed').at(-1);
    expect(last, `timeline of ${from} → ${to}`).toMatchObject({ from, to, actorId: agent.id });
    this.moves.add(`${from}>${to}`);
  }

  /** Walks a path of statuses, checking the refusals the first time each status is reached. */
  async path(...statuses: TicketStatus[]) {
    for (const to of statuses) {
      const from = (await this.handle.query(ticketStateQuery)).status;
      if (!this.checked.has(from)) await this.refusals();
      await this.move(to);
    }
    const last = (await this.handle.query(ticketStateQuery)).status;
    if (!this.checked.has(last)) await this.refusals();
  }
}

describe('every (from, to) pair through real updates', () => {
  it('accepts exactly the moves the lifecycle allows from each status, and refuses the rest in the validator', async () => {
    await withWorker(async () => {
      const checked = new Set<string>();
      const walk = async (over: Partial<TicketInput> = {}) => {
        const { input, handle } = await start(over);
        return new Walk(handle, input.number, checked);
      };
      const [w1, w2, w3, inWindow, forGood] = await Promise.all([
        walk(),
        walk(),
        walk(),
        walk({ settings: { ...ticketInput(0).settings, followUpDays: 1, reopenWindowDays: 2 } }),
        walk({ csatSurvey: true, settings: { ...ticketInput(0).settings, reopenWindowDays: 0 } }),
      ]);
      // Sequential: the walks share the record of statuses already checked.
      await w1.path('in_progress', 'pending_customer', 'escalated', 'in_progress', 'escalated', 'pending_customer', 'in_progress', 'resolved', 'reopened', 'in_progress');
      await w2.path('pending_customer', 'resolved', 'reopened', 'escalated', 'resolved', 'reopened', 'pending_customer', 'resolved', 'reopened', 'resolved');
      await w3.path('escalated', 'resolved');

      // Closed with the reopen window over (none here), the workflow still listening a day for the
      // comment that may follow the one-click CSAT answer: every move is refused, reopen included.
      await forGood.path('resolved');
      await until(forGood.handle, (x) => x.csat?.sentAt != null);
      const [row] = await database.db.select().from(notifications).where(eq(notifications.key, `t${forGood.ticketNumber}:csat:0`));
      await forGood.handle.signal(csatAnswerSignal, { token: (row.payload as { token: string }).token, score: 5, answeredAt: 0 });
      await until(forGood.handle, (x) => x.status === 'closed');
      await forGood.refusals(false);

      // Closed by the follow-up window, reopened inside the reopen window.
      await inWindow.path('resolved');
      await t.env.sleep(1 * DAY + MIN);
      await until(inWindow.handle, (x) => x.status === 'closed');
      await inWindow.refusals(true);
      await inWindow.move('reopened');

      const moves = new Set([w1, w2, w3, forGood, inWindow].flatMap((w) => [...w.moves]));
      const allowed = TICKET_STATUSES.flatMap((from) => TRANSITIONS[from].filter((to) => to !== 'closed').map((to) => `${from}>${to}`));
      expect([...moves].sort()).toEqual(allowed.sort());
      expect([...checked].sort()).toEqual(['closed (reopen window open)', 'closed (reopen window over)', 'escalated', 'in_progress', 'new', 'pending_customer', 'reopened', 'resolved']);
    });
  }, 120_000);
});

describe('status change to reopened', () => {
  it('reopens like the reopen update does, and refuses it with the allowed moves where reopening is not one', async () => {
    const { input, handle } = await withWorker(async () => {
      const s = await start();
      const refused = await s.handle.executeUpdate(changeStatusUpdate, { args: [{ to: 'reopened', actor: agent }] }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(failureType(refused)).toBe('ILLEGAL_TRANSITION');
      expect(((refused as WorkflowUpdateFailedError).cause as { details?: unknown[] }).details?.[0]).toMatchObject({ from: 'new', to: 'reopened', allowed: ['in_progress', 'pending_customer', 'escalated', 'resolved'] });
      await s.handle.executeUpdate(resolveUpdate, { args: [{ rootCauseId: 'rc-1', actionId: 'ac-1', note: 'done', actor: agent }] });
      const v = await s.handle.executeUpdate(changeStatusUpdate, { args: [{ to: 'reopened', reason: 'customer called back', actor: agent }] });
      expect(v).toMatchObject({ status: 'reopened', reopenCount: 1, resolvedAt: null });
      return s;
    });
    saveHistory(t.address, handle, 'status-reopened-reopens');
    const events = await eventsOf(input.number);
    expect(events.filter((e) => e.type === 'reopened')).toMatchObject([{ reason: 'customer called back', actorId: agent.id }]);
  }, 60_000);
});

// ---- business hours inside the workflow ----

/**
 * A London branch open Monday–Friday 09:00–17:00 and closed on the Monday after the clocks go forward
 * (last Sunday of March, 01:00 UTC: GMT → BST). A medium ticket (2 h first response, 16 h resolution)
 * comes in on the Friday before at 16:30 GMT. Worked out by hand:
 * - first response: 30 min on Friday; Saturday, Sunday and the holiday Monday closed; the other 90 min
 *   from Tuesday 09:00 BST (08:00Z) → due Tuesday 10:30 BST = 09:30Z; warning at 80 % = 96 min: 30 min
 *   Friday + 66 min Tuesday → 10:06 BST = 09:06Z.
 * - resolution: 30 min Friday + 8 h Tuesday, the night, 7 h 30 Wednesday from 08:00Z → due Wednesday
 *   16:30 BST = 15:30Z; warning at 12 h 48: 30 min + 8 h + 4 h 18 Wednesday → 13:18 BST = 12:18Z.
 * The test server's clock starts at the real now and only moves forward: the first spring still ahead.
 */
const springs = [
  { createdAt: '2027-03-26T16:30:00Z', holiday: '2027-03-29', frWarn: '2027-03-30T09:06:00Z', frDue: '2027-03-30T09:30:00Z', resWarn: '2027-03-31T12:18:00Z', resDue: '2027-03-31T15:30:00Z' },
  { createdAt: '2028-03-24T16:30:00Z', holiday: '2028-03-27', frWarn: '2028-03-28T09:06:00Z', frDue: '2028-03-28T09:30:00Z', resWarn: '2028-03-29T12:18:00Z', resDue: '2028-03-29T15:30:00Z' },
  { createdAt: '2029-03-23T16:30:00Z', holiday: '2029-03-26', frWarn: '2029-03-27T09:06:00Z', frDue: '2029-03-27T09:30:00Z', resWarn: '2029-03-28T12:18:00Z', resDue: '2029-03-28T15:30:00Z' },
  { createdAt: '2030-03-29T16:30:00Z', holiday: '2030-04-01', frWarn: '2030-04-02T09:06:00Z', frDue: '2030-04-02T09:30:00Z', resWarn: '2030-04-03T12:18:00Z', resDue: '2030-04-03T15:30:00Z' },
];

describe('business hours inside the workflow', () => {
  it('runs SLA clocks across a night, a weekend, a holiday and the DST change, and breaches exactly at the due instant', async () => {
    const serverNow = await now();
    const spring = springs.find((s) => Date.parse(s.createdAt) > serverNow + DAY);
    if (!spring) throw new Error('every spring in this test is past: add the next one');
    const at = (iso: string) => Date.parse(iso);
    const weekdays = Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]));
    const calendar = { timeZone: 'Europe/London', weekly: weekdays, holidays: [spring.holiday] };
    await withWorker(async () => {
      // Skip to a minute before the ticket's creation (nothing runs yet); its clocks start at createdAt.
      await t.env.sleep(at(spring.createdAt) - (await now()) - MIN);
      const { input, handle } = await start({ calendar, slaTargets: { firstResponseHours: 2, resolutionHours: 16, nextReplyHours: null } }, at(spring.createdAt));
      const v = await handle.query(ticketStateQuery);
      expect(new Date(v.sla.firstResponse.dueAt!).toISOString()).toBe(new Date(spring.frDue).toISOString());
      expect(new Date(v.sla.firstResponse.warnAt!).toISOString()).toBe(new Date(spring.frWarn).toISOString());
      expect(new Date(v.sla.resolution.dueAt!).toISOString()).toBe(new Date(spring.resDue).toISOString());
      expect(new Date(v.sla.resolution.warnAt!).toISOString()).toBe(new Date(spring.resWarn).toISOString());

      const sleepUntil = async (instant: number) => t.env.sleep(instant - (await now()));
      const events = async (type: string, kind: string) => (await eventsOf(input.number)).filter((e) => e.type === type && e.to === kind);

      // First response: warned at 09:06Z Tuesday, not breached a minute before 09:30Z, breached just after.
      await sleepUntil(at(spring.frWarn) - MIN);
      expect((await handle.query(ticketStateQuery)).sla.firstResponse.state).toBe('running');
      await sleepUntil(at(spring.frDue) - MIN);
      const before = await until(handle, (x) => x.sla.firstResponse.state !== 'running');
      expect(before.sla.firstResponse.state).toBe('warning');
      expect(before.breached).toBe(false);
      expect(await events('sla_breached', 'firstResponse')).toHaveLength(0);
      await sleepUntil(at(spring.frDue) + MIN);
      const breached = await until(handle, (x) => x.sla.firstResponse.state === 'breached');
      expect(breached.breached).toBe(true);
      expect(breached.sla.resolution.state).toBe('running');
      const [frEvent] = await events('sla_breached', 'firstResponse');
      expect(frEvent.at.getTime()).toBeGreaterThanOrEqual(at(spring.frDue));
      expect(frEvent.at.getTime()).toBeLessThan(at(spring.frDue) + MIN);
      const [frWarnEvent] = await events('sla_warning', 'firstResponse');
      expect(frWarnEvent.at.getTime()).toBeGreaterThanOrEqual(at(spring.frWarn));
      expect(frWarnEvent.at.getTime()).toBeLessThan(at(spring.frWarn) + MIN);

      // Resolution: across Tuesday night; warned at 12:18Z Wednesday, breached at 15:30Z and not before.
      await sleepUntil(at(spring.resWarn) - MIN);
      expect((await handle.query(ticketStateQuery)).sla.resolution.state).toBe('running');
      await sleepUntil(at(spring.resDue) - MIN);
      expect((await until(handle, (x) => x.sla.resolution.state !== 'running')).sla.resolution.state).toBe('warning');
      expect(await events('sla_breached', 'resolution')).toHaveLength(0);
      await sleepUntil(at(spring.resDue) + MIN);
      await until(handle, (x) => x.sla.resolution.state === 'breached');
      await until(handle, () => true);
      const [resEvent] = await events('sla_breached', 'resolution');
      expect(resEvent.at.getTime()).toBeGreaterThanOrEqual(at(spring.resDue));
      expect(resEvent.at.getTime()).toBeLessThan(at(spring.resDue) + MIN);
      expect(await events('sla_breached', 'resolution')).toHaveLength(1);
    });
  });
});

// ---- notifications retried ----

describe('notifications retried', () => {
  it('an escalation e-mail refused while the SMTP server is down goes out exactly once when it comes up, recorded once', async () => {
    // The mailer points at a port nobody listens on yet: every attempt is refused until the server starts.
    const port = await freePort();
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'support@closeloop.test' });
    const up: { smtp?: SmtpCapture } = {};
    try {
      const lead = await insertUser(database.db, 'Rae');
      const { input } = await withWorker(async () => {
        const s = await start({ assigneeId: agent.id, escalationChain: [{ level: 1, afterHours: 1, users: [{ userId: lead.id, channel: 'email' }] }] });
        await t.env.sleep(61 * MIN);
        const v = await until(s.handle, (x) => x.escalationLevel === 1);
        expect(v.status).toBe('escalated');
        // Wait (real time: the retry backoff is 1 s, 2 s, …) until the send has been refused twice.
        const deadline = Date.now() + 30_000;
        for (;;) {
          const pending = ((await s.handle.describe()).raw.pendingActivities ?? []).find((a) => a.activityType?.name === 'notifyEscalation');
          if (pending && (pending.attempt ?? 0) >= 3) {
            expect(pending.lastFailure?.message).toMatch(/ECONNREFUSED/);
            break;
          }
          if (Date.now() > deadline) throw new Error(`notifyEscalation never retried: ${JSON.stringify(pending ?? null)}`);
          await new Promise((r) => setTimeout(r, 100));
        }
        const key = `t${s.input.number}:escalation-L1:${lead.id}`;
        const [claimed] = await database.db.select().from(notifications).where(eq(notifications.key, key));
        expect(claimed.status).toBe('pending'); // failed before anything went out: the next attempt sends
        expect((await eventsOf(s.input.number)).filter((e) => e.type === 'notification_sent')).toHaveLength(0);

        const late = (up.smtp = await startSmtpCapture({ port }));
        // The next attempt comes after the backoff; skipping a minute at a time never waits it out in real time.
        const delivered = () => late.messages.find((m) => m.envelopeTo.includes(lead.email));
        for (let i = 0; !delivered(); i++) {
          if (i > 100) throw new Error('the escalation e-mail never arrived');
          if (i % 10 === 9) await t.env.sleep(MIN);
          await new Promise((r) => setTimeout(r, 100));
        }
        const mail = delivered()!;
        expect(mail.parsed.subject).toMatch(new RegExp(`^\\[#${s.input.number}\\] Escalated.*L1`));
        expect(mail.parsed.messageId).toBe(`<${key}@closeloop.test>`);
        await until(s.handle, () => true);
        for (let i = 0; !(await eventsOf(s.input.number)).some((e) => e.type === 'notification_sent'); i++) {
          if (i > 200) throw new Error('the delivery never reached the timeline');
          await new Promise((r) => setTimeout(r, 100));
        }
        await t.env.sleep(2 * H); // later ticks (breaches, projections) send nothing again
        const later = await until(s.handle, (x) => x.sla.firstResponse.state === 'breached');
        expect(later).toMatchObject({ escalationLevel: 1, escalationExhausted: true });
        return s;
      }, { ...deps, mailer });

      const mails = up.smtp!.messages.filter((m) => (m.parsed.subject ?? '').startsWith(`[#${input.number}]`));
      expect(mails.map((m) => m.envelopeTo)).toEqual([[lead.email]]);
      const rows = await database.db.select().from(notifications).where(eq(notifications.ticketNumber, input.number));
      expect(rows.map((r) => `${r.key}:${r.status}`)).toEqual([`t${input.number}:escalation-L1:${lead.id}:sent`]);
      const events = await eventsOf(input.number);
      const sent = events.filter((e) => e.type === 'notification_sent');
      expect(sent).toHaveLength(1);
      expect(sent[0].data).toEqual({ level: 1, recipients: [{ userId: lead.id, channel: 'email', target: lead.email, delivery: 'sent' }] });
      expect(events.filter((e) => e.type === 'escalated')).toHaveLength(1);
    } finally {
      mailer.close();
      await up.smtp?.close();
    }
  });
});

// ---- the reopen window's end, judged by the clock ----


describe('reopen window', () => {
  it('refuses a reopen and ignores a reply that reach the workflow with its window-end timer', async () => {
    const settings = { ...ticketInput(0).settings, followUpDays: 1, reopenWindowDays: 1 };
    const { input, handle } = await withWorker(async () => {
      const s = await start({ settings, csatSurvey: false });
      await s.handle.executeUpdate(resolveUpdate, { args: [{ rootCauseId: 'rc', actionId: 'ac', note: 'done', actor: agent }] });
      await t.env.sleep(DAY + MIN);
      const closed = await until(s.handle, (v) => v.status === 'closed');
      await t.env.sleep(closed.closedAt! + DAY - (await now()) - 3000); // 3 s before the window ends
      return s;
    });
    // No worker while the window ends: the timer fires, and the reopen and the reply then arrive in the
    // same workflow task, before the tick that would have marked the window over.
    await new Promise((r) => setTimeout(r, 5000));
    const late = handle.executeUpdate(reopenUpdate, { args: [{ reason: 'too late', actor: agent }] }).then(
      () => 'accepted',
      (e: unknown) => failureType(e),
    );
    await handle.signal(customerMessageSignal, { messageId: `<late-${input.number}@example.com>`, from: 'ann@example.com', subject: 'Re', body: 'One more thing', verifiedSender: true, autoReply: false, attachments: [], receivedAt: Date.now() });
    await new Promise((r) => setTimeout(r, 300));
    // A query needs a worker too, so it is asked while this one runs.
    const [verdictOfLate, v] = await withWorker(async () => [await late, await handle.query(ticketStateQuery)] as const);
    saveHistory(t.address, handle, 'reopen-window-by-clock');
    expect(verdictOfLate).toBe('ILLEGAL_TRANSITION');
    expect(v.status).toBe('closed');
    expect(v.reopenCount).toBe(0);
    expect((await eventsOf(input.number)).filter((e) => e.type === 'reopened')).toHaveLength(0);
  }, 120_000);
});

describe('data-error-backstop', () => {
  it('records a save Postgres refuses, scrubs the text and carries on (saved history)', async () => {
    const admin = await insertUser(database.db, 'Ada', { role: 'admin' });
    const { input, handle } = await withWorker(async () => {
      const s = await start();
      // A client with Temporal access can send what the API would refuse.
      await s.handle.signal(customerMessageSignal, { messageId: `<nul-${s.input.number}@example.com>`, from: 'ann@example.com', subject: 'Re', body: 'cold\u0000soup', verifiedSender: true, autoReply: false, attachments: [], receivedAt: Date.now() });
      const v = await s.handle.executeUpdate(changeStatusUpdate, { args: [{ to: 'pending_customer', actor: agent }] });
      expect(v.status).toBe('pending_customer');
      await smtp.waitFor((m) => m.envelopeTo.includes(admin.email) && m.parsed.subject === `Could not save the timeline of ticket #${s.input.number}`);
      return s;
    });
    saveHistory(t.address, handle, 'data-error-backstop');
    const events = await eventsOf(input.number);
    expect(events.filter((e) => e.type === 'save_failed')).toMatchObject([{ data: { textReplaced: true } }]);
    expect(events.find((e) => e.type === 'email_in')?.data).toMatchObject({ body: 'cold\uFFFDsoup' });
    expect(events.map((e) => e.to)).toContain('pending_customer');
  }, 120_000);

  it('saves intake feedback with unstorable text replaced (saved history)', async () => {
    const feedbackId = `feedback-kiosk-nul-${queueCount}`;
    const result = await withWorker(() =>
      t.env.client.workflow.execute(feedbackIntakeWorkflow, { taskQueue, workflowId: feedbackId, args: [feedbackId, { channel: 'kiosk', type: 'star', score: 1, comment: 'x\u0000y' }, Date.now()] }),
    );
    saveHistory(t.address, t.env.client.workflow.getHandle(feedbackId), 'intake-data-error-backstop');
    expect(result.outcome).toBe('no_match'); // no rules in this database
    const [row] = await database.db.select().from(feedback).where(eq(feedback.id, feedbackId));
    expect(row.comment).toBe('x\uFFFDy');
  }, 60_000);
});
