// The agent's daily tools on the real stack: bulk actions, macros, saved views, the customer context,
// corrections of the analysis and the dashboards by role.
import { eq, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Macro, MacroApplication } from '../../api/routes/macros';
import type { RoleDashboard } from '../../api/routes/dashboards';
import type { User } from '../../api/routes/users';
import type { SavedView } from '../../api/routes/views';
import type { Ticket } from '../../api/ticket-schemas';
import { aiCorrections, taxonomyEntries, tickets } from '../../db/schema';
import type { BulkResult } from '../../domain/bulk';
import type { CustomerContext } from '../../domain/customer-context';
import { contactKey } from '../../domain/feedback';
import { startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let admin: Session;
const json = async <T = Record<string, unknown>>(r: Response) => (await r.json()) as T;

async function makeUser(role: 'agent' | 'manager', branches: string[], name: string) {
  const email = `${name.toLowerCase()}@desk.test`;
  const res = await s.call('POST', '/api/v1/users', { email, name, password: 'password-123', role, branches }, admin);
  expect(res.status).toBe(201);
  return { user: await json<User>(res), session: await s.login(email, 'password-123') };
}

/** A ticket the "desk" rule opens unassigned (passive stars with "desk" in the comment). */
async function open(externalId: string, over: Record<string, unknown> = {}) {
  const fb = { channel: 'web', type: 'star', score: 3, comment: 'desk: the coffee was cold', externalId, branch: 'main', ...over };
  const n = await s.ticketNumberOf(await s.postFeedback(fb, '?wait=true'), fb);
  await s.eventually(async () => (await s.database.db.select().from(tickets).where(eq(tickets.number, n))).length === 1);
  return n;
}

let mia: Awaited<ReturnType<typeof makeUser>>;
let max: Awaited<ReturnType<typeof makeUser>>;
let nils: Awaited<ReturnType<typeof makeUser>>;
let mona: Awaited<ReturnType<typeof makeUser>>;
let rootCause: string;
let action: string;

beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
  expect((await s.call('POST', '/api/v1/branches', { id: 'north', name: 'North' }, admin)).status).toBe(201);
  expect((await s.call('POST', '/api/v1/rules', { name: 'Desk', trigger: { buckets: [], keywords: ['desk'] }, outcome: { priority: 'medium', pool: [] } }, admin)).status).toBe(201);
  mia = await makeUser('agent', ['main'], 'Mia');
  max = await makeUser('agent', ['main'], 'Max');
  nils = await makeUser('agent', ['north'], 'Nils');
  mona = await makeUser('manager', ['main'], 'Mona');
  const entries = await s.database.db.select().from(taxonomyEntries);
  rootCause = entries.find((e) => e.kind === 'root_cause')!.id;
  action = entries.find((e) => e.kind === 'action')!.id;
});
afterAll(async () => s?.teardown());

/** Tickets in the read model matching a condition, counted independently of the code under test. */
const countWhere = async (cond: SQL) => Number((await s.database.db.select({ n: sql<number>`count(*)::int` }).from(tickets).where(cond))[0].n);
const bulk = (body: unknown, who: Session) => s.call('POST', '/api/v1/tickets/bulk', body, who);
const detail = async (n: number) => json<Ticket>(await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin));

