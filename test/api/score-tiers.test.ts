// Score tiers and assignment outcomes end to end on the real stack: repeat detractors escalate to L1 at
// creation, nobody available leaves the ticket unassigned and tells level 1, promoters get a review ask
// at most `capPerQuarter` times per customer per quarter, and every decision is on the timeline.
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { branches, feedback, notifications, rules, ticketEvents, tickets } from '../../db/schema';
import { quarterStart } from '../../domain/advocacy';
import type { TimelineEventType } from '../../domain/ticket';
import { startStack, type Session, type Stack } from '../support/stack';
import { insertUser } from '../support/ticket-fixtures';

let s: Stack;
let admin: Session;
const DAY = 86_400_000;

beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
  await s.database.db.insert(branches).values([
    { id: 'repeat', name: 'Repeat' },
    { id: 'nobody', name: 'Nobody' },
    { id: 'promo', name: 'Promo' },
    { id: 'assign', name: 'Assign' },
  ]);
});
afterAll(async () => s?.teardown());

/** Adds a rule and moves it to the top so the seeded demo rule never shadows it. */
async function addRule(def: Record<string, unknown>): Promise<string> {
  const res = await s.call('POST', '/api/v1/rules', def, admin);
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const all = (await s.database.db.select({ id: rules.id }).from(rules).orderBy(asc(rules.position))).map((r) => r.id);
  expect((await s.call('POST', '/api/v1/rules/reorder', { ids: [id, ...all.filter((x) => x !== id)] }, admin)).status).toBe(200);
  return id;
}

async function submit(body: Record<string, unknown>): Promise<number> {
  const res = await s.postFeedback(body, '?wait=true');
  expect(res.status).toBe(202);
  const answered = (await res.json()) as { outcome?: string; ticketNumber?: number };
  // The API waits 5 s for the intake; on a loaded machine the verdict comes from the feedback row.
  const j = answered.outcome ? answered : await s.intakeOutcome(body.channel as string, body.externalId as string);
  expect(j.outcome).toBe('ticket');
  return j.ticketNumber!;
}

const ticketRow = (n: number) => s.eventually(async () => (await s.database.db.select().from(tickets).where(eq(tickets.number, n)))[0]);
const eventsOf = (n: number, type: TimelineEventType) => s.database.db.select().from(ticketEvents).where(and(eq(ticketEvents.ticketNumber, n), eq(ticketEvents.type, type)));
const mailsTo = (addr: string) => s.smtp.messages.filter((m) => m.envelopeTo.includes(addr));

describe('repeat detractor', () => {
  let lead: { id: string; email: string };
  let agent: { id: string };
  beforeAll(async () => {
    lead = await insertUser(s.database.db, 'Lead');
    agent = await insertUser(s.database.db, 'Agent');
    await addRule({
      name: 'Repeat branch detractors',
      trigger: { buckets: ['star_1_2'] },
      scope: { branches: ['repeat'], services: [] },
      outcome: { priority: 'medium', pool: [agent.id], strategy: 'round_robin', escalationChain: [{ level: 1, afterHours: 100, users: [{ userId: lead.id, channel: 'email' }] }] },
    });
  });

  it('escalates to level 1 at creation when the same contact gave a low score within 90 days', async () => {
    const base = { channel: 'web', type: 'star', branch: 'repeat' };
    // 100 days ago: outside the window of the next one.
    const old = await submit({ ...base, score: 1, contact: { email: 'fay@example.com' }, externalId: 'rd-1', submittedAt: new Date(Date.now() - 100 * DAY).toISOString() });
    const first = await submit({ ...base, score: 2, contact: { email: 'fay@example.com' }, externalId: 'rd-2' });
    const second = await submit({ ...base, score: 1, comment: 'again!', contact: { email: 'FAY@example.com ' }, externalId: 'rd-3' });
    for (const n of [old, first]) expect(await ticketRow(n)).toMatchObject({ escalationLevel: 0, status: 'new', assigneeId: agent.id });
    const escalated = await s.eventually(async () => {
      const row = await ticketRow(second);
      return row.escalationLevel === 1 ? row : null;
    });
    expect(escalated.status).toBe('escalated');
    const [ev] = await eventsOf(second, 'escalated');
    expect(ev.reason).toContain('repeat detractor');
    // Level 1 is told once.
    await s.eventually(async () => (await s.database.db.select().from(notifications).where(eq(notifications.key, `t${second}:escalation-L1:${lead.id}`)))[0]?.status === 'sent');
    expect(mailsTo(lead.email)).toHaveLength(1);
  });

  it('recognises the same customer by phone too, and not after a good score', async () => {
    const base = { channel: 'sms', type: 'nps', branch: 'repeat' };
    await addRule({
      name: 'Repeat branch NPS detractors',
      trigger: { buckets: ['nps_detractor'] },
      scope: { branches: ['repeat'], services: [] },
      outcome: { priority: 'low', escalationChain: [{ level: 1, afterHours: 100, users: [{ userId: lead.id, channel: 'email' }] }] },
    });
    const a = await submit({ ...base, score: 3, contact: { phone: '+44 7700 900001' }, externalId: 'rd-p1', submittedAt: new Date(Date.now() - 89 * DAY).toISOString() });
    const b = await submit({ ...base, score: 0, contact: { phone: '+447700900001' }, externalId: 'rd-p2' });
    expect(await s.eventually(async () => ((await ticketRow(b)).escalationLevel === 1 ? true : null))).toBe(true);
    expect((await ticketRow(a)).escalationLevel).toBe(0);
    // A promoter answer in between is not a low score.
    const good = await s.postFeedback({ ...base, score: 9, contact: { phone: '+447700900002' }, externalId: 'rd-g1' }, '?wait=true');
    const verdict = ((await good.json()) as { outcome?: string }).outcome ?? (await s.intakeOutcome(base.channel, 'rd-g1')).outcome;
    expect(verdict).toBe('no_match');
    const c = await submit({ ...base, score: 2, contact: { phone: '+447700900002' }, externalId: 'rd-g2' });
    const row = await ticketRow(c);
    expect(row.escalationLevel).toBe(0);
    const [fb] = await s.database.db.select().from(feedback).where(eq(feedback.externalId, 'rd-g2'));
    expect((fb.decision as { repeatDetractor: boolean }).repeatDetractor).toBe(false);
  });
});

