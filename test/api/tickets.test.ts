// Agent commands through the API on the real stack: lifecycle with 409s, resolution taxonomies, roles.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../platform/security';
import { ticketSchema, ticketSummarySchema, type Ticket, type TicketPage } from '../../api/ticket-schemas';
import { taxonomyEntries, ticketEvents, tickets, users } from '../../db/schema';
import { startStack, type Session, type Stack } from '../support/stack';
import { forgetWorkflow, openFollowUp } from '../support/ticket-fixtures';

let s: Stack;
let admin: Session;
let n: number;
let rootCause: string;
let action: string;

const json = async <T = Record<string, unknown>>(r: Response) => (await r.json()) as T;

beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
  const fb = { channel: 'qr', type: 'nps', score: 2, comment: 'Rude staff at the desk', contact: { name: 'Bo Chen', email: 'bo@example.com' }, branch: 'main', externalId: 'q-1' };
  n = await s.ticketNumberOf(await s.postFeedback(fb, '?wait=true'), fb);
  await s.eventually(async () => (await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin)).status === 200);
  const entries = await s.database.db.select().from(taxonomyEntries);
  rootCause = entries.find((e) => e.kind === 'root_cause')!.id;
  action = entries.find((e) => e.kind === 'action')!.id;
});
afterAll(async () => s?.teardown());

const post = (path: string, body: unknown, who: Session | null = admin) => s.call('POST', `/api/v1/tickets/${n}${path}`, body, who);

describe('ticket commands', () => {
  it('moves through the lifecycle and answers 409 with the allowed moves', async () => {
    expect((await post('/status', { to: 'in_progress' })).status).toBe(200);
    const refused = await post('/status', { to: 'new' });
    expect(refused.status).toBe(409);
    const body = await json<{ error: { code: string; details: { allowed: string[] } } }>(refused);
    expect(body.error.code).toBe('ILLEGAL_TRANSITION');
    expect(body.error.details.allowed).toEqual(['pending_customer', 'escalated', 'resolved']);
    expect((await post('/status', { to: 'pending_customer' })).status).toBe(200);
    expect((await post('/status', { to: 'in_progress' })).status).toBe(200);
    expect((await post('/status', { to: 'bogus' })).status).toBe(400);
  });

  it('adds internal notes and public replies; only public replies are mailed', async () => {
    expect((await post('/comments', { body: 'Checked CCTV', visibility: 'internal' })).status).toBe(200);
    expect((await post('/comments', { body: 'We are sorry, Bo.', visibility: 'public' })).status).toBe(200);
    expect((await post('/comments', { body: '   ', visibility: 'public' })).status).toBe(400);
    const mail = await s.smtp.waitFor((m) => (m.parsed.text ?? '').includes('We are sorry, Bo.'));
    expect(mail.envelopeTo).toEqual(['bo@example.com']);
    expect(s.smtp.messages.some((m) => (m.parsed.text ?? '').includes('Checked CCTV'))).toBe(false);
  });

  it('changes priority and re-computes the SLA from the start', async () => {
    const v = await json<{ priority: string; sla: { resolution: { startedAt: number; dueAt: number; pausedMs: number } } }>(await post('/priority', { priority: 'low' }));
    expect(v.priority).toBe('low');
    // 24 h default ×2, shifted by the time it sat pending customer (the clock was paused).
    expect(v.sla.resolution.dueAt - v.sla.resolution.startedAt - v.sla.resolution.pausedMs).toBe(48 * 3_600_000);
    expect(v.sla.resolution.pausedMs).toBeGreaterThan(0);
  });

  it('refuses to resolve without a root cause and an action, or with unknown / retired ones', async () => {
    expect((await post('/resolve', { rootCauseId: rootCause })).status).toBe(400);
    const unknown = await post('/resolve', { rootCauseId: 'nope', actionId: action });
    expect(unknown.status).toBe(400);
    expect((await json<{ error: { message: string } }>(unknown)).error.message).toContain('rootCauseId');
    const retired = await json<{ id: string }>(await s.call('POST', '/api/v1/taxonomies', { kind: 'action', name: 'Free dessert' }, admin));
    expect((await s.call('PATCH', `/api/v1/taxonomies/${retired.id}`, { retired: true }, admin)).status).toBe(200);
    expect((await post('/resolve', { rootCauseId: rootCause, actionId: retired.id })).status).toBe(400);
  });

  it('resolves with both, then keeps referenced taxonomy entries from deletion', async () => {
    const res = await post('/resolve', { rootCauseId: rootCause, actionId: action, note: 'Spoke to the team' });
    expect(res.status).toBe(200);
    expect((await json<{ status: string }>(res)).status).toBe('resolved');
    await s.eventually(async () => {
      const list = await json<{ items: Array<{ id: string; inUse: number }> }>(await s.call('GET', '/api/v1/taxonomies?kind=root_cause', undefined, admin));
      return list.items.find((i) => i.id === rootCause)?.inUse === 1;
    });
    const del = await s.call('DELETE', `/api/v1/taxonomies/${rootCause}`, undefined, admin);
    expect(del.status).toBe(409);
    const spare = await json<{ id: string }>(await s.call('POST', '/api/v1/taxonomies', { kind: 'root_cause', name: 'Spare' }, admin));
    expect((await s.call('DELETE', `/api/v1/taxonomies/${spare.id}`, undefined, admin)).status).toBe(204);
    expect((await s.call('POST', '/api/v1/taxonomies', { kind: 'root_cause', name: 'staff behaviour' }, admin)).status).toBe(409);
  });

  it('reopens a resolved ticket', async () => {
    // Closing is the follow-up window's job, so the 409 offers only what an agent can do.
    const refused = await post('/status', { to: 'in_progress' });
    expect(refused.status).toBe(409);
    expect((await json<{ error: { details: { allowed: string[] } } }>(refused)).error.details.allowed).toEqual(['reopened']);
    const v = await json<{ status: string; reopenCount: number }>(await post('/reopen', { reason: 'customer called' }));
    expect(v).toMatchObject({ status: 'reopened', reopenCount: 1 });
  });

  it('records every change in the timeline exactly once', async () => {
    const detail = await s.eventually(async () => {
      const d = await json<{ version: number; timeline: Array<{ seq: number; type: string; actorName: string }> }>(await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin));
      return d.timeline.some((e) => e.type === 'reopened') ? d : null;
    });
    const seqs = detail.timeline.map((e) => e.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    const types = detail.timeline.map((e) => e.type);
    for (const t of ['created', 'status_changed', 'comment', 'priority_changed', 'resolved', 'reopened', 'email_out']) expect(types).toContain(t);
    expect(detail.timeline.find((e) => e.type === 'priority_changed')?.actorName).toBe('Admin');
    const rows = await s.database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketNumber, n));
    // Retried or repeated projections never duplicate an event: seqs are exactly 1..N.
    expect(rows.map((r) => r.seq).sort((a, b) => a - b)).toEqual(rows.map((_, i) => i + 1));
  });
});