describe('bulk actions', () => {
  it('runs each ticket as its own command and lists every refusal with its reason', async () => {
    const [a, b, c] = [await open('bulk-a'), await open('bulk-b'), await open('bulk-c')];
    const north = await open('bulk-north', { branch: 'north' });
    expect((await s.call('POST', `/api/v1/tickets/${c}/resolve`, { rootCauseId: rootCause, actionId: action }, admin)).status).toBe(200);
    const r = await json<BulkResult>(await bulk({ tickets: [a, b, c, north, 987_654], action: { kind: 'status', to: 'in_progress' } }, mia.session));
    expect(r).toMatchObject({ done: 2, refused: 3 });
    expect(r.results.map((x) => [x.ticket, x.ok, x.status])).toEqual([
      [a, true, 200],
      [b, true, 200],
      [c, false, 409],
      [north, false, 403],
      [987_654, false, 404],
    ]);
    expect(r.results[2].error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { allowed: ['reopened'] } });
    expect((await detail(a)).status).toBe('in_progress');
    expect((await detail(north)).status).toBe('new');
  });

  it('applies the assignment rule per ticket: an agent takes, a manager gives', async () => {
    const [a, b] = [await open('bulk-d'), await open('bulk-e')];
    expect((await s.call('POST', `/api/v1/tickets/${b}/assign`, { userId: max.user.id }, mona.session)).status).toBe(200);
    const takes = await json<BulkResult>(await bulk({ tickets: [a, b], action: { kind: 'assign', userId: mia.user.id } }, mia.session));
    expect(takes.results.map((x) => [x.ok, x.status])).toEqual([[true, 200], [false, 403]]);
    const gives = await json<BulkResult>(await bulk({ tickets: [a, b], action: { kind: 'assign', userId: max.user.id } }, mona.session));
    expect(gives).toMatchObject({ done: 2, refused: 0 });
    const prio = await json<BulkResult>(await bulk({ tickets: [a, b], action: { kind: 'priority', priority: 'low' } }, mona.session));
    expect(prio.done).toBe(2);
    expect((await detail(b)).priority).toBe('low');
  });

  it('refuses a malformed request whole with 400 naming the field', async () => {
    const bad = await bulk({ tickets: [1, 1], action: { kind: 'status', to: 'in_progress' } }, mia.session);
    expect(bad.status).toBe(400);
    expect((await json<{ error: { message: string } }>(bad)).error.message).toMatch(/tickets/);
    expect((await bulk({ tickets: [1], action: { kind: 'status', to: 'sideways' } }, mia.session)).status).toBe(400);
  });
});

describe('macros', () => {
  let shared: Macro;
  it('keeps shared macros for admins and personal ones for everyone, with placeholders checked', async () => {
    const body = { name: 'Refund granted', body: 'Hello {{customerFirstName}}, we refunded ticket #{{ticketNumber}} at {{branch}}. — {{agentName}}', actions: { status: 'pending_customer', priority: 'low' } };
    expect((await s.call('POST', '/api/v1/macros', { ...body, shared: true }, mia.session)).status).toBe(403);
    const bad = await s.call('POST', '/api/v1/macros', { ...body, body: 'Dear {{firstName}}' }, mia.session);
    expect(bad.status).toBe(400);
    expect((await json<{ error: { message: string } }>(bad)).error.message).toMatch(/body: unknown placeholder \{\{firstName\}\}/);
    shared = await json<Macro>(await s.call('POST', '/api/v1/macros', { ...body, shared: true }, admin));
    expect(shared).toMatchObject({ shared: true, locale: null, canEdit: true });
    const own = await s.call('POST', '/api/v1/macros', { name: 'Take it', body: 'I am looking into it, {{customerName}}.', actions: { assignee: 'me', status: 'in_progress' } }, mia.session);
    expect(own.status).toBe(201);
    const hers = await json<{ items: Macro[] }>(await s.call('GET', '/api/v1/macros', undefined, mia.session));
    expect(hers.items.map((m) => [m.name, m.shared, m.canEdit])).toEqual([['Refund granted', true, false], ['Take it', false, true]]);
    const his = await json<{ items: Macro[] }>(await s.call('GET', '/api/v1/macros?q=refund', undefined, max.session));
    expect(his.items.map((m) => m.name)).toEqual(['Refund granted']);
    expect((await json<{ items: Macro[] }>(await s.call('GET', '/api/v1/macros?q=looking', undefined, max.session))).items).toEqual([]);
    expect((await s.call('PUT', `/api/v1/macros/${shared.id}`, { ...body, shared: true }, mia.session)).status).toBe(403);
    const mine = (hers.items.find((m) => m.name === 'Take it'))!;
    expect((await s.call('DELETE', `/api/v1/macros/${mine.id}`, undefined, max.session)).status).toBe(404);
  });

  it('renders the text for the ticket and runs its actions as commands, reporting each verdict', async () => {
    const n = await open('macro-1', { contact: { name: 'Ann Lee', email: 'ann.macro@example.com' } });
    const applied = await json<MacroApplication>(await s.call('POST', `/api/v1/macros/${shared.id}/apply`, { ticket: n }, mia.session));
    expect(applied.text).toBe(`Hello Ann, we refunded ticket #${n} at Main branch. — Mia`);
    expect(applied.actions).toEqual([
      { action: 'priority', ok: true, status: 200 },
      { action: 'status', ok: true, status: 200 },
    ]);
    expect(await detail(n)).toMatchObject({ status: 'pending_customer', priority: 'low' });
    // An agent's macro that gives the ticket to a colleague: the text still comes, the refusal is told.
    const giveAway = await json<Macro>(await s.call('POST', '/api/v1/macros', { name: 'To Max', body: 'Max will call you.', actions: { assignee: max.user.id, status: 'escalated' } }, mia.session));
    const r = await json<MacroApplication>(await s.call('POST', `/api/v1/macros/${giveAway.id}/apply`, { ticket: n }, mia.session));
    expect(r.text).toBe('Max will call you.');
    expect(r.actions).toEqual([
      { action: 'assignee', ok: false, status: 403, error: expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringMatching(/only take a ticket themselves/) }) },
      { action: 'status', ok: true, status: 200 },
    ]);
    expect((await s.call('POST', `/api/v1/macros/${giveAway.id}/apply`, { ticket: n }, max.session)).status).toBe(404); // not his
    const north = await open('macro-north', { branch: 'north' });
    expect((await s.call('POST', `/api/v1/macros/${shared.id}/apply`, { ticket: north }, mia.session)).status).toBe(403);
    const textOnly = await json<MacroApplication>(await s.call('POST', `/api/v1/macros/${shared.id}/apply`, { ticket: north, runActions: false }, nils.session));
    expect(textOnly.actions).toEqual([]);
    expect((await detail(north)).priority).toBe('medium');
  });
});