describe('nobody available', () => {
  it('still opens the ticket, unassigned, and tells every level-1 user', async () => {
    const away = await insertUser(s.database.db, 'Away', { available: false });
    const full = await insertUser(s.database.db, 'Full', { capacity: 0 });
    const l1a = await insertUser(s.database.db, 'Duty');
    const l1b = await insertUser(s.database.db, 'Backup');
    const ruleId = await addRule({
      name: 'Nobody branch',
      trigger: { buckets: ['star_1_2'] },
      scope: { branches: ['nobody'], services: [] },
      outcome: {
        priority: 'high',
        pool: [away.id, full.id],
        strategy: 'round_robin',
        escalationChain: [{ level: 1, afterHours: 100, users: [{ userId: l1a.id, channel: 'email' }, { userId: l1b.id, channel: 'email' }] }],
      },
    });
    const n = await submit({ channel: 'kiosk', type: 'star', score: 1, branch: 'nobody', externalId: 'nb-1' });
    const row = await ticketRow(n);
    expect(row).toMatchObject({ assigneeId: null, status: 'new', escalationLevel: 0, priority: 'high' });
    const [fb] = await s.database.db.select().from(feedback).where(eq(feedback.externalId, 'nb-1'));
    expect(fb).toMatchObject({ outcome: 'ticket', ruleId, ticketNumber: n, assigneeId: null });
    const told = await s.eventually(async () => {
      const evs = await eventsOf(n, 'notification_sent');
      return evs.length ? evs[0] : null;
    });
    expect(told.reason).toBe('no available assignee');
    expect(((told.data as { recipients: Array<{ userId: string }> }).recipients.map((r) => r.userId)).sort()).toEqual([l1a.id, l1b.id].sort());
    await s.smtp.waitFor((m) => m.envelopeTo.includes(l1a.email));
    await s.smtp.waitFor((m) => m.envelopeTo.includes(l1b.email));
    expect(mailsTo(l1a.email)).toHaveLength(1);
    // Nobody was picked, so the round-robin cursor did not move.
    const [r] = await s.database.db.select({ rrCursor: rules.rrCursor }).from(rules).where(eq(rules.id, ruleId));
    expect(r.rrCursor).toBe(-1);
  });
});

describe('assignment strategies on the real read model', () => {
  it('first-available skips the unavailable and those at their open-ticket capacity, in pool order', async () => {
    const away = await insertUser(s.database.db, 'Gone', { available: false });
    const one = await insertUser(s.database.db, 'OneSlot', { capacity: 1 });
    const spare = await insertUser(s.database.db, 'Spare');
    await addRule({ name: 'Assign first available', trigger: { buckets: ['smile_negative'] }, scope: { branches: ['assign'], services: [] }, outcome: { priority: 'medium', pool: [away.id, one.id, spare.id], strategy: 'first_available' } });
    const first = await submit({ channel: 'qr', type: 'smile', score: 0, branch: 'assign', externalId: 'fa-1' });
    expect((await ticketRow(first)).assigneeId).toBe(one.id);
    // OneSlot now holds one open ticket (its capacity): the next goes to Spare.
    const second = await submit({ channel: 'qr', type: 'smile', score: 0, branch: 'assign', externalId: 'fa-2' });
    expect((await ticketRow(second)).assigneeId).toBe(spare.id);
  });

  it('random picks only among the available', async () => {
    const away = await insertUser(s.database.db, 'Absent', { available: false });
    const here = await insertUser(s.database.db, 'Present');
    await addRule({ name: 'Assign random', trigger: { buckets: ['smile_neutral'] }, scope: { branches: ['assign'], services: [] }, outcome: { priority: 'low', pool: [away.id, here.id], strategy: 'random' } });
    const numbers = await Promise.all([1, 2, 3, 4, 5].map((i) => submit({ channel: 'qr', type: 'smile', score: 1, branch: 'assign', externalId: `rnd-${i}` })));
    for (const n of numbers) expect((await ticketRow(n)).assigneeId).toBe(here.id);
  });
});

