// Every timer path of the ticket workflow on the time-skipping test server, with real activities
// (Postgres read model, a real SMTP server, a local server speaking Slack's Web API).
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createActivities, type ActivityDeps } from '../../activities';
import { createMailer } from '../../activities/mailer';
import { createSlackClient } from '../../activities/notify';
import { notifications, ticketEvents, tickets } from '../../db/schema';
import { PATCH_BASELINE, ticketWorkflowId, type TicketInput } from '../../domain/ticket';
import { CSAT_COMMENT_GRACE_MS } from '../../workflows/ticket-csat';
import { ticketWorkflow } from '../../workflows/ticket';
import {
  addCommentUpdate,
  changePriorityUpdate,
  changeStatusUpdate,
  csatAnswerSignal,
  csatAnswerUpdate,
  csatSurveyQuery,
  customerMessageSignal,
  reopenUpdate,
  resolveUpdate,
  ticketStateQuery,
} from '../../workflows/ticket-messages';
import type { TicketView } from '../../domain/ticket-view';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { startFakeSlack } from '../support/slack';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp';
import { startTimeSkippingEnv, workflowBundle, type TemporalTestEnv } from '../support/temporal';
import { insertUser, ticketInput } from '../support/ticket-fixtures';
import { saveHistory as saveFixture, settleActivities, until } from '../support/ticket-workflow';

const H = 3_600_000;
const MIN = 60_000;
const agent = { id: 'agent-1', name: 'Agent One' };

let t: TemporalTestEnv;
let database: TestDatabase;
let smtp: SmtpCapture;
let slack: Awaited<ReturnType<typeof startFakeSlack>>;
let deps: ActivityDeps;
let taskQueue = 'ticket-timers';
let queueCount = 0;
// A time-skipping server per test: one test's leftovers can never hold another test's clock.
const started: WorkflowHandle[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((h) => h.terminate('test over').catch(() => undefined)));
  await t?.teardown();
});
beforeEach(async () => {
  t = await startTimeSkippingEnv();
  taskQueue = `ticket-timers-${++queueCount}`; // a stuck worker of a failed test never steals the next test's tasks
});

beforeAll(async () => {
  [database, smtp, slack] = await Promise.all([createTestDatabase(), startSmtpCapture(), startFakeSlack()]);
  deps = {
    db: database.db,
    mailer: createMailer({ smtpUrl: smtp.url, from: 'support@closeloop.test' }),
    slack: createSlackClient('xoxb-test-token', slack.url),
    ai: null,
    publicUrl: 'http://closeloop.test',
    mailDomain: 'closeloop.test',
  };
});
afterAll(async () => {
  deps?.mailer.close();
  await Promise.all([database?.drop(), smtp?.close(), slack?.close()]);
});

// No sticky cache: the test server's clock would stop while a task waits on a dead worker's sticky
// queue, and every activation then replays from history, as after a real worker restart.
async function newWorker() {
  return Worker.create({ connection: t.env.nativeConnection, taskQueue, activities: createActivities(deps), workflowBundle: workflowBundle(), maxCachedWorkflows: 0 });
}

/** Runs fn with a worker, then lets in-flight activities finish: the test server's clock stays locked
 * while an activity task waits for a worker, which would stall the next test's time skipping. */
async function withWorker<T>(fn: () => Promise<T>): Promise<T> {
  return (await newWorker()).runUntil(async () => {
    const result = await fn();
    await settleActivities(started);
    return result;
  });
}

const now = () => t.env.currentTimeMs();

async function start(over: Partial<TicketInput> = {}) {
  const input = ticketInput(await now(), over);
  const handle = await t.env.client.workflow.start(ticketWorkflow, { taskQueue, workflowId: ticketWorkflowId(input.number), args: [input] });
  started.push(handle);
  await until(handle, (v) => v.ai !== null); // the first analysis has run
  return { input, handle };
}


/** `SAVE_HISTORIES=1 npx vitest run test/workflows` refreshes the fixtures the replay test guards. */
const saveHistory = (handle: WorkflowHandle, name: string) => saveFixture(t.address, handle, name);

const comment = (h: WorkflowHandle, visibility: 'public' | 'internal', body = 'We are on it') => h.executeUpdate(addCommentUpdate, { args: [{ body, visibility, actor: agent }] });
const resolve = (h: WorkflowHandle) => h.executeUpdate(resolveUpdate, { args: [{ rootCauseId: 'rc-1', actionId: 'ac-1', note: 'sorted', actor: agent }] });
/** Polls (real time) until fn gives a truthy value: the read model follows the workflow. */
async function eventually<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 100));
  }
}
const eventsOf = async (n: number) => (await database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketNumber, n))).sort((a, b) => a.seq - b.seq);