describe('saved views', () => {
  it('lists My open tickets first (the agent\'s default), shared and personal views, each with its count', async () => {
    const before = await json<{ items: SavedView[] }>(await s.call('GET', '/api/v1/views', undefined, max.session));
    expect(before.items[0]).toMatchObject({ id: 'my-open', name: 'My open tickets', kind: 'builtin', isDefault: true, canEdit: false });
    expect(before.items[0].boardQuery).toContain(`assignee=${max.user.id}`);
    const n = await open('view-1', { comment: 'desk: urgent-view check' });
    expect((await s.call('POST', `/api/v1/tickets/${n}/assign`, { userId: max.user.id }, mona.session)).status).toBe(200);
    expect((await s.call('POST', '/api/v1/views', { name: 'All high', query: 'priority=high', shared: true }, max.session)).status).toBe(403);
    expect((await s.call('POST', '/api/v1/views', { name: 'Bad', query: 'priority=urgent' }, max.session)).status).toBe(400);
    const sharedView = await s.call('POST', '/api/v1/views', { name: 'Unassigned', query: '?assignee=none&status=new&view=kanban', shared: true }, admin);
    expect(sharedView.status).toBe(201);
    expect(await json(sharedView)).toMatchObject({ query: 'status=new&assignee=none', kind: 'shared' });
    expect((await s.call('POST', '/api/v1/views', { name: 'Urgent words', query: 'q=urgent-view&sort=sla_due' }, max.session)).status).toBe(201);
    const after = await json<{ items: SavedView[] }>(await s.call('GET', '/api/v1/views', undefined, max.session));
    const count = (name: string) => after.items.find((v) => v.name === name)!.count;
    expect(count('My open tickets')).toBe(await countWhere(sql`assignee_id = ${max.user.id} and status not in ('resolved', 'closed')`));
    expect(count('Urgent words')).toBe(1);
    expect(count('Unassigned')).toBe(await countWhere(sql`assignee_id is null and status = 'new' and branch = 'main'`)); // his branch only
    expect(after.items.map((v) => v.kind)).toEqual(['builtin', 'shared', 'personal']);
    const others = await json<{ items: SavedView[] }>(await s.call('GET', '/api/v1/views', undefined, mia.session));
    expect(others.items.map((v) => v.name)).toEqual(['My open tickets', 'Unassigned']);
    expect(others.items[0].isDefault).toBe(true);
    expect((await json<{ items: SavedView[] }>(await s.call('GET', '/api/v1/views', undefined, mona.session))).items[0].isDefault).toBe(false);
    const id = after.items.find((v) => v.name === 'Unassigned')!.id;
    expect((await s.call('DELETE', `/api/v1/views/${id}`, undefined, max.session)).status).toBe(403);
    expect((await s.call('DELETE', `/api/v1/views/${id}`, undefined, admin)).status).toBe(204);
  });

  it('filters the board by "assignee=me"', async () => {
    const page = await json<{ items: Array<{ assigneeId: string }> }>(await s.call('GET', '/api/v1/tickets?assignee=me', undefined, max.session));
    expect(page.items.length).toBeGreaterThan(0);
    expect(new Set(page.items.map((t) => t.assigneeId))).toEqual(new Set([max.user.id]));
  });
});

