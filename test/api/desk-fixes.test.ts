// What people hit (issue 19), each on the real stack: branch-less tickets, one assignment rule, a
// status change to "reopened", read-your-writes after POST /feedback?wait=true, and a Slack level
// without a Slack token.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../api/routes/users';
import { taxonomyEntries, tickets } from '../../db/schema';
import { startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let admin: Session;
const json = async <T = Record<string, unknown>>(r: Response) => (await r.json()) as T;
type Err = { error: { code: string; message: string; details?: { allowed?: string[]; assigneeId?: string | null } } };

async function makeUser(role: 'agent' | 'manager', branches: string[], name: string) {
  const email = `${name.toLowerCase()}@fixes.test`;
  const res = await s.call('POST', '/api/v1/users', { email, name, password: 'password-123', role, branches }, admin);
  expect(res.status).toBe(201);
  return { user: await json<User>(res), session: await s.login(email, 'password-123') };
}

/** A ticket from a passive star (the demo rule takes detractors): the "desk" rule leaves it unassigned. */
async function open(externalId: string, over: Record<string, unknown> = {}) {
  const sent = { channel: 'web', type: 'star', score: 3, comment: 'desk check: the coffee was cold', externalId, branch: 'main', ...over };
  const res = await s.postFeedback(sent, '?wait=true');
  const n = await s.ticketNumberOf(res, sent);
  expect(n).toBeGreaterThan(0);
  await s.eventually(async () => (await s.database.db.select().from(tickets).where(eq(tickets.number, n))).length === 1);
  return n;
}

let mia: Awaited<ReturnType<typeof makeUser>>; // agent, main
let max: Awaited<ReturnType<typeof makeUser>>; // agent, main
let nils: Awaited<ReturnType<typeof makeUser>>; // agent, north
let mona: Awaited<ReturnType<typeof makeUser>>; // manager, main
let nora: Awaited<ReturnType<typeof makeUser>>; // manager, north

beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
  expect((await s.call('POST', '/api/v1/branches', { id: 'north', name: 'North' }, admin)).status).toBe(201);
  expect((await s.call('POST', '/api/v1/rules', { name: 'Desk checks', trigger: { buckets: [], keywords: ['desk check'] }, outcome: { priority: 'medium', pool: [] } }, admin)).status).toBe(201);
  mia = await makeUser('agent', ['main'], 'Mia');
  max = await makeUser('agent', ['main'], 'Max');
  nils = await makeUser('agent', ['north'], 'Nils');
  mona = await makeUser('manager', ['main'], 'Mona');
  nora = await makeUser('manager', ['north'], 'Nora');
});
afterAll(async () => s?.teardown());

const post = (n: number, path: string, body: unknown, who: Session) => s.call('POST', `/api/v1/tickets/${n}/${path}`, body, who);
const get = (n: number, who: Session) => s.call('GET', `/api/v1/tickets/${n}`, undefined, who);

describe('a ticket without a branch', () => {
  let n: number;
  beforeAll(async () => {
    n = await open('no-branch-1', { branch: undefined });
  });

  it('is every manager\'s to see and assign, to anyone active (was 400 "does not work branch (none)")', async () => {
    expect((await get(n, mona.session)).status).toBe(200);
    expect((await get(n, nora.session)).status).toBe(200);
    expect((await get(n, mia.session)).status).toBe(403); // not assigned to her
    const byManager = await post(n, 'assign', { userId: nils.user.id }, nora.session);
    expect(byManager.status, await byManager.clone().text()).toBe(200);
    expect((await json<{ assigneeId: string }>(byManager)).assigneeId).toBe(nils.user.id);
    const byAdmin = await post(n, 'assign', { userId: mia.user.id }, admin);
    expect(byAdmin.status, await byAdmin.clone().text()).toBe(200);
  });

  it('is seen by the agent it is assigned to, on the board and by number, and by no other agent', async () => {
    expect((await get(n, mia.session)).status).toBe(200);
    expect((await get(n, nils.session)).status).toBe(403);
    const board = await json<{ items: Array<{ number: number }> }>(await s.call('GET', '/api/v1/tickets', undefined, mia.session));
    expect(board.items.map((t) => t.number)).toContain(n);
    const other = await json<{ items: Array<{ number: number }> }>(await s.call('GET', '/api/v1/tickets', undefined, max.session));
    expect(other.items.map((t) => t.number)).not.toContain(n);
    const managers = await json<{ items: Array<{ number: number }> }>(await s.call('GET', '/api/v1/tickets', undefined, nora.session));
    expect(managers.items.map((t) => t.number)).toContain(n);
    expect((await post(n, 'comments', { body: 'On it', visibility: 'internal' }, mia.session)).status).toBe(200);
  });
});