describe('SLA timers', () => {
  it('first response met before its due time never breaches', async () => {
    await withWorker(async () => {
      const { input, handle } = await start();
      await t.env.sleep(1 * H);
      const v = await comment(handle, 'public', 'Sorry about that, a manager will call you.');
      expect(v.status).toBe('in_progress');
      expect(v.sla.firstResponse.state).toBe('met');
      await t.env.sleep(3 * H);
      const later = await until(handle, (x) => x.sla.resolution.state === 'running');
      expect(later.sla.firstResponse.state).toBe('met');
      expect(later.breached).toBe(false);
      const mail = await smtp.waitFor((m) => m.parsed.subject?.includes(`[#${input.number}]`) ?? false);
      expect(mail.envelopeTo).toEqual(['ann@example.com']);
      expect(mail.parsed.text).toContain('a manager will call you');
      expect(mail.parsed.messageId).toMatch(new RegExp(`^<ticket-${input.number}-\\d+@closeloop.test>$`));
      expect((await eventsOf(input.number)).map((e) => e.type)).toContain('sla_met');
    });
  });

  it('warns at 80 % and breaches the first response at its due time', async () => {
    await withWorker(async () => {
      const { input, handle } = await start(); // medium: first response 2 h
      await t.env.sleep(95 * MIN);
      expect((await handle.query(ticketStateQuery)).sla.firstResponse.state).toBe('running');
      await t.env.sleep(2 * MIN); // 97 min > 96 min = 80 %
      await until(handle, (v) => v.sla.firstResponse.state === 'warning');
      await t.env.sleep(24 * MIN); // 121 min
      const v = await until(handle, (x) => x.sla.firstResponse.state === 'breached');
      expect(v.breached).toBe(true);
      expect(v.sla.resolution.state).toBe('running');
      await until(handle, () => true);
      const types = (await eventsOf(input.number)).map((e) => `${e.type}:${e.to}`);
      expect(types.indexOf('sla_warning:firstResponse')).toBeLessThan(types.indexOf('sla_breached:firstResponse'));
      const [row] = await database.db.select().from(tickets).where(eq(tickets.number, input.number));
      expect(row.breached).toBe(true);
    });
  });

  it('breaches the resolution target of an unresolved ticket; 8 h is 4 h for high and 16 h for low', async () => {
    await withWorker(async () => {
      const high = await start({ priority: 'high' });
      const low = await start({ priority: 'low' });
      expect(high.input.createdAt + 4 * H).toBe((await high.handle.query(ticketStateQuery)).sla.resolution.dueAt);
      expect(low.input.createdAt + 16 * H).toBe((await low.handle.query(ticketStateQuery)).sla.resolution.dueAt);
      await t.env.sleep(4 * H + MIN);
      await until(high.handle, (v) => v.sla.resolution.state === 'breached');
      expect((await low.handle.query(ticketStateQuery)).sla.resolution.state).toBe('running');
      await t.env.sleep(12 * H);
      await until(low.handle, (v) => v.sla.resolution.state === 'breached');
    });
  });

  it('a ticket resolved before its due time never breaches, and closes after the follow-up window', async () => {
    await withWorker(async () => {
      const { handle } = await start();
      await t.env.sleep(1 * H);
      await comment(handle, 'public');
      const v = await resolve(handle);
      expect(v.status).toBe('resolved');
      expect(v.sla.resolution.state).toBe('met');
      await t.env.sleep(20 * H);
      const after = await handle.query(ticketStateQuery);
      expect(after.breached).toBe(false);
      expect(after.sla.resolution.state).toBe('met');
      await t.env.sleep(7 * 24 * H);
      expect((await handle.result()).status).toBe('closed');
    });
  });

  it('a priority change re-computes due times from the start', async () => {
    await withWorker(async () => {
      const { input, handle } = await start(); // medium: resolution 8 h
      await t.env.sleep(1 * H);
      const v = await handle.executeUpdate(changePriorityUpdate, { args: [{ priority: 'high', actor: agent }] });
      expect(v.sla.resolution.dueAt).toBe(input.createdAt + 4 * H);
      expect(v.sla.firstResponse.dueAt).toBe(input.createdAt + 1 * H);
      expect(v.sla.firstResponse.state).toBe('breached'); // 1 h already passed
      const low = await handle.executeUpdate(changePriorityUpdate, { args: [{ priority: 'low', actor: agent }] });
      expect(low.sla.resolution.dueAt).toBe(input.createdAt + 16 * H);
      await t.env.sleep(5 * H);
      expect((await handle.query(ticketStateQuery)).sla.resolution.state).toBe('running');
    });
  });

  it('pauses the resolution clock while pending customer', async () => {
    await withWorker(async () => {
      const { input, handle } = await start();
      await t.env.sleep(1 * H);
      await comment(handle, 'public', 'Could you send us your receipt?');
      const pending = await handle.executeUpdate(changeStatusUpdate, { args: [{ to: 'pending_customer', actor: agent }] });
      expect(pending.sla.resolution.paused).toBe(true);
      expect(pending.sla.resolution.dueAt).toBeNull();
      await t.env.sleep(20 * H);
      expect((await handle.query(ticketStateQuery)).sla.resolution.state).toBe('running');
      const resumedAt = await now();
      await handle.signal(customerMessageSignal, { messageId: '<m1@customer>', from: 'ann@example.com', subject: 'Re', body: 'Here it is', verifiedSender: true, autoReply: false, attachments: [], receivedAt: resumedAt });
      const v = await until(handle, (x) => x.status === 'in_progress');
      expect(v.sla.resolution.paused).toBe(false);
      expect(v.sla.resolution.pausedMs).toBeGreaterThanOrEqual(20 * H);
      // 1 h used before the pause: 7 h left from the resume.
      expect(v.sla.resolution.dueAt! - input.createdAt - v.sla.resolution.pausedMs).toBe(8 * H);
      await saveHistory(handle, 'pending-pause-resume');
    });
  });

  it('runs a next-reply clock from each customer message to the next public reply', async () => {
    await withWorker(async () => {
      const { handle } = await start({ slaTargets: { firstResponseHours: 2, resolutionHours: 48, nextReplyHours: 1 } });
      await comment(handle, 'public');
      const msg = (id: string) => ({ messageId: id, from: 'ann@example.com', subject: 'Re', body: 'Still waiting', verifiedSender: true, autoReply: false, attachments: [], receivedAt: 0 });
      await handle.signal(customerMessageSignal, msg('<a@c>'));
      const v = await until(handle, (x) => x.sla.nextReply !== null);
      expect(v.sla.nextReply!.state).toBe('running');
      await t.env.sleep(30 * MIN);
      const met = await comment(handle, 'public', 'Update: refund on its way');
      expect(met.sla.nextReply!.state).toBe('met');
      await handle.signal(customerMessageSignal, msg('<b@c>'));
      await until(handle, (x) => x.sla.nextReply?.state === 'running');
      await t.env.sleep(61 * MIN);
      const breached = await until(handle, (x) => x.sla.nextReply?.state === 'breached');
      expect(breached.breached).toBe(true);
      await saveHistory(handle, 'next-reply-breach');
      expect(breached.sla.resolution.state).toBe('running');
    });
  });

  it('runs SLA time only inside business hours', async () => {
    await withWorker(async () => {
      // A calendar open one hour a day on every day: 2 h of first-response time spans a day.
      const createdAt = await now();
      const d = new Date(createdAt);
      const hh = String((d.getUTCHours() + 1) % 24).padStart(2, '0');
      const open = { start: `${hh}:00`, end: `${hh === '23' ? '24' : String(+hh + 1).padStart(2, '0')}:00` };
      const calendar = { timeZone: 'UTC', weekly: Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((k) => [k, [open]])), holidays: [] };
      const { handle } = await start({ calendar, slaTargets: { firstResponseHours: 2, resolutionHours: 8, nextReplyHours: null } });
      const v = await handle.query(ticketStateQuery);
      expect(v.sla.firstResponse.dueAt! - createdAt).toBeGreaterThan(24 * H);
      expect(v.sla.firstResponse.dueAt! - createdAt).toBeLessThan(50 * H);
      await t.env.sleep(20 * H);
      expect((await handle.query(ticketStateQuery)).sla.firstResponse.state).not.toBe('breached');
      await t.env.sleep(v.sla.firstResponse.dueAt! - (await now()) + MIN);
      await until(handle, (x) => x.sla.firstResponse.state === 'breached');
    });
  });
});

