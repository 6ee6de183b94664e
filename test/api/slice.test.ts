// The vertical slice on the real stack: intake → intake workflow → ticket workflow → read model → API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketWorkflowId } from '../../domain/ticket';
import { SA } from '../../workflows/search-attributes';
import { startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let admin: Session;
beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
});
afterAll(async () => s?.teardown());

const detractor = { channel: 'kiosk', type: 'star', score: 1, comment: 'Waited forever at the counter', contact: { name: 'Ann Lee', email: 'ann@example.com' }, branch: 'main', externalId: 'k-100' };

describe('feedback → ticket', () => {
  it('opens a ticket visible in the API, the read model and Temporal search', async () => {
    const res = await s.postFeedback(detractor, '?wait=true');
    expect(res.status).toBe(202);
    const n = await s.ticketNumberOf(res.clone(), detractor);
    expect(await s.intakeOutcome(detractor.channel, detractor.externalId)).toEqual({ outcome: 'ticket', ticketNumber: n });
    // The answer carries the intake's verdict when the intake finished within the API's 5 s wait (on a
    // loaded machine it may not have: then the answer holds only the id, and the number came from the row).
    const body = (await res.json()) as { id: string; outcome?: string; ticketNumber?: number };
    expect(body.id).toEqual(expect.any(String));
    if (body.outcome !== undefined) expect(body).toMatchObject({ outcome: 'ticket', ticketNumber: n });
    else expect(body).not.toHaveProperty('ticketNumber');

    const list = await s.eventually(async () => {
      const r = await s.call('GET', '/api/v1/tickets', undefined, admin);
      const j = (await r.json()) as { items: Array<{ number: number; priority: string }> };
      return j.items.find((t) => t.number === n);
    });
    expect(list.priority).toBe('high');

    const detail = (await (await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin)).json()) as {
      status: string;
      sla: { firstResponse: { dueAt: number; state: string; pausedMs: number }; resolution: { dueAt: number; startedAt: number } };
      timeline: Array<{ type: string }>;
    };
    expect(detail.status).toBe('new');
    // Demo rule: high priority, default targets 4 h / 24 h → ×0.5.
    expect(detail.sla.resolution.dueAt - detail.sla.resolution.startedAt).toBe(12 * 3_600_000);
    expect(detail.sla.firstResponse.state).toBe('running');
    expect(detail.timeline.map((e) => e.type)).toContain('created');

    const handle = s.temporal.env.client.workflow.getHandle(ticketWorkflowId(n));
    const desc = await s.eventually(async () => {
      const d = await handle.describe();
      return d.typedSearchAttributes.get(SA.status) === 'new' ? d : null;
    });
    expect(desc.typedSearchAttributes.get(SA.priority)).toBe('high');
    expect(desc.typedSearchAttributes.get(SA.branch)).toBe('main');
  });

  it('accepts the same channel + externalId once', async () => {
    const again = await s.postFeedback(detractor);
    expect(again.status).toBe(202);
    expect(((await again.json()) as { duplicate: boolean }).duplicate).toBe(true);
    const r = (await (await s.call('GET', '/api/v1/tickets?q=forever', undefined, admin)).json()) as { items: unknown[] };
    expect(r.items).toHaveLength(1);
  });

  it('answers 400 with a field-level message and stores nothing for a bad body', async () => {
    for (const bad of [
      { ...detractor, externalId: 'bad-1', type: 'nps', score: 11 },
      { ...detractor, externalId: 'bad-2', score: 'one' },
      { ...detractor, externalId: 'bad-3', type: 'star', score: 0 },
      { ...detractor, externalId: 'bad-4', branch: 'nowhere' },
    ]) {
      const res = await s.postFeedback(bad);
      expect(res.status).toBe(400);
      const j = (await res.json()) as { error: { code: string; message: string } };
      expect(j.error.code).toBe('INVALID_INPUT');
      expect(j.error.message).toMatch(/score|branch/);
    }
    const malformed = await s.call('POST', '/api/v1/feedback', '{"channel":', null, { authorization: 'Bearer clk_test_intake_key_0001', 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    const { feedback } = await import('../../db/schema');
    const rows = await s.database.db.select().from(feedback);
    expect(rows.map((r) => r.externalId)).toEqual(['k-100']);
  });

  it('answers 401 for a missing or wrong intake key and for an anonymous ticket read', async () => {
    expect((await s.call('POST', '/api/v1/feedback', detractor)).status).toBe(401);
    expect((await s.call('POST', '/api/v1/feedback', detractor, null, { authorization: 'Bearer clk_wrong' })).status).toBe(401);
    expect((await s.call('GET', '/api/v1/tickets')).status).toBe(401);
  });

  it('publishes OpenAPI for every route and a docs page', async () => {
    type Schema = { properties?: Record<string, unknown>; required?: string[] };
    const doc = (await (await s.call('GET', '/api/v1/openapi.json')).json()) as { paths: Record<string, unknown>; components: { schemas: Record<string, Schema> } };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/feedback', '/tickets', '/tickets/{id}', '/auth/login']));
    // The ticket's shape is documented, down to each SLA clock.
    const { Ticket, SlaClock, TimelineEvent } = doc.components.schemas;
    expect(Ticket.required).toEqual(expect.arrayContaining(['status', 'priority', 'assigneeId', 'escalationLevel', 'sla', 'timeline']));
    expect(Object.keys(SlaClock.properties ?? {})).toEqual(expect.arrayContaining(['dueAt', 'state', 'pausedMs']));
    expect(Object.keys(TimelineEvent.properties ?? {})).toEqual(expect.arrayContaining(['actorName', 'at', 'from', 'to', 'reason']));
    const page = await s.call('GET', '/api/v1/docs');
    expect(await page.text()).toContain('/api/v1/feedback');
  });
});
