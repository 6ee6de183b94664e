// Generation rules through the API on the real stack: CRUD, reorder, simulation, fair round-robin.
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedback, rules, tickets, users } from '../../db/schema';
import { startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let admin: Session;
const pool: string[] = [];
type Simulation = { feedback: number; tickets: number; perRule: Array<{ ruleId: string; tickets: number; byPriority: Record<string, number>; byAssignee: Record<string, number>; byBranch: Record<string, number> }> };
const json = async <T = Record<string, unknown>>(r: Response) => (await r.json()) as T;

beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
  for (const name of ['Ada', 'Ben', 'Cy']) {
    const id = randomUUID();
    await s.database.db.insert(users).values({ id, email: `${name.toLowerCase()}@test.local`, name, passwordHash: 'x', role: 'agent', branches: ['main'] });
    pool.push(id);
  }
});
afterAll(async () => s?.teardown());

const npsRule = (over: Record<string, unknown> = {}) => ({
  name: 'NPS detractors round-robin',
  trigger: { buckets: ['nps_detractor'], keywords: [] },
  outcome: { priority: 'medium', pool, strategy: 'round_robin' },
  ...over,
});

describe('rules API', () => {
  let ruleId: string;

  it('creates, lists in order, updates, reorders and deletes', async () => {
    const bad = await s.call('POST', '/api/v1/rules', { name: 'x', trigger: { buckets: [], keywords: [] }, outcome: { priority: 'low' } }, admin);
    expect(bad.status).toBe(400);
    const created = await s.call('POST', '/api/v1/rules', npsRule(), admin);
    expect(created.status).toBe(201);
    ruleId = (await json<{ id: string }>(created)).id;
    const list = await json<{ items: Array<{ id: string; position: number }> }>(await s.call('GET', '/api/v1/rules', undefined, admin));
    expect(list.items.map((r) => r.id).at(-1)).toBe(ruleId);
    const demo = list.items[0].id;
    const reordered = await json<{ items: Array<{ id: string }> }>(await s.call('POST', '/api/v1/rules/reorder', { ids: [ruleId, demo] }, admin));
    expect(reordered.items.map((r) => r.id)).toEqual([ruleId, demo]);
    expect((await s.call('POST', '/api/v1/rules/reorder', { ids: [ruleId] }, admin)).status).toBe(400);
    const upd = await s.call('PUT', `/api/v1/rules/${ruleId}`, npsRule({ name: 'NPS detractors (edited)' }), admin);
    expect((await json<{ name: string }>(upd)).name).toBe('NPS detractors (edited)');
    const tmp = await json<{ id: string }>(await s.call('POST', '/api/v1/rules', npsRule({ name: 'temp' }), admin));
    expect((await s.call('DELETE', `/api/v1/rules/${tmp.id}`, undefined, admin)).status).toBe(204);
    expect((await s.call('DELETE', `/api/v1/rules/${tmp.id}`, undefined, admin)).status).toBe(404);
  });

  it('stores score ranges and contact conditions, and explains a bad range', async () => {
    const def = { name: 'NPS 0–4 reachable', trigger: { scoreRanges: [{ type: 'nps', min: 0, max: 4 }] }, condition: 'with_comment_or_contact', outcome: { priority: 'high' }, active: false };
    const created = await s.call('POST', '/api/v1/rules', def, admin);
    expect(created.status).toBe(201);
    const r = await json<{ id: string; trigger: unknown; condition: string }>(created);
    expect(r.trigger).toEqual({ buckets: [], scoreRanges: [{ type: 'nps', min: 0, max: 4 }], keywords: [] });
    expect(r.condition).toBe('with_comment_or_contact');
    const bad = await s.call('POST', '/api/v1/rules', { ...def, trigger: { scoreRanges: [{ type: 'star', min: 0, max: 2 }] } }, admin);
    expect(bad.status).toBe(400);
    expect((await json<{ error: { message: string } }>(bad)).error.message).toContain('a star range must lie within 1–5');
    expect((await s.call('POST', '/api/v1/rules', { ...def, condition: 'sometimes' }, admin)).status).toBe(400);
    expect((await s.call('DELETE', `/api/v1/rules/${r.id}`, undefined, admin)).status).toBe(204);
  });

  it('keeps round-robin fair under 100 concurrent intakes', async () => {
    const accepted = await Promise.all(Array.from({ length: 100 }, (_, i) => s.postFeedback({ channel: 'app', type: 'nps', score: 3, externalId: `rr-${i}`, branch: 'main' })));
    expect(accepted.map((r) => r.status)).toEqual(Array(100).fill(202));
    await s.eventually(async () => {
      const [{ c }] = await s.database.db.select({ c: sql<number>`count(*)::int` }).from(feedback).where(eq(feedback.ruleId, ruleId));
      return Number(c) === 100;
    }, 120_000);
    const rows = await s.database.db
      .select({ assignee: feedback.assigneeId, n: sql<number>`count(*)::int` })
      .from(feedback)
      .where(eq(feedback.ruleId, ruleId))
      .groupBy(feedback.assigneeId);
    // The rotation starts at the head of the pool, so 100 = 34 + 33 + 33 in pool order, whatever the interleaving.
    expect(Object.fromEntries(rows.map((r) => [r.assignee, Number(r.n)]))).toEqual({ [pool[0]]: 34, [pool[1]]: 33, [pool[2]]: 33 });
    // Every pick advanced the durable cursor exactly once: the 100th pick was the head of the pool.
    const [rule] = await s.database.db.select({ rrCursor: rules.rrCursor }).from(rules).where(eq(rules.id, ruleId));
    expect(rule.rrCursor).toBe(0);
    // One ticket per feedback, each with the assignee the rules picked.
    await s.eventually(async () => {
      const [{ c }] = await s.database.db.select({ c: sql<number>`count(*)::int` }).from(tickets).where(eq(tickets.ruleId, ruleId));
      return Number(c) === 100;
    }, 120_000);
    const mismatched = await s.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(tickets)
      .innerJoin(feedback, eq(feedback.ticketNumber, tickets.number))
      .where(and(eq(tickets.ruleId, ruleId), sql`${tickets.assigneeId} is distinct from ${feedback.assigneeId}`));
    expect(Number(mismatched[0].n)).toBe(0);
  }, 180_000);

  it('simulates a draft rule set over stored feedback without opening tickets or moving cursors', async () => {
    const [{ before }] = await s.database.db.select({ before: sql<number>`count(*)::int` }).from(tickets);
    const cursorsBefore = await s.database.db.select({ id: rules.id, rrCursor: rules.rrCursor }).from(rules).orderBy(rules.id);
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const res = await s.call('POST', '/api/v1/rules/simulate', { from, to, rules: [npsRule({ outcome: { priority: 'high', pool: pool.slice(0, 2), strategy: 'round_robin' } })] }, admin);
    expect(res.status).toBe(200);
    const sim = await json<Simulation>(res);
    expect(sim.tickets).toBe(100);
    expect(sim.perRule[0].byPriority).toEqual({ high: 100 });
    expect(sim.perRule[0].byBranch).toEqual({ main: 100 });
    expect(sim.perRule[0].byAssignee).toEqual({ [pool[0]]: 50, [pool[1]]: 50 });
    const [{ after }] = await s.database.db.select({ after: sql<number>`count(*)::int` }).from(tickets);
    expect(after).toBe(before);
    expect(await s.database.db.select({ id: rules.id, rrCursor: rules.rrCursor }).from(rules).orderBy(rules.id)).toEqual(cursorsBefore);
  });

  it('simulates in order with score ranges, conditions, scopes and an unassignable pool', async () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    await s.database.db.insert(feedback).values([
      { id: 'sim-a', channel: 'web', externalId: 'sim-a', type: 'nps', score: 2, comment: 'slow', contact: { email: 'a@example.com' }, branch: 'north', submittedAt: new Date(), outcome: 'no_match' },
      { id: 'sim-b', channel: 'web', externalId: 'sim-b', type: 'nps', score: 4, comment: null, contact: {}, branch: 'north', submittedAt: new Date(), outcome: 'no_match' },
      { id: 'sim-c', channel: 'web', externalId: 'sim-c', type: 'star', score: 3, comment: 'ok', contact: {}, branch: 'south', submittedAt: new Date(), outcome: 'no_match' },
    ]);
    const res = await s.call(
      'POST',
      '/api/v1/rules/simulate',
      {
        from,
        to,
        rules: [
          // Fires first for north answers of NPS 0–4 that left an e-mail; nobody can take them.
          { id: 'north-reachable', name: 'North, reachable', trigger: { scoreRanges: [{ type: 'nps', min: 0, max: 4 }] }, condition: 'with_contact', scope: { branches: ['north'], services: [] }, outcome: { priority: 'high', pool: ['nobody-here'] } },
          { id: 'all-detractors', name: 'All NPS detractors', trigger: { buckets: ['nps_detractor'] }, outcome: { priority: 'medium', pool: [pool[2]], strategy: 'first_available' } },
          { id: 'inactive', name: 'Inactive', active: false, trigger: { buckets: ['star_3'] }, outcome: { priority: 'low' } },
          { id: 'star-3-comment', name: 'Star 3 with comment', trigger: { buckets: ['star_3'] }, condition: 'with_comment', outcome: { priority: 'low' } },
        ],
      },
      admin,
    );
    expect(res.status).toBe(200);
    const sim = await json<Simulation>(res);
    const by = Object.fromEntries(sim.perRule.map((r) => [r.ruleId, r]));
    expect(by['north-reachable']).toMatchObject({ tickets: 1, byBranch: { north: 1 }, byPriority: { high: 1 }, byAssignee: { '(unassigned)': 1 } });
    // 100 from the round-robin test plus sim-b.
    expect(by['all-detractors']).toMatchObject({ tickets: 101, byBranch: { main: 100, north: 1 }, byAssignee: { [pool[2]]: 101 } });
    expect(by.inactive.tickets).toBe(0);
    expect(by['star-3-comment']).toMatchObject({ tickets: 1, byBranch: { south: 1 } });
    expect(sim.tickets).toBe(103);
  });

  it('is admin-only', async () => {
    await s.database.db.insert(users).values({ id: 'agent-z', email: 'z@test.local', name: 'Z', passwordHash: await (await import('../../platform/security')).hashPassword('zz-pass-1'), role: 'agent', branches: ['main'] });
    const agent = await s.login('z@test.local', 'zz-pass-1');
    expect((await s.call('GET', '/api/v1/rules', undefined, agent)).status).toBe(403);
  });
});