describe('escalation chain', () => {
  it('walks L1 → L2 → L3, reassigning and notifying each level once, across a worker restart', async () => {
    const [u1, u2, u3] = [await insertUser(database.db, 'Lena'), await insertUser(database.db, 'Mo'), await insertUser(database.db, 'Noor', { slackTarget: 'U0NOOR' })];
    const chain = [
      { level: 1, afterHours: 1, users: [{ userId: u1.id, channel: 'email' as const }] },
      { level: 2, afterHours: 2, users: [{ userId: u2.id, channel: 'email' as const }, { userId: u3.id, channel: 'slack' as const }] },
      { level: 3, afterHours: 3, users: [{ userId: u3.id, channel: 'email' as const }] },
    ];
    // medium ×1: L1 at +1 h, L2 at +3 h, L3 at +6 h.
    const { input, handle } = await withWorker(async () => {
      const started = await start({ escalationChain: chain, assigneeId: 'agent-1', slaTargets: { firstResponseHours: 48, resolutionHours: 96, nextReplyHours: null } });
      await t.env.sleep(61 * MIN);
      const l1 = await until(started.handle, (v) => v.escalationLevel === 1);
      expect(l1.status).toBe('escalated');
      expect(l1.assigneeId).toBe(u1.id);
      await smtp.waitFor((m) => m.envelopeTo.includes(u1.email) && (m.parsed.subject ?? '').includes('L1'));
      return started;
    });
    // No worker for most of the L2 step (the test server's clock stops while a task waits for a worker,
    // so the step itself elapses once the new worker runs; long SLA targets keep other timers out of
    // the way): the new worker rebuilds the ticket from its history and the durable timer fires on time.
    await t.env.sleep(2 * H - 5 * MIN);
    await withWorker(async () => {
      await t.env.sleep(6 * MIN);
      const l2 = await until(handle, (v) => v.escalationLevel === 2);
      expect(l2.assigneeId).toBe(u2.id);
      await smtp.waitFor((m) => m.envelopeTo.includes(u2.email) && (m.parsed.subject ?? '').includes('L2'));
      await new Promise((r) => setTimeout(r, 500));
      const slackMsgs = slack.requests.filter((r) => r.method === 'chat.postMessage' && String(r.body.text).includes(`#${input.number}`));
      expect(slackMsgs).toHaveLength(1);
      expect(slackMsgs[0].body.channel).toBe('U0NOOR');
      expect(slackMsgs[0].token).toBe('xoxb-test-token');
      await t.env.sleep(3 * H);
      const l3 = await until(handle, (v) => v.escalationLevel === 3 && v.escalationExhausted);
      expect(l3.assigneeId).toBe(u3.id);
      await t.env.sleep(48 * H); // the last level stays put
      const v = await handle.query(ticketStateQuery);
      expect(v.escalationLevel).toBe(3);
      // escalation-fewer-tasks: per escalation the owner pick and the notice are scheduled by one
      // workflow task, and one projection follows them (before: a projection first, then one after).
      const events = (await handle.fetchHistory()).events!;
      const scheduled = (name: string) => events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === name);
      const picks = scheduled('pickEscalationOwner');
      expect(picks).toHaveLength(3);
      const byTask = (e: (typeof events)[number]) => String(e.activityTaskScheduledEventAttributes!.workflowTaskCompletedEventId);
      expect(scheduled('notifyEscalation').map(byTask)).toEqual(picks.map(byTask));
      for (const pick of picks) {
        const at = events.indexOf(pick);
        const fired = events.slice(0, at).findLastIndex((e) => e.timerFiredEventAttributes);
        const next = events.findIndex((e, i) => i > at && e.timerStartedEventAttributes);
        expect(events.slice(fired, next).filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'projectTicket')).toHaveLength(1);
      }
      await saveHistory(handle, 'escalation-fewer-tasks'); // escalation-chain.json and escalation-owner-capacity.json: the older paths
    });
    const mails = smtp.messages.filter((m) => (m.parsed.subject ?? '').startsWith(`[#${input.number}] Escalated`));
    const perLevelUser = mails.map((m) => `${m.envelopeTo[0]}:${/L\d/.exec(m.parsed.subject ?? '')?.[0]}`).sort();
    expect(perLevelUser).toEqual([`${u1.email}:L1`, `${u2.email}:L2`, `${u3.email}:L3`].sort());
    const rows = await database.db.select().from(notifications).where(eq(notifications.ticketNumber, input.number));
    expect(rows.filter((r) => r.key.includes('escalation')).map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    const types = (await eventsOf(input.number)).map((e) => e.type);
    expect(types.filter((x) => x === 'escalated')).toHaveLength(3);
    expect(types.filter((x) => x === 'escalation_exhausted')).toHaveLength(1);
  });
});