describe('customer context', () => {
  it('shows the contact\'s tickets and answers on every channel within the viewer\'s branches, counting the rest', async () => {
    const contact = { name: 'Cleo Park', email: 'Cleo.Park@example.com' };
    const first = await open('ctx-1', { contact, channel: 'kiosk', type: 'nps', score: 8, comment: 'desk: fine but slow' });
    const second = await open('ctx-2', { contact: { email: 'cleo.park@example.com' }, channel: 'qr', comment: 'desk: cold again' });
    const north = await open('ctx-3', { contact, branch: 'north', comment: 'desk: north too' });
    await s.postFeedback({ channel: 'web', type: 'star', score: 5, contact: { email: 'cleo.park@example.com' }, branch: 'main', externalId: 'ctx-4' }, '?wait=true'); // no ticket
    await s.postFeedback({ channel: 'web', type: 'star', score: 3, comment: 'desk: phone only', contact: { phone: '+44 7700 900123' }, branch: 'main', externalId: 'ctx-5' }, '?wait=true');
    expect((await s.call('POST', `/api/v1/tickets/${first}/resolve`, { rootCauseId: rootCause, actionId: action }, admin)).status).toBe(200);
    const ctx = await s.eventually(async () => {
      const c = await json<CustomerContext>(await s.call('GET', `/api/v1/tickets/${second}/customer`, undefined, mia.session));
      return c.churnTrend.length === 2 ? c : null;
    });
    expect(ctx.identifiedBy).toBe('email');
    expect(ctx.tickets.map((t) => [t.number, t.current])).toEqual([[second, true], [first, false]]);
    expect(ctx.feedback.map((f) => [f.channel, f.score, f.ticketNumber])).toEqual([['web', 5, null], ['qr', 3, second], ['kiosk', 8, first]]);
    expect(ctx.feedback.map((f) => f.tier)).toEqual(['promoter', 'passive', 'passive']);
    expect(ctx.hidden).toEqual({ tickets: 1, feedback: 1 });
    expect(ctx.churnTrend.map((p) => p.ticketNumber)).toEqual([first, second]);
    const admins = await json<CustomerContext>(await s.call('GET', `/api/v1/tickets/${second}/customer`, undefined, admin));
    expect(admins.tickets.map((t) => t.number)).toContain(north);
    expect(admins.hidden).toEqual({ tickets: 0, feedback: 0 });
    expect((await s.call('GET', `/api/v1/tickets/${second}/customer`, undefined, nils.session)).status).toBe(403);
    const anon = await json<CustomerContext>(await s.call('GET', `/api/v1/tickets/${await open('ctx-anon')}/customer`, undefined, mia.session));
    expect(anon).toMatchObject({ identifiedBy: null, tickets: [], feedback: [] });
  });

  it('finds tickets by the same contact key as feedback (tickets.contact_key mirrors contactKey)', async () => {
    const rows = await s.database.db.select({ contact: tickets.contact, key: tickets.contactKey }).from(tickets);
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) expect(r.key).toBe(contactKey(r.contact));
    const [phone] = await s.database.db.select({ key: tickets.contactKey }).from(tickets).where(sql`contact->>'phone' is not null`);
    expect(phone.key).toBe('phone:447700900123');
  });
});

