// Every status move of the ticket workflow through real updates, SLA due times on a branch calendar
// across a night, a weekend, a holiday and a DST change, and an escalation e-mail retried until the
// SMTP server comes up: time-skipping test server, real activities (Postgres read model, real SMTP).
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createActivities, type ActivityDeps } from '../../activities';
import { createMailer } from '../../activities/mail/smtp';
import { notifications, ticketEvents } from '../../db/schema';
import { TRANSITIONS } from '../../domain/lifecycle';
import type { TicketInput } from '../../domain/ticket';
import { TICKET_STATUSES, type TicketStatus } from '../../domain/types';
import { ticketWorkflow } from '../../workflows/ticket';
import { changeStatusUpdate, csatAnswerSignal, reopenUpdate, resolveUpdate, ticketStateQuery } from '../../workflows/ticket-messages';
import type { TicketView } from '../../workflows/ticket-view';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp';
import { startTimeSkippingEnv, workflowBundle, type TemporalTestEnv } from '../support/temporal';
import { ticketInput } from '../support/ticket-fixtures';

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
    for (const h of started) {
      for (let i = 0; i < 100; i++) {
        const d = await h.describe().catch(() => null);
        if (!d || d.status.name !== 'RUNNING' || (d.raw.pendingActivities ?? []).length === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return result;
  });
}

const now = () => t.env.currentTimeMs();

async function start(over: Partial<TicketInput> = {}, createdAt?: number) {
  const input = ticketInput(createdAt ?? (await now()), over);
  const handle = await t.env.client.workflow.start(ticketWorkflow, { taskQueue, workflowId: `ticket-${input.number}`, args: [input] });
  started.push(handle);
  await until(handle, (v) => v.ai !== null); // the first analysis has run
  return { input, handle };
}

/** Polls the live state (real time) until it satisfies the predicate. */
async function until(handle: WorkflowHandle, pred: (v: TicketView) => boolean, timeoutMs = 20_000): Promise<TicketView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await handle.query(ticketStateQuery);
    if (pred(v)) return v;
    if (Date.now() > deadline) throw new Error(`state never matched; last: ${JSON.stringify({ status: v.status, sla: v.sla, escalationLevel: v.escalationLevel })}`);
    await new Promise((r) => setTimeout(r, 50));
  }
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
      if (ask.to === 'resolved' || ask.to === 'reopened') return 'INVALID_INPUT'; // only through resolve / reopen
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
    expect([...after.allowedTransitions].sort(), `moves offered in ${from}`).toEqual([...accepted].sort());
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
  }, 180_000);
});