describe('roles', () => {
  let agentOther: Session;
  let agentMain: Session;
  beforeAll(async () => {
    const mk = async (email: string, role: 'agent' | 'manager', branches: string[]) => {
      await s.database.db.insert(users).values({ id: email, email, name: email.split('@')[0], passwordHash: await hashPassword('pw-123456'), role, branches });
      return s.login(email, 'pw-123456');
    };
    agentOther = await mk('olga@test.local', 'agent', ['north']);
    agentMain = await mk('max@test.local', 'agent', ['main']);
  });

  it('keeps another branch out of a ticket', async () => {
    expect((await s.call('GET', `/api/v1/tickets/${n}`, undefined, agentOther)).status).toBe(403);
    expect((await post('/comments', { body: 'hi', visibility: 'internal' }, agentOther)).status).toBe(403);
    const list = await json<{ items: unknown[] }>(await s.call('GET', '/api/v1/tickets', undefined, agentOther));
    expect(list.items).toHaveLength(0);
    expect((await s.call('GET', `/api/v1/tickets/${n}`, undefined, agentMain)).status).toBe(200);
  });

  it('links admins only to the Temporal UI (it shows every customer past branch limits)', async () => {
    const asAgent = await json<{ temporalUrl: string | null }>(await s.call('GET', `/api/v1/tickets/${n}`, undefined, agentMain));
    expect(asAgent.temporalUrl).toBeNull();
    const asAdmin = await json<{ temporalUrl: string | null }>(await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin));
    expect(asAdmin.temporalUrl).toBe(`http://localhost:8233/namespaces/default/workflows/ticket-${n}`);
  });

  it('keeps agents out of admin routes and enforces CSRF', async () => {
    expect((await s.call('POST', '/api/v1/taxonomies', { kind: 'action', name: 'X' }, agentMain)).status).toBe(403);
    expect((await post('/assign', { userId: 'someone-else' }, agentMain)).status).toBe(403);
    const noCsrf = await s.call('POST', `/api/v1/tickets/${n}/comments`, { body: 'x', visibility: 'internal' }, null, { cookie: agentMain.cookie });
    expect(noCsrf.status).toBe(403);
  });
});