describe('escalation owner and capacity (escalation-owner-capacity)', () => {
  it('gives the level to whoever has room, passes over the away, and says on the timeline when nobody could take it', async () => {
    const [full, away, free] = [await insertUser(database.db, 'Fay', { capacity: 1 }), await insertUser(database.db, 'Abe', { available: false }), await insertUser(database.db, 'Fri')];
    const chain = [
      { level: 1, afterHours: 1, users: [{ userId: full.id, channel: 'email' as const }] },
      { level: 2, afterHours: 2, users: [{ userId: away.id, channel: 'email' as const }, { userId: free.id, channel: 'email' as const }] },
    ];
    const sla = { firstResponseHours: 48, resolutionHours: 96, nextReplyHours: null };
    await withWorker(async () => {
      // Two tickets reach L1 together; Fay has room for one of them.
      const a = await start({ escalationChain: chain, assigneeId: 'agent-1', slaTargets: sla });
      const b = await start({ escalationChain: chain, assigneeId: 'agent-1', slaTargets: sla });
      await t.env.sleep(61 * MIN);
      const l1 = await Promise.all([a, b].map((x) => until(x.handle, (v) => v.escalationLevel === 1 && v.version > 0)));
      await Promise.all([a, b].map((x) => eventually(async () => (await eventsOf(x.input.number)).some((e) => e.type === 'notification_sent' && (e.data as { level?: number } | null)?.level === 1))));
      const views = await Promise.all([a, b].map((x) => x.handle.query(ticketStateQuery)));
      expect(views.map((v) => v.assigneeId).sort()).toEqual([full.id, 'agent-1'].sort());
      const skippedOne = views[0].assigneeId === full.id ? b : a;
      const skipped = (await eventsOf(skippedOne.input.number)).find((e) => e.type === 'assignment_skipped');
      expect(skipped).toMatchObject({ from: 'agent-1', to: 'L1', reason: 'nobody on escalation L1 can take the ticket (at capacity); it stays with its owner', data: { skipped: [{ userId: full.id, why: 'at_capacity' }] } });
      expect(l1.every((v) => v.status === 'escalated')).toBe(true);
      // L2: Abe is away, so Fri (no limit) takes both, and the timeline says who was passed over.
      await t.env.sleep(2 * H + MIN);
      for (const x of [a, b]) {
        const v = await until(x.handle, (y) => y.escalationLevel === 2 && y.assigneeId === free.id);
        const assigned = (await eventually(async () => (await eventsOf(v.number)).filter((e) => e.type === 'assigned' && e.to === free.id)))[0];
        expect(assigned).toMatchObject({ reason: 'escalation L2', data: { skipped: [{ userId: away.id, why: 'unavailable' }] } });
      }
      // The read model already counts the escalated tickets against their new owners.
      expect((await database.db.select().from(tickets).where(eq(tickets.assigneeId, free.id))).map((r) => r.number).sort()).toEqual([a.input.number, b.input.number].sort());
      await saveHistory(skippedOne.handle, 'escalation-owner-capacity');
    });
  });
});