describe('correcting the analysis', () => {
  it('keeps the agent\'s sentiment and themes over a new analysis, on the ticket, the board and in reports', async () => {
    const n = await open('ai-1', { comment: 'desk: Could you please refund my order? It arrived damaged. Thank you.' });
    const first = await s.eventually(async () => (await detail(n)).ai);
    expect(first.source).toBe('local');
    expect(first.confidence).toMatchObject({ sentiment: expect.any(Number), themes: expect.any(Number) });
    expect((await s.call('PUT', `/api/v1/tickets/${n}/ai-correction`, { themes: ['No such theme'] }, mia.session)).status).toBe(400);
    expect((await s.call('PUT', `/api/v1/tickets/${n}/ai-correction`, {}, mia.session)).status).toBe(400);
    const north = await open('ai-north', { branch: 'north' });
    expect((await s.call('PUT', `/api/v1/tickets/${north}/ai-correction`, { sentiment: 'neutral' }, mia.session)).status).toBe(403);
    const saved = await s.call('PUT', `/api/v1/tickets/${n}/ai-correction`, { sentiment: 'neutral', themes: ['billing and refunds'] }, mia.session);
    expect(saved.status).toBe(200);
    expect(await json(saved)).toMatchObject({ sentiment: { value: 'neutral', aiValue: first.sentiment, aiSource: 'local', by: { name: 'Mia' } }, themes: { value: ['Billing and refunds'] } });
    const analysedAt = first.analysedAt;
    expect((await s.call('POST', `/api/v1/tickets/${n}/reanalyse`, {}, mia.session)).status).toBe(200);
    const again = await s.eventually(async () => {
      const t = await detail(n);
      return t.ai && t.ai.analysedAt !== analysedAt && t.timeline.filter((e) => e.type === 'ai_analysed').length >= 2 ? t : null;
    });
    expect(again.aiCorrections.sentiment?.value).toBe('neutral');
    const [row] = await s.database.db.select({ sentiment: tickets.sentiment, themes: tickets.themes }).from(tickets).where(eq(tickets.number, n));
    expect(row).toEqual({ sentiment: 'neutral', themes: ['Billing and refunds'] });
    const board = await json<{ items: Array<{ number: number; sentiment: string }> }>(await s.call('GET', `/api/v1/tickets?q=${n}`, undefined, mia.session));
    expect(board.items[0].sentiment).toBe('neutral');
    expect(await s.database.db.select().from(aiCorrections).where(eq(aiCorrections.ticketNumber, n))).toHaveLength(2);
  });
});

describe('dashboards by role', () => {
  it('gives an agent their queue, SLA risk and CSAT; a manager the branch view; an admin all', async () => {
    const n = await open('dash-1');
    expect((await s.call('POST', `/api/v1/tickets/${n}/assign`, { userId: mia.user.id }, mona.session)).status).toBe(200);
    expect((await s.call('POST', `/api/v1/tickets/${n}/priority`, { priority: 'high' }, mona.session)).status).toBe(200);
    const agent = await json<RoleDashboard>(await s.call('GET', '/api/v1/dashboards/mine', undefined, mia.session));
    expect(agent.role).toBe('agent');
    expect(agent.panels.map((p) => p.id)).toEqual(['my-queue', 'my-sla-risk', 'my-csat']);
    const queue = agent.panels[0];
    expect(queue.result!.grandTotal.openTickets).toBe(await countWhere(sql`assignee_id = ${mia.user.id} and status not in ('resolved', 'closed')`));
    expect(agent.panels.every((p) => p.title && p.empty)).toBe(true);
    expect(agent.panels[1].tickets).toEqual(expect.any(Array));
    const manager = await json<RoleDashboard>(await s.call('GET', '/api/v1/dashboards/mine', undefined, mona.session));
    expect(manager.panels.map((p) => p.id)).toEqual(['branch-comparison', 'breaches', 'recovery-trend', 'top-root-causes']);
    expect(manager.panels[0].result!.rowKeys.map((k) => k.values[0])).toEqual(['main']); // her branch only
    const top = manager.panels[3].result!;
    expect(top.rowKeys.length).toBeGreaterThan(0); // tickets resolved above
    const all = await json<RoleDashboard>(await s.call('GET', '/api/v1/dashboards/mine', undefined, admin));
    expect(all.panels).toHaveLength(7);
    expect(all.panels[0].result!.rowKeys.map((k) => k.values[0]).sort()).toEqual(['main', 'north']);
  });
});