describe('organisation and settings', () => {
  it('sets a branch calendar that new tickets of that branch use for SLA time', async () => {
    const cal = { timeZone: 'Europe/Berlin', weekly: { '1': [{ start: '09:00', end: '17:00' }] }, holidays: ['2026-12-25'] };
    expect((await s.call('PUT', '/api/v1/branches/main/calendar', { timeZone: 'Mars/Base', weekly: {} }, admin)).status).toBe(400);
    const put = await s.call('PUT', '/api/v1/branches/main/calendar', cal, admin);
    expect(put.status).toBe(200);
    expect((await json<{ calendar: unknown }>(put)).calendar).toEqual(cal);
    const calFb = { channel: 'web', type: 'smile', score: 0, branch: 'main', externalId: 'cal-1' };
    const t = await s.ticketNumberOf(await s.postFeedback(calFb, '?wait=true'), calFb);
    const v = await s.eventually(async () => {
      const r = await s.call('GET', `/api/v1/tickets/${t}`, undefined, admin);
      return r.status === 200 ? json<{ sla: { firstResponse: { startedAt: number; dueAt: number } } }>(r) : null;
    });
    // Only Monday 09:00–17:00 Berlin counts: a 2 h (high) first-response target ends on a Monday.
    const due = new Date(v.sla.firstResponse.dueAt);
    expect(due.getUTCDay()).toBe(1);
    expect((await s.call('PUT', '/api/v1/branches/main/calendar', null, admin)).status).toBe(200);
  });

  it('reads and validates settings; only admins change them', async () => {
    const sla = await json<{ firstResponseHours: number }>(await s.call('GET', '/api/v1/settings/sla', undefined, admin));
    expect(sla.firstResponseHours).toBe(4);
    expect((await s.call('PUT', '/api/v1/settings/sla', { firstResponseHours: -1, resolutionHours: 8 }, admin)).status).toBe(400);
    const put = await s.call('PUT', '/api/v1/settings/sla', { firstResponseHours: 1, resolutionHours: 8, nextReplyHours: 2 }, admin);
    expect(put.status).toBe(200);
    expect((await json<{ firstResponseHours: number }>(await s.call('GET', '/api/v1/settings/sla', undefined, admin))).firstResponseHours).toBe(1);
    const agent = await s.login('max@test.local', 'pw-123456');
    expect((await s.call('PUT', '/api/v1/settings/sla', { firstResponseHours: 1, resolutionHours: 8 }, agent)).status).toBe(403);
    expect((await s.call('POST', '/api/v1/branches', { id: 'north', name: 'North' }, admin)).status).toBe(201);
    expect((await s.call('POST', '/api/v1/branches', { id: 'north', name: 'North' }, admin)).status).toBe(409);
    // The intake key route is unaffected by these routers' sign-in checks.
    expect((await s.postFeedback({ channel: 'web', type: 'star', score: 5, branch: 'north', externalId: 'ok-1' })).status).toBe(202);
  });
});

describe('one ticket shape', () => {
  it('is the same, in epoch ms, whether the workflow answers or is gone; a follow-up carries its link', async () => {
    const f = await openFollowUp(s, n, 'bo@example.com', 'It happened again today.');
    // Live, analysed, and projected up to the same version.
    const live = await s.eventually(async () => {
      const r = await s.call('GET', `/api/v1/tickets/${f}`, undefined, admin);
      if (r.status !== 200) return null;
      const t = await json<Ticket>(r);
      const [row] = await s.database.db.select({ version: tickets.version }).from(tickets).where(eq(tickets.number, f));
      return t.ai && row.version === t.version ? t : null;
    });
    expect(live).toMatchObject({ live: true, linkedTicketNumber: n, channel: 'email', contact: { email: 'bo@example.com' } });
    expect(typeof live.createdAt).toBe('number');
    expect(live.timeline.map((e) => typeof e.at)).toEqual(live.timeline.map(() => 'number'));
    // Exactly the documented fields (a parse keeps only those), with the documented types.
    expect(ticketSchema.parse(live)).toEqual(live);

    await forgetWorkflow(s, f);
    const gone = await json<Ticket>(await s.call('GET', `/api/v1/tickets/${f}`, undefined, admin));
    // All but what only a running workflow knows: the moves it would take and who last acted.
    expect(gone).toEqual({ ...live, live: false, allowedTransitions: [], lastActor: null });
    expect(ticketSchema.parse(gone)).toEqual(gone);

    // The board row: the documented summary, the same times.
    const page = await json<TicketPage>(await s.call('GET', `/api/v1/tickets?q=${f}`, undefined, admin));
    expect(page.items).toHaveLength(1);
    expect(ticketSummarySchema.parse(page.items[0])).toEqual(page.items[0]);
    expect(Object.keys(page.items[0]).sort()).toEqual(Object.keys(ticketSummarySchema.shape).sort());
    expect(page.items[0]).toMatchObject({ number: f, linkedTicketNumber: n, createdAt: live.createdAt, updatedAt: live.updatedAt, sla: live.sla });
  });
});