describe('patch baseline (workflows/patch-baseline.ts)', () => {
  /** The patch ids a history recorded as markers, and whether it upserted TemporalChangeVersion. */
  async function patchTrail(handle: WorkflowHandle) {
    const events = (await handle.fetchHistory()).events!;
    const markers = events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch');
    const changeVersion = events.some((e) => Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}).includes('TemporalChangeVersion'));
    return { markers: markers.length, changeVersion };
  }

  it('a ticket started with baseline 1 asks no patch through escalation, reply, resolution and survey answer; one started before asks each', async () => {
    const owner = await insertUser(database.db, 'Lena');
    const over = {
      escalationChain: [{ level: 1, afterHours: 1, users: [{ userId: owner.id, channel: 'email' as const }] }],
      assigneeId: 'agent-1',
      csatSurvey: true,
      slaTargets: { firstResponseHours: 48, resolutionHours: 96, nextReplyHours: null },
    };
    await withWorker(async () => {
      const [baseline, older] = [await start({ ...over, patchBaseline: PATCH_BASELINE }), await start(over)];
      await t.env.sleep(61 * MIN);
      for (const { handle } of [baseline, older]) {
        await until(handle, (v) => v.escalationLevel === 1 && v.assigneeId === owner.id);
        await comment(handle, 'public', 'Sorry, we are sending a voucher.');
        await resolve(handle);
      }
      for (const { input, handle } of [baseline, older]) {
        await until(handle, (v) => v.csat?.sentAt != null);
        const [row] = await database.db.select().from(notifications).where(eq(notifications.key, `t${input.number}:csat:0`));
        const token = (row.payload as { token: string }).token;
        await handle.executeUpdate(csatAnswerUpdate, { args: [{ token, score: 5, comment: null, reasonId: null, answeredAt: 0 }] });
      }
      await t.env.sleep(20 * MIN); // past the change-of-mind window: the happy answer closes both
      const views = await Promise.all([baseline, older].map(({ handle }) => until(handle, (v) => v.status === 'closed')));
      const trails = await Promise.all([baseline, older].map(({ handle }) => patchTrail(handle)));
      expect(views.map((v) => [v.escalationLevel, v.assigneeId, v.csat?.score])).toEqual([[1, owner.id, 5], [1, owner.id, 5]]);
      expect(trails[0]).toEqual({ markers: 0, changeVersion: false });
      expect(trails[1].markers).toBeGreaterThanOrEqual(5); // four at the start, the escalation's, the survey's
      await saveHistory(baseline.handle, 'patch-baseline-1');
    });
  });
});