describe('advocacy ask', () => {
  const asks = async (n: number) =>
    s.eventually(async () => {
      const evs = await eventsOf(n, 'advocacy_ask');
      return evs.length ? evs : null;
    });
  const promoter = (email: string, externalId: string) => submit({ channel: 'app', type: 'nps', score: 10, branch: 'promo', contact: { email }, externalId });

  beforeAll(async () => {
    await addRule({
      name: 'Promoters: review ask',
      trigger: { scoreRanges: [{ type: 'nps', min: 9, max: 10 }] },
      scope: { branches: ['promo'], services: [] },
      outcome: { kind: 'advocacy', priority: 'low', csatSurvey: false },
    });
  });

  it('goes out at most once per customer per quarter by default, and records why not', async () => {
    const first = await promoter('ann@example.com', 'adv-1');
    const [sent] = await asks(first);
    expect(sent.data).toEqual({ sent: true, reason: null });
    expect(sent.reason).toBeNull();
    await s.smtp.waitFor((m) => m.envelopeTo.includes('ann@example.com'));

    // Same customer (e-mail case differs), same quarter: recorded as not sent, with the reason.
    const second = await promoter('Ann@Example.com', 'adv-2');
    const [capped] = await asks(second);
    expect(capped.data).toMatchObject({ sent: false });
    expect(capped.reason).toBe('customer already asked 1 time this quarter (cap 1)');
    // Another customer is not affected.
    const other = await promoter('bob@example.com', 'adv-3');
    expect((await asks(other))[0].data).toMatchObject({ sent: true });
    await s.smtp.waitFor((m) => m.envelopeTo.includes('bob@example.com'));
    expect(mailsTo('ann@example.com')).toHaveLength(1);
  });

  it('follows the configured cap, counts only this quarter, and holds under concurrent tickets', async () => {
    const put = await s.call('PUT', '/api/v1/settings/advocacy', { capPerQuarter: 2, reviewUrl: 'https://g.page/r/test-review' }, admin);
    expect(put.status).toBe(200);
    const third = await promoter('ann@example.com', 'adv-4');
    expect((await asks(third))[0].data).toMatchObject({ sent: true });

    // An ask last quarter does not count against this one.
    const lastQuarter = new Date(quarterStart(Date.now()) - DAY).toISOString();
    await s.database.db.insert(notifications).values([
      { key: 't1:advocacy', ticketNumber: 1, channel: 'email', target: 'cy@example.com', status: 'sent', sentAt: new Date(lastQuarter), payload: { claimedAt: lastQuarter } },
      { key: 't2:advocacy', ticketNumber: 2, channel: 'email', target: 'cy@example.com', status: 'sent', sentAt: new Date(lastQuarter), payload: { claimedAt: lastQuarter } },
    ]);
    const cy = await promoter('cy@example.com', 'adv-5');
    expect((await asks(cy))[0].data).toMatchObject({ sent: true });

    // Five promoter tickets of one new customer at once: exactly two asks go out.
    const burst = await Promise.all([1, 2, 3, 4, 5].map((i) => promoter('dee@example.com', `adv-burst-${i}`)));
    const outcomes = await Promise.all(burst.map(async (n) => ((await asks(n))[0].data as { sent: boolean }).sent));
    expect(outcomes.filter(Boolean)).toHaveLength(2);
    await s.eventually(async () => mailsTo('dee@example.com').length === 2);
    const [{ c }] = await s.database.db
      .select({ c: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.target, 'dee@example.com'), eq(notifications.status, 'sent')));
    expect(Number(c)).toBe(2);
  });

  it('records "not sent" with a reason when the cap is 0', async () => {
    expect((await s.call('PUT', '/api/v1/settings/advocacy', { capPerQuarter: 0, reviewUrl: 'https://g.page/r/test-review' }, admin)).status).toBe(200);
    const n = await promoter('eve@example.com', 'adv-off');
    const [ev] = await asks(n);
    expect(ev.data).toMatchObject({ sent: false });
    expect(ev.reason).toContain('switched off');
    expect(mailsTo('eve@example.com')).toHaveLength(0);
  });
});