describe('one assignment rule: agents take unassigned tickets, managers reassign', () => {
  let n: number;
  beforeAll(async () => {
    n = await open('assign-rule-1');
  });

  it('lets an agent take an unassigned ticket, and not a colleague\'s', async () => {
    expect((await post(n, 'assign', { userId: mia.user.id }, mia.session)).status).toBe(200);
    const taken = await post(n, 'assign', { userId: max.user.id }, max.session);
    expect(taken.status).toBe(403);
    expect((await json<Err>(taken)).error.message).toMatch(/assigned to a colleague; only a manager or an admin reassigns/);
    expect((await json<{ assigneeId: string }>(await get(n, admin))).assigneeId).toBe(mia.user.id);
    expect((await post(n, 'assign', { userId: mia.user.id }, mia.session)).status).toBe(200); // her own: nothing changes
    expect((await post(n, 'assign', { userId: null }, mia.session)).status).toBe(403);
  });

  it('lets a manager reassign, and refuses a change made against a stale assignee with 409', async () => {
    expect((await post(n, 'assign', { userId: max.user.id }, mona.session)).status).toBe(200);
    const stale = await post(n, 'assign', { userId: mona.user.id, expectedAssigneeId: mia.user.id }, mona.session);
    expect(stale.status).toBe(409);
    expect((await json<Err>(stale)).error.details?.assigneeId).toBe(max.user.id);
  });

  it('refuses an agent\'s take when the read model is behind the workflow (the workflow checks it)', async () => {
    const m = await open('assign-rule-2');
    expect((await post(m, 'assign', { userId: max.user.id }, mona.session)).status).toBe(200);
    // The read model still says "unassigned" (as if the projection lagged): the API lets the take
    // through, and the workflow refuses it because someone has the ticket now.
    await s.database.db.update(tickets).set({ assigneeId: null }).where(eq(tickets.number, m));
    const late = await post(m, 'assign', { userId: mia.user.id }, mia.session);
    expect(late.status).toBe(409);
    expect((await json<{ assigneeId: string }>(await get(m, admin))).assigneeId).toBe(max.user.id);
  });
});

describe('a status change to "reopened"', () => {
  it('reopens a resolved ticket (it is offered in allowedTransitions) and is 409 with the allowed moves elsewhere', async () => {
    const n = await open('reopen-1');
    const refused = await post(n, 'status', { to: 'reopened' }, admin);
    expect(refused.status).toBe(409);
    expect((await json<Err>(refused)).error.details?.allowed).toEqual(['in_progress', 'pending_customer', 'escalated', 'resolved']);
    const entries = await s.database.db.select().from(taxonomyEntries);
    const rc = entries.find((e) => e.kind === 'root_cause')!.id;
    const ac = entries.find((e) => e.kind === 'action')!.id;
    expect((await post(n, 'resolve', { rootCauseId: rc, actionId: ac }, admin)).status).toBe(200);
    expect((await json<{ allowedTransitions: string[] }>(await get(n, admin))).allowedTransitions).toContain('reopened');
    const reopened = await post(n, 'status', { to: 'reopened', reason: 'customer called' }, admin);
    expect(reopened.status, await reopened.clone().text()).toBe(200);
    expect(await json(reopened)).toMatchObject({ status: 'reopened', reopenCount: 1 });
  });
});

describe('read-your-writes after POST /feedback?wait=true', () => {
  it('answers GET and commands for the number at once, before and without its first projection', async () => {
    const sent = { channel: 'web', type: 'star', score: 3, comment: 'desk check: right away', branch: 'main', externalId: 'ryw-1' };
    const res = await s.postFeedback(sent, '?wait=true');
    const n = await s.ticketNumberOf(res, sent);
    // No waiting for the projection: the very next requests must work.
    expect((await get(n, admin)).status).toBe(200);
    expect((await post(n, 'comments', { body: 'Seen', visibility: 'internal' }, admin)).status).toBe(200);
    // The same with the row certainly missing (a lagging read model): the workflow answers.
    await s.eventually(async () => (await s.database.db.select().from(tickets).where(eq(tickets.number, n))).length === 1);
    await s.database.db.delete(tickets).where(eq(tickets.number, n));
    const live = await get(n, mia.session);
    expect(live.status).toBe(200);
    expect(await json(live)).toMatchObject({ number: n, live: true, branch: 'main' });
    expect((await get(n, nils.session)).status).toBe(403); // still branch-scoped
    expect((await post(n, 'status', { to: 'in_progress' }, mia.session)).status).toBe(200);
    expect((await s.database.db.select().from(tickets).where(eq(tickets.number, n))).length).toBe(1); // projected again
    expect((await get(999_999, admin)).status).toBe(404);
  });
});

describe('a Slack escalation level without a Slack token', () => {
  it('is e-mailed, and the timeline and the integrations say so', async () => {
    expect(await json(await s.call('GET', '/api/v1/integrations', undefined, admin))).toEqual({ slack: false });
    expect((await s.call('GET', '/api/v1/integrations', undefined, mona.session)).status).toBe(403);
    const chain = [{ level: 1, afterHours: 0.0005, users: [{ userId: mona.user.id, channel: 'slack' }] }];
    expect((await s.call('POST', '/api/v1/rules', { name: 'Slack level', trigger: { buckets: [], keywords: ['slackcheck'] }, outcome: { priority: 'high', pool: [], escalationChain: chain } }, admin)).status).toBe(201);
    const n = await open('slack-1', { comment: 'slackcheck please', score: 4 });
    const event = await s.eventually(async () => {
      const t = await json<{ timeline: Array<{ type: string; data: { recipients?: Array<{ channel: string; fallback?: string }> } | null }> }>(await get(n, admin));
      return t.timeline.find((e) => e.type === 'notification_sent');
    }, 30_000);
    expect(event.data?.recipients).toEqual([expect.objectContaining({ channel: 'email', fallback: expect.stringMatching(/no Slack token .* sent by e-mail instead/) })]);
    await s.smtp.waitFor((m) => m.envelopeTo.includes('mona@fixes.test'));
  });
});