describe('lifecycle', () => {
  it('refuses an illegal move in the validator and changes nothing', async () => {
    await withWorker(async () => {
      const { handle } = await start();
      const before = await handle.query(ticketStateQuery);
      for (const to of ['closed', 'reopened', 'new'] as const) {
        const err = await handle.executeUpdate(changeStatusUpdate, { args: [{ to, actor: agent }] }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
        expect(((err as WorkflowUpdateFailedError).cause as { type?: string }).type).toMatch(/ILLEGAL_TRANSITION|INVALID_INPUT/);
      }
      const bad = await handle.executeUpdate(resolveUpdate, { args: [{ rootCauseId: '', actionId: 'x', actor: agent }] }).catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((await handle.query(ticketStateQuery)).version).toBe(before.version);
      const history = await handle.fetchHistory();
      const rejected = history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
      expect(rejected).toHaveLength(0);
    });
  });

  it('gives a reopened ticket fresh timers and a fresh escalation chain', async () => {
    await withWorker(async () => {
      const u = await insertUser(database.db, 'Omar');
      const { input, handle } = await start({ escalationChain: [{ level: 1, afterHours: 4, users: [{ userId: u.id, channel: 'email' }] }] });
      await t.env.sleep(1 * H);
      await resolve(handle);
      await t.env.sleep(10 * H);
      const reopenedAt = await now();
      const v = await handle.executeUpdate(reopenUpdate, { args: [{ reason: 'customer called back', actor: agent }] });
      expect(v.status).toBe('reopened');
      expect(v.reopenCount).toBe(1);
      expect(v.sla.resolution.startedAt).toBeGreaterThanOrEqual(reopenedAt);
      expect(v.sla.resolution.state).toBe('running');
      expect(v.sla.resolution.dueAt).toBe(v.sla.resolution.startedAt + 8 * H);
      expect(v.sla.resolution.startedAt).toBeGreaterThan(input.createdAt + 10 * H);
      await t.env.sleep(4 * H + MIN);
      await until(handle, (x) => x.escalationLevel === 1);
      await t.env.sleep(4 * H);
      await until(handle, (x) => x.sla.resolution.state === 'breached');
    });
  });

  it('CSAT: a happy answer closes, an unhappy one reopens', async () => {
    await withWorker(async () => {
      const owner = await insertUser(database.db, 'Pia');
      const happy = await start({ csatSurvey: true });
      const unhappy = await start({ csatSurvey: true, assigneeId: owner.id });
      for (const x of [happy, unhappy]) await resolve(x.handle);
      const token = async (n: number) => {
        const v = await until(n === happy.input.number ? happy.handle : unhappy.handle, (s) => s.csat?.sentAt != null);
        expect(v.csat!.answeredAt).toBeNull();
        const [row] = await database.db.select().from(notifications).where(eq(notifications.key, `t${n}:csat:0`));
        return (row.payload as { token: string }).token;
      };
      const ht = await token(happy.input.number);
      await smtp.waitFor((m) => (m.parsed.text ?? '').includes(`/csat/${ht}`));
      await happy.handle.signal(csatAnswerSignal, { token: 'forged', score: 1, answeredAt: 0 });
      await happy.handle.signal(csatAnswerSignal, { token: ht, score: 5, answeredAt: 0 });
      // Closed at once; the workflow still listens a day for the optional comment, so no result() here:
      // skipping time to its end would let the other ticket's follow-up window close it too.
      expect((await until(happy.handle, (v) => v.status === 'closed')).closedAt).not.toBeNull();
      expect((await happy.handle.query(ticketStateQuery)).csat).toMatchObject({ score: 5, recovered: true });
      await unhappy.handle.signal(csatAnswerSignal, { token: await token(unhappy.input.number), score: 1, answeredAt: 0 });
      const v = await until(unhappy.handle, (s) => s.status === 'reopened');
      expect(v.csat).toMatchObject({ score: 1, recovered: false });
      await smtp.waitFor((m) => m.envelopeTo.includes(owner.email) && (m.parsed.subject ?? '').includes('Reopened: unhappy CSAT answer (1/5)'));
      await saveHistory(happy.handle, 'csat-happy-closed');
      await saveHistory(unhappy.handle, 'csat-unhappy-reopened-notified'); // csat-unhappy-reopened.json predates the patch
    });
  });
});

describe('CSAT answers from the survey page (csat-answer-policy)', () => {
  it('a change of mind within the window replaces the answer, acted on when the window ends; a late change is refused', async () => {
    await withWorker(async () => {
      const owner = await insertUser(database.db, 'Ria');
      const { input, handle } = await start({ csatSurvey: true, assigneeId: owner.id });
      await resolve(handle);
      await until(handle, (v) => v.csat?.sentAt != null);
      const [row] = await database.db.select().from(notifications).where(eq(notifications.key, `t${input.number}:csat:0`));
      const token = (row.payload as { token: string }).token;
      const survey = await handle.query(csatSurveyQuery, token);
      expect(survey).toMatchObject({ state: 'open', score: null, captureType: 'star' });
      const answer = (score: number, comment?: string) => handle.executeUpdate(csatAnswerUpdate, { args: [{ token, score, comment: comment ?? null, reasonId: null, answeredAt: 0 }] });
      const refusedWith = async (p: Promise<unknown>) => {
        const e = await p.then(() => null, (x: unknown) => x);
        expect(e).toBeInstanceOf(WorkflowUpdateFailedError);
        return (e as WorkflowUpdateFailedError).cause as Error & { type?: string; details?: unknown[] };
      };
      expect((await refusedWith(handle.executeUpdate(csatAnswerUpdate, { args: [{ token: `${input.number}.${'0'.repeat(32)}`, score: 1, answeredAt: 0 }] }))).type).toBe('NOT_FOUND');
      expect(await answer(1, 'Cold again')).toMatchObject({ outcome: 'scored', survey: { state: 'answered', score: 1 } });
      await t.env.sleep(5 * MIN);
      expect((await handle.query(ticketStateQuery)).status).toBe('resolved'); // nothing acted on yet
      expect(await answer(3)).toMatchObject({ outcome: 'changed', survey: { score: 3 } });
      await t.env.sleep(11 * MIN);
      await until(handle, (v) => v.csat?.score === 3 && v.version > 0);
      await t.env.sleep(MIN);
      const settled = await handle.query(ticketStateQuery);
      expect(settled).toMatchObject({ status: 'resolved', reopenCount: 0, csat: { score: 3, recovered: false, comment: 'Cold again' } }); // 3 waits for the follow-up window
      const late = await refusedWith(answer(5));
      expect(late.type).toBe('CONFLICT');
      expect(late.details?.[0]).toMatchObject({ csat: 'already_answered', score: 3 });
      expect(await answer(3)).toMatchObject({ outcome: 'unchanged' });
      const events = await eventsOf(input.number);
      expect(events.filter((e) => e.type === 'csat_answered').map((e) => [e.from, e.to])).toEqual([[null, '1'], ['1', '3']]);
      expect(events.some((e) => e.type === 'reopened')).toBe(false);
      // The 1 never reached the assignee (the notice of the assignment itself may have).
      expect(smtp.messages.some((m) => m.envelopeTo.includes(owner.email) && !/assigned to you/.test(m.parsed.subject ?? ''))).toBe(false);
      await saveHistory(handle, 'csat-answer-policy');
    });
  });
});

describe('CSAT answer racing the survey', () => {
  it('keeps an answer clicked while the survey activity is still completing', async () => {
    // The mail leaves inside the activity; a customer can click before the workflow records it as sent.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const real = createActivities(deps);
    const activities = { ...real, sendCsatSurvey: async (view: TicketView) => { const out = await real.sendCsatSurvey(view); await held; return out; } };
    const worker = await Worker.create({ connection: t.env.nativeConnection, taskQueue, activities, workflowBundle: workflowBundle(), maxCachedWorkflows: 0 });
    await worker.runUntil(async () => {
      const { input, handle } = await start({ csatSurvey: true, contact: { name: 'Early Bird', email: 'early@example.com' } });
      await resolve(handle);
      const mail = await smtp.waitFor((m) => m.envelopeTo.includes('early@example.com') && /\/csat\//.test(m.parsed.text ?? ''));
      const token = /\/csat\/([\w.]+)/.exec(mail.parsed.text ?? '')![1];
      expect(token.startsWith(`${input.number}.`)).toBe(true);
      await handle.signal(csatAnswerSignal, { token, score: 5, answeredAt: 0 });
      await handle.signal(csatAnswerSignal, { token: `${input.number}.${'0'.repeat(32)}`, score: 1, answeredAt: 0 }); // forged: never applied
      expect((await handle.query(ticketStateQuery)).csat).toBeNull(); // not recorded as sent yet
      release();
      const v = await until(handle, (x) => x.status === 'closed');
      expect(v.csat).toMatchObject({ score: 5, recovered: true });
      await saveHistory(handle, 'csat-early-answer');
    });
  });
});

describe('CSAT follow-up and the reopen window', () => {
  const DAY = 24 * H;
  const surveyToken = async (n: number, round = 0) => {
    const [row] = await database.db.select().from(notifications).where(eq(notifications.key, `t${n}:csat:${round}`));
    return (row.payload as { token: string }).token;
  };
  const mailsTo = (email: string, n: number) => smtp.messages.filter((m) => m.envelopeTo.includes(email) && (m.parsed.subject ?? '').includes(`[#${n}]`));

  it('sends one reminder halfway through the follow-up window with the same links, then closes unanswered', async () => {
    await withWorker(async () => {
      const email = 'rita@example.com';
      const { input, handle } = await start({ csatSurvey: true, contact: { name: 'Rita', email }, settings: { ...ticketInput(0).settings, followUpDays: 6, csatReminder: true } });
      await resolve(handle);
      const v = await until(handle, (x) => x.csat?.sentAt != null);
      const token = await surveyToken(input.number);
      await smtp.waitFor((m) => m.envelopeTo.includes(email) && (m.parsed.text ?? '').includes(`/csat/${token}?score=5`));
      await t.env.sleep(3 * DAY - H); // before the half-way point: no reminder yet
      await until(handle, () => true);
      expect(mailsTo(email, input.number).filter((m) => /reminder/i.test(m.parsed.subject ?? ''))).toHaveLength(0);
      await t.env.sleep(2 * H);
      const reminder = await smtp.waitFor((m) => m.envelopeTo.includes(email) && /reminder/i.test(m.parsed.subject ?? ''));
      expect(reminder.parsed.text).toContain(`/csat/${token}?score=1`);
      expect(reminder.parsed.html).toContain(`/csat/${token}?score=1`);
      expect(reminder.parsed.inReplyTo).toBe(`<ticket-${input.number}-0@closeloop.test>`);
      expect((await handle.query(ticketStateQuery)).csat!.sentAt).toBe(v.csat!.sentAt);
      await t.env.sleep(3 * DAY + H);
      const closed = await handle.result();
      expect(closed.status).toBe('closed');
      expect(closed.csat).toMatchObject({ score: null, answeredAt: null });
      expect(mailsTo(email, input.number).filter((m) => /reminder/i.test(m.parsed.subject ?? ''))).toHaveLength(1);
      const out = (await eventsOf(input.number)).filter((e) => e.type === 'email_out');
      expect(out.map((e) => (e.data as { kind?: string }).kind)).toEqual(['csat_reminder']);
      await saveHistory(handle, 'csat-reminder-then-closed');
    });
  });

  it('no reminder once answered; no survey without a customer email or when the rule turns it off', async () => {
    await withWorker(async () => {
      const settings = { ...ticketInput(0).settings, followUpDays: 4, csatReminder: true };
      const answered = await start({ csatSurvey: true, contact: { email: 'quick@example.com' }, settings });
      const noEmail = await start({ csatSurvey: true, contact: { name: 'Walk-in', phone: '+4420000000' }, settings });
      const ruleOff = await start({ csatSurvey: false, contact: { email: 'off@example.com' }, settings });
      for (const x of [answered, noEmail, ruleOff]) await resolve(x.handle);
      await until(answered.handle, (x) => x.csat?.sentAt != null);
      await answered.handle.signal(csatAnswerSignal, { token: await surveyToken(answered.input.number), score: 3, answeredAt: 0 }); // neutral: stays resolved
      await until(answered.handle, (x) => x.csat?.answeredAt != null);
      await t.env.sleep(4 * DAY + H);
      for (const x of [answered, noEmail, ruleOff]) expect((await x.handle.result()).status).toBe('closed');
      expect(mailsTo('quick@example.com', answered.input.number).map((m) => m.parsed.subject)).toEqual([`How did we do? [#${answered.input.number}]`]);
      expect(mailsTo('off@example.com', ruleOff.input.number)).toHaveLength(0);
      for (const x of [noEmail, ruleOff]) {
        expect((await x.handle.query(ticketStateQuery)).csat).toBeNull();
        expect((await eventsOf(x.input.number)).some((e) => e.type === 'csat_sent')).toBe(false);
        expect((await eventsOf(x.input.number)).find((e) => e.type === 'closed')?.reason).toBe('follow-up window ended');
      }
    });
  });

  it('a closed ticket reopens on a customer reply within its reopen window and refuses after it', async () => {
    await withWorker(async () => {
      const { input, handle } = await start({ csatSurvey: true, settings: { ...ticketInput(0).settings, followUpDays: 7, reopenWindowDays: 3 } });
      await resolve(handle);
      await until(handle, (x) => x.csat?.sentAt != null);
      await handle.signal(csatAnswerSignal, { token: await surveyToken(input.number), score: 5, answeredAt: 0 });
      const closed = await until(handle, (x) => x.status === 'closed');
      expect(closed.allowedTransitions).toEqual(['reopened']);
      expect(closed.closedAt).not.toBeNull();
      await t.env.sleep(1 * DAY);
      await handle.signal(customerMessageSignal, { messageId: '<after-close@c>', from: 'ann@example.com', subject: 'Re', body: 'It broke again', verifiedSender: true, autoReply: false, attachments: [], receivedAt: 0 });
      const reopened = await until(handle, (x) => x.status === 'reopened');
      expect(reopened).toMatchObject({ reopenCount: 1, closedAt: null });
      expect(reopened.sla.resolution.state).toBe('running');
      // Second life: resolved, survey unanswered, closed by the follow-up window, then the reopen window runs out.
      await resolve(handle);
      await until(handle, (x) => x.csat?.sentAt != null && x.csat.answeredAt === null);
      await t.env.sleep(7 * DAY + H);
      const closedAgain = await until(handle, (x) => x.status === 'closed');
      expect(closedAgain.allowedTransitions).toEqual(['reopened']);
      await t.env.sleep(3 * DAY + H);
      const final = await handle.result();
      expect(final.status).toBe('closed');
      expect(final.allowedTransitions).toEqual([]);
      const err = await handle.executeUpdate(reopenUpdate, { args: [{ reason: 'too late', actor: agent }] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      const types = (await eventsOf(input.number)).map((e) => `${e.type}:${e.reason ?? ''}`);
      expect(types).toContain('reopened:customer replied within the reopen window');
      await saveHistory(handle, 'closed-reopened-in-window');
    });
  });

  it('after a one-click happy answer the comment may follow, though the ticket closed at once', async () => {
    await withWorker(async () => {
      const { input, handle } = await start({ csatSurvey: true }); // reopen window 0: closed is final
      await resolve(handle);
      await until(handle, (x) => x.csat?.sentAt != null);
      const token = await surveyToken(input.number);
      await handle.signal(csatAnswerSignal, { token, score: 5, answeredAt: 0 });
      const closed = await until(handle, (x) => x.status === 'closed');
      expect(closed.allowedTransitions).toEqual([]);
      await handle.signal(csatAnswerSignal, { token, score: 5, comment: 'Lovely staff', answeredAt: 0 });
      await until(handle, (x) => x.csat?.comment === 'Lovely staff');
      // A reply after close does not reopen a ticket without a reopen window (the mail reader opens a follow-up).
      await handle.signal(customerMessageSignal, { messageId: '<late@c>', from: 'ann@example.com', subject: 'Re', body: 'thanks!', verifiedSender: true, autoReply: false, attachments: [], receivedAt: 0 });
      await t.env.sleep(CSAT_COMMENT_GRACE_MS + H);
      const final = await handle.result();
      expect(final).toMatchObject({ status: 'closed', reopenCount: 0, csat: { score: 5, recovered: true, comment: 'Lovely staff' } });
    });
  });
});

describe('durability', () => {
  it('continues as new before history grows large and keeps state, timers and dedupe sets', async () => {
    await withWorker(async () => {
      const { input, handle } = await start({ maxHistoryEvents: 40 });
      const firstRun = (await handle.describe()).runId;
      const before = await handle.query(ticketStateQuery);
      const msg = { messageId: '<same@c>', from: 'ann@example.com', subject: 'Re', body: 'hello', verifiedSender: true, autoReply: false, attachments: [], receivedAt: 0 };
      await handle.signal(customerMessageSignal, msg);
      for (let i = 0; i < 8; i++) await comment(handle, 'internal', `note ${i}`);
      const latest = t.env.client.workflow.getHandle(ticketWorkflowId(input.number));
      await until(latest, () => true);
      const desc = await latest.describe();
      expect(desc.runId).not.toBe(firstRun);
      await latest.signal(customerMessageSignal, msg); // duplicate after the hand-over
      await comment(latest, 'internal', 'after hand-over');
      const after = await latest.query(ticketStateQuery);
      expect(after.sla.resolution.dueAt).toBe(before.sla.resolution.dueAt);
      const events = await eventsOf(input.number);
      expect(events.filter((e) => e.type === 'email_in')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'comment')).toHaveLength(9);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1)); // no gaps, no duplicates
      await t.env.sleep(8 * H + MIN);
      await until(latest, (x) => x.sla.resolution.state === 'breached');
    });
  });
});

describe('an update in the first workflow task', () => {
  // Such an update runs its handler inside setHandler(), before the rest of the workflow function (a
  // new run after continue-as-new, or a ticket updated the moment it starts, before a worker polled).
  it('is applied, not failed on state declared after the handlers', async () => {
    const input = ticketInput(await now());
    const handle = await t.env.client.workflow.start(ticketWorkflow, { taskQueue, workflowId: `ticket-${input.number}`, args: [input] });
    started.push(handle);
    const update = handle.executeUpdate(addCommentUpdate, { args: [{ body: 'first thing', visibility: 'internal', actor: agent }] });
    await new Promise((r) => setTimeout(r, 1000)); // no worker yet: the update waits with the first task
    const v = await withWorker(async () => {
      const answer = await update;
      await until(handle, (x) => x.ai !== null);
      await saveHistory(handle, 'update-in-first-task');
      return answer;
    });
    expect(v.lastActor).toEqual(agent);
    expect((await eventsOf(input.number)).map((e) => e.type)).toEqual(expect.arrayContaining(['created', 'comment']));
  });
});

describe('advocacy ask', () => {
  it('records on the timeline that no ask went out when the customer left no e-mail address', async () => {
    await withWorker(async () => {
      const { input, handle } = await start({ kind: 'advocacy', captureType: 'nps', score: 10, comment: 'Lovely staff', contact: { name: 'Ann Lee' }, priority: 'low' });
      const events = await eventsOf(input.number);
      const asks = events.filter((e) => e.type === 'advocacy_ask');
      expect(asks).toHaveLength(1);
      expect(asks[0]).toMatchObject({ data: { sent: false, reason: 'no e-mail address' }, reason: 'no e-mail address' });
      expect(smtp.messages.some((m) => m.parsed.text?.includes('public review'))).toBe(false);
      await saveHistory(handle, 'advocacy-no-email'); // advocacy-no-email-prepatch.json predates the patch
    });
  });
});
